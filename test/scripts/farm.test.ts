/**
 * `npm run farm` as a newcomer runs it: Redis, the emulator, the sample service and two hosts on consecutive ports
 * come up; the demo registration (added once) is ONLINE on both hosts; a request through the emulator reaches the
 * sample service; SIGINT stops everything, exit 0, and none of its child processes (Redis) is left running.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runRelayToken, startScript, waitForFirstRegistrationOnline, type ScriptProcess } from "../support/script-process";

let farm: ScriptProcess;
let dataDir: string;
const hostUrls: string[] = [];

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "ecs-farm-run-"));
  farm = startScript("scripts/farm.ts", { PORT: "0", RELAY_EMULATOR_PORT: "0", SAMPLE_SERVICE_PORT: "0", REDIS_PORT: "0", ECS_DATA_DIR: dataDir, ECS_ADMIN_TOKEN: "", ECS_READER_TOKEN: "", ECS_SECRET_KEY: "" });
});
afterAll(() => {
  if (farm.child.exitCode === null) farm.child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

test("two hosts on consecutive ports share the demo registration, ONLINE on both, and relay a request", async () => {
  const [, a, portA] = await farm.waitForOutput(/Host host-a\s+(http:\/\/127\.0\.0\.1:(\d+))\//, 90_000);
  const [, b, portB] = await farm.waitForOutput(/Host host-b\s+(http:\/\/127\.0\.0\.1:(\d+))\//);
  hostUrls.push(a, b);
  expect(Number(portB)).toBe(Number(portA) + 1);
  await farm.waitForOutput(/Redis\s+redis:\/\/127\.0\.0\.1:\d+\s+\(pid \d+; data in .*\/farm\/redis\)/);
  const [, token] = await farm.waitForOutput(/First start: admin token (\S+)/);
  await farm.waitForOutput(/Added the registration "Sample \(emulator\)"/);
  const [, emulatorUrl] = await farm.waitForOutput(/Relay emulator\s+(http:\/\/127\.0\.0\.1:\d+)\//);
  const [, sendString] = await farm.waitForOutput(/relay-token -- "([^"]+)" ecs-core/);

  // One sign-in for both hosts; the one registration is listened for by each of them.
  for (const url of hostUrls) await waitForFirstRegistrationOnline(url, token, 20_000);
  const hosts = await farmHosts(a, token);
  expect(hosts.map((h) => [h.hostId, h.listeners.map((l) => l.state)])).toEqual([["host-a", ["ONLINE"]], ["host-b", ["ONLINE"]]]);

  const sas = await runRelayToken(sendString);
  const res = await fetch(`${emulatorUrl}/ecs-core/api/materials/100-100`, { headers: { ServiceBusAuthorization: sas } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ function: "BAPI_MATERIAL_GET_DETAIL", material: "100-100" });
}, 120_000);

test("SIGINT stops everything: exit 0, no child process left (Redis included)", async () => {
  const children = descendantsOf(farm.child.pid!);
  expect(children.length).toBeGreaterThan(0); // at least redis-server
  farm.child.kill("SIGINT");
  expect(await farm.exited).toBe(0);
  expect(children.filter(isAlive)).toEqual([]);
  for (const url of hostUrls) await expect(fetch(`${url}/healthz`)).rejects.toThrow();
}, 60_000);

async function farmHosts(url: string, token: string): Promise<Array<{ hostId: string; listeners: Array<{ state: string }> }>> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ farmHosts { hostId listeners { state } } }" }),
  });
  return ((await res.json()) as { data: { farmHosts: Array<{ hostId: string; listeners: Array<{ state: string }> }> } }).data.farmHosts;
}

/** Every live process whose parent chain leads to `pid` (Linux /proc). */
function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      // The command may hold spaces and parentheses: the fields after the last ")" are state, ppid, …
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const [child, ppid] of parents) if (ppid === parent) (found.push(child), walk(child));
  };
  walk(pid);
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
