/** `npm start` as a newcomer runs it: everything comes up, the demo registration relays a request, SIGTERM exits 0. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");
let child: ChildProcess;
let output = "";
let dataDir: string;

function waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in npm start's output:\n${output}`)), timeoutMs);
    const check = (): void => {
      const match = output.match(pattern);
      if (match) { clearTimeout(timer); child.stdout!.off("data", check); resolve(match); }
    };
    child.stdout!.on("data", check);
    check();
  });
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "ecs-start-"));
  child = spawn(process.execPath, ["-r", "@swc-node/register", "scripts/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", RELAY_EMULATOR_PORT: "0", SAMPLE_SERVICE_PORT: "0", ECS_DATA_DIR: dataDir, ECS_ADMIN_TOKEN: "", ECS_READER_TOKEN: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => { output += d.toString(); });
  child.stderr!.on("data", (d: Buffer) => { output += d.toString(); });
});
afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

test("prints where everything runs, adds the demo registration, and relays a request to the sample service", async () => {
  const [, hostUrl] = await waitForOutput(/ECS Core reference host\s+(http:\/\/127\.0\.0\.1:\d+)\//);
  const [, emulatorUrl] = await waitForOutput(/Relay emulator\s+(http:\/\/127\.0\.0\.1:\d+)\//);
  await waitForOutput(/Added the registration "Sample \(emulator\)"/);
  const [, token] = await waitForOutput(/First start: admin token (\S+)/);
  const [, sendString] = await waitForOutput(/relay-token -- "([^"]+)" ecs-core/);

  await waitForOnline(hostUrl, token);
  const sas = await runRelayToken(sendString);
  const res = await fetch(`${emulatorUrl}/ecs-core/api/materials/100-100`, { headers: { ServiceBusAuthorization: sas } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ function: "BAPI_MATERIAL_GET_DETAIL", material: "100-100" });
});

test("SIGTERM stops everything and exits 0", async () => {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
});

async function waitForOnline(hostUrl: string, token: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${hostUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ relayRegistrations { status { state } } }" }),
    });
    const body = (await res.json()) as { data: { relayRegistrations: Array<{ status: { state: string } }> } };
    if (body.data.relayRegistrations[0]?.status.state === "ONLINE") return;
    if (Date.now() > deadline) throw new Error(`demo registration not ONLINE: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function runRelayToken(connectionString: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const tool = spawn(process.execPath, ["-r", "@swc-node/register", "scripts/relay-token.ts", connectionString, "ecs-core"], { cwd: ROOT });
    let out = "";
    tool.stdout.on("data", (d: Buffer) => { out += d.toString(); });
    tool.on("exit", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`relay-token exited ${code}`))));
  });
}
