/** `npm run emulator` (server/emulator/cli.ts through @swc-node/register): banner, flags, clean SIGTERM. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseCli } from "../../server/emulator/cli";

const ROOT = join(__dirname, "..", "..");

test("flags and RELAY_EMULATOR_PORT", () => {
  expect(parseCli([], {}).port).toBe(9351);
  expect(parseCli([], { RELAY_EMULATOR_PORT: "7000" }).port).toBe(7000);
  const o = parseCli(["--port", "0", "--tls-self-signed", "--hybrid-connection", "extra", "--response-timeout-ms", "1500", "--quiet"], { RELAY_EMULATOR_PORT: "7000" });
  expect(o).toMatchObject({ port: 0, tls: "self-signed", responseTimeoutMs: 1500, log: undefined });
  expect(o.config?.hybridConnections?.map((h) => h.name)).toEqual(["ecs-core", "extra"]);
  expect(() => parseCli(["--tls-cert", "x.pem"], {})).toThrow(/go together/);
  expect(() => parseCli([], { RELAY_EMULATOR_PORT: "abc" })).toThrow(/RELAY_EMULATOR_PORT/);
});

test("the CLI prints its connection strings and a curl example, serves, and exits 0 on SIGTERM", async () => {
  const child = spawn(process.execPath, ["-r", "@swc-node/register", "server/emulator/cli.ts", "--quiet"], {
    cwd: ROOT,
    env: { ...process.env, RELAY_EMULATOR_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    const deadline = Date.now() + 20_000;
    while (!/Admin API/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(/Endpoint=sb:\/\/127\.0\.0\.1:\d+\/;SharedAccessKeyName=ecs-core-listen;SharedAccessKey=\S+;UseDevelopmentEmulator=true/);
    expect(out).toMatch(/curl -i -H 'ServiceBusAuthorization: SharedAccessSignature \S+' http:\/\/127\.0\.0\.1:\d+\/ecs-core\//);
    const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1];
    const res = await fetch(`${base}/$emulator/stats`);
    expect(await res.json()).toEqual({ hybridConnections: { "ecs-core": { listeners: 0, requests: 0, bytesIn: 0, bytesOut: 0, errors: 0 } } });
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
  expect(out).toContain("SIGTERM: stopping the relay emulator");
}, 30_000);
