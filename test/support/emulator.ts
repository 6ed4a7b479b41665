/**
 * Test helpers around the local relay emulator (server/emulator). Other suites code against these.
 * Real sockets on 127.0.0.1, random port.
 */
import http from "node:http";
import https from "node:https";
import { startEmulator, type EmulatorOptions, type RelayEmulator } from "../../server/emulator";
import { DEFAULT_HYBRID_CONNECTION, DEFAULT_LISTEN_RULE, DEFAULT_SEND_RULE, ROOT_RULE } from "../../server/emulator/config";
import { createSasToken } from "../../server/relay/sas-token";

export type { EmulatorOptions, RelayEmulator } from "../../server/emulator";

/** Starts an emulator on a random port (default namespace unless `config` is given). Remember `await emu.stop()`. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RelayEmulator> {
  return startEmulator({ port: 0, ...options });
}

function ruleFor(emu: RelayEmulator, hc: string, right: "Listen" | "Send", preferred: string) {
  const rules = emu.namespace.listRules().filter((r) => r.hybridConnection === undefined || r.hybridConnection === hc);
  return (
    rules.find((r) => r.name === preferred) ??
    rules.find((r) => r.rights.length === 1 && r.rights[0] === right) ??
    rules.find((r) => r.rights.includes(right) || r.rights.includes("Manage"))
  );
}

/** The emulator's connection string for rule `policy` (e.g. `ecs-core-listen`); throws naming the rule if it has none. */
export function connectionStringOf(emu: RelayEmulator, policy: string): string {
  const cs = emu.connectionStrings().find((c) => c.policy === policy);
  if (!cs) throw new Error(`no connection string for rule ${policy}`);
  return cs.connectionString;
}

/** The Listen-only rule's connection string (`ecs-core-listen` in the default namespace). */
export function listenerConnectionString(emu: RelayEmulator, hc = DEFAULT_HYBRID_CONNECTION): string {
  const rule = ruleFor(emu, hc, "Listen", DEFAULT_LISTEN_RULE);
  if (!rule) throw new Error(`no Listen rule for ${hc}`);
  return connectionStringOf(emu, rule.name);
}

/** `RootManageSharedAccessKey`'s connection string. */
export function rootConnectionString(emu: RelayEmulator): string {
  return connectionStringOf(emu, ROOT_RULE);
}

/** A Send SAS token for `hc` (the Send-only rule's), as an HTTP/WebSocket sender presents it. */
export function sendToken(emu: RelayEmulator, hc = DEFAULT_HYBRID_CONNECTION, lifetimeSeconds = 3600): string {
  const rule = ruleFor(emu, hc, "Send", DEFAULT_SEND_RULE);
  if (!rule) throw new Error(`no Send rule for ${hc}`);
  return createSasToken({ namespace: emu.namespaceHost, hybridConnectionName: hc, keyName: rule.name, key: rule.primaryKey, lifetimeSeconds });
}

/** A Listen SAS token for `hc` (the Listen-only rule's). */
export function listenToken(emu: RelayEmulator, hc = DEFAULT_HYBRID_CONNECTION, lifetimeSeconds = 3600): string {
  const rule = ruleFor(emu, hc, "Listen", DEFAULT_LISTEN_RULE);
  if (!rule) throw new Error(`no Listen rule for ${hc}`);
  return createSasToken({ namespace: emu.namespaceHost, hybridConnectionName: hc, keyName: rule.name, key: rule.primaryKey, lifetimeSeconds });
}

/** `ws(s)://127.0.0.1:PORT/$hc/{hc}?sb-hc-action=listen` (hyco-https's URI helpers force :443, so build it by hand). */
export function listenUri(emu: RelayEmulator, hc = DEFAULT_HYBRID_CONNECTION): string {
  return `${emu.tls ? "wss" : "ws"}://${emu.namespaceHost}/$hc/${hc}?sb-hc-action=listen`;
}

export interface AdminResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Calls the admin API: `emulatorAdmin(emu, "POST", "faults/drop-listeners", { hybridConnection: "ecs-core" })`. */
export function emulatorAdmin(emu: RelayEmulator, method: string, path: string, body?: unknown): Promise<AdminResponse> {
  const url = new URL(`/$emulator/${path.replace(/^\/?(\$emulator\/)?/, "")}`, emu.httpUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {};
  return new Promise((resolve, reject) => {
    const req = (emu.tls ? https : http).request(url, { method, headers, ca: emu.caCert, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          /* not JSON: return the text */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}
