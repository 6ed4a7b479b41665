/** `npm start` as a newcomer runs it: everything comes up, the demo registration relays a request, SIGTERM exits 0. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runRelayToken, startScript, waitForFirstRegistrationOnline, type ScriptProcess } from "../support/script-process";

let start: ScriptProcess;
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "ecs-start-"));
  start = startScript("scripts/start.ts", { PORT: "0", RELAY_EMULATOR_PORT: "0", SAMPLE_SERVICE_PORT: "0", ECS_DATA_DIR: dataDir, ECS_ADMIN_TOKEN: "", ECS_READER_TOKEN: "" });
});
afterAll(() => {
  if (start.child.exitCode === null) start.child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

test("prints where everything runs, adds the demo registration, and relays a request to the sample service", async () => {
  const [, hostUrl] = await start.waitForOutput(/ECS Core reference host\s+(http:\/\/127\.0\.0\.1:\d+)\//);
  const [, emulatorUrl] = await start.waitForOutput(/Relay emulator\s+(http:\/\/127\.0\.0\.1:\d+)\//);
  await start.waitForOutput(/Added the registration "Sample \(emulator\)"/);
  const [, token] = await start.waitForOutput(/First start: admin token (\S+)/);
  const [, sendString] = await start.waitForOutput(/relay-token -- "([^"]+)" ecs-core/);

  await waitForFirstRegistrationOnline(hostUrl, token);
  const sas = await runRelayToken(sendString);
  const res = await fetch(`${emulatorUrl}/ecs-core/api/materials/100-100`, { headers: { ServiceBusAuthorization: sas } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ function: "BAPI_MATERIAL_GET_DETAIL", material: "100-100" });
});

test("SIGTERM stops everything and exits 0", async () => {
  start.child.kill("SIGTERM");
  expect(await start.exited).toBe(0);
});
