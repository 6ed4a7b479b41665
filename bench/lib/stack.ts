/**
 * Starting the measured processes and driving the product the way a script would: registrations over GraphQL,
 * hybrid connections over the emulator's admin API, senders with a Send token.
 */
import { createSasToken } from "../../server/relay/sas-token";
import type { EmulatorInfo } from "./emulator-process";
import { gqlOrThrow } from "./gql";
import type { HostInfo } from "./host-process";
import { startChild, type BenchChild } from "./processes";
import type { TargetInfo } from "./target-process";

export type EmulatorChild = BenchChild<EmulatorInfo>;
export type TargetChild = BenchChild<TargetInfo>;
export type HostChild = BenchChild<HostInfo>;

export const startEmulatorChild = (): Promise<EmulatorChild> => startChild<EmulatorInfo>("emulator", "lib/emulator-process.ts");
export const startTargetChild = (): Promise<TargetChild> => startChild<TargetInfo>("target", "lib/target-process.ts");

/**
 * A host forwarding to `target`: a fresh store, or the one in `dataDir` (kept); `execArgv` e.g. for --cpu-prof;
 * `engine` the relay engine its listeners use (default: BENCH_ENGINE from `--engine`, else the plugin's default).
 */
export function startHostChild(target: TargetChild, execArgv: string[] = [], dataDir?: string, engine = process.env.BENCH_ENGINE, maxBodyBytes?: number, journal?: "on" | "off"): Promise<HostChild> {
  const env: Record<string, string> = {
    ECS_DEFAULT_TARGET_URL: target.info.url,
    ...(dataDir ? { BENCH_DATA_DIR: dataDir } : {}),
    ...(engine ? { BENCH_ENGINE: engine } : {}),
    ...(maxBodyBytes !== undefined ? { BENCH_MAX_BODY_BYTES: String(maxBodyBytes) } : {}),
    ...(journal ? { BENCH_JOURNAL: journal } : {}),
  };
  return startChild<HostInfo>("host", "lib/host-process.ts", { env, execArgv: ["--expose-gc", ...execArgv] });
}

export function startBareChild(emulator: EmulatorChild, target: TargetChild, hybridConnection: string, execArgv: string[] = []): Promise<BenchChild<unknown>> {
  const config = { namespaceHost: emulator.info.namespaceHost, hybridConnection, ...emulator.info.listen, targetUrl: target.info.url };
  return startChild("bare-forwarder", "bare-forwarder.ts", { config, execArgv });
}

/** Sender URL and headers for `path` on hybrid connection `hc`, as a cloud client would call it. */
export function relayRequest(emulator: EmulatorChild, hc: string, path: string): { url: string; headers: Record<string, string> } {
  const { namespaceHost, send } = emulator.info;
  const token = createSasToken({ namespace: namespaceHost, hybridConnectionName: hc, keyName: send.keyName, key: send.key });
  return { url: `http://${namespaceHost}/${hc}${path}`, headers: { ServiceBusAuthorization: token } };
}

/** Adds hybrid connections through the emulator's admin API (ignores ones that exist already). */
export async function addHybridConnections(emulator: EmulatorChild, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const response = await fetch(`${emulator.info.httpUrl}/$emulator/hybrid-connections`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    await response.arrayBuffer();
    if (response.status !== 201 && response.status !== 409) throw new Error(`adding hybrid connection ${name}: HTTP ${response.status}`);
  }
}

export async function dropListeners(emulator: EmulatorChild, hybridConnection: string): Promise<number> {
  const response = await fetch(`${emulator.info.httpUrl}/$emulator/faults/drop-listeners`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ hybridConnection }),
  });
  const body = (await response.json()) as { dropped?: number; error?: string };
  if (!response.ok) throw new Error(`drop-listeners: HTTP ${response.status} ${body.error ?? ""}`);
  return body.dropped ?? 0;
}

const ADD = `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`;

/** Adds a registration for `hybridConnectionName` with the emulator's Listen policy; returns its id. */
export async function addRegistration(host: HostChild, emulator: EmulatorChild, hybridConnectionName: string, enabled = true, targetUrl?: string): Promise<string> {
  const input = { connectionString: emulator.info.listenConnectionString, hybridConnectionName, name: hybridConnectionName, enabled, ...(targetUrl ? { targetUrl } : {}) };
  const data = await gqlOrThrow<{ addRelayRegistration: { id: string } }>(host.info, ADD, { input });
  return data.addRelayRegistration.id;
}

/** Polls the list until every id in `ids` is in `state`; returns the seconds waited, or throws with the laggards. */
export async function waitForAll(host: HostChild, ids: readonly string[], state: string, timeoutMs: number, pollMs = 25): Promise<number> {
  const started = Date.now();
  const wanted = new Set(ids);
  let behind: string[] = [];
  while (Date.now() - started < timeoutMs) {
    const data = await gqlOrThrow<{ relayRegistrations: Array<{ id: string; status: { state: string } }> }>(host.info, `{ relayRegistrations { id status { state } } }`);
    behind = data.relayRegistrations.filter((r) => wanted.has(r.id) && r.status.state !== state).map((r) => `${r.id}:${r.status.state}`);
    const seen = data.relayRegistrations.filter((r) => wanted.has(r.id)).length;
    if (behind.length === 0 && seen === wanted.size) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`${behind.length} of ${ids.length} registrations not ${state} after ${timeoutMs} ms (e.g. ${behind.slice(0, 3).join(", ")})`);
}
