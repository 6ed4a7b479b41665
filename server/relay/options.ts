/**
 * Defaults for the data plane's tuning (protocol.ts `DataPlaneOptions`). Each default says why it is what it is.
 */
import { ENGINE_NAMES as ENGINES, type DataPlaneOptions, type JournalSettings, type RelayEngineName, type TargetGuardSettings } from "./protocol";


export type ResolvedDataPlaneOptions = Required<DataPlaneOptions>;

export const DEFAULT_DATA_PLANE_OPTIONS: Readonly<ResolvedDataPlaneOptions> = Object.freeze({
  /**
   * 100 MiB. hyco-https hands a request body over as ONE WebSocket message, held in memory whole, so this also
   * bounds one upload's memory; past it the sender gets 413 while the body is still arriving (request-body-guard.ts,
   * which replaces ws's own 100 MiB cap). Env: ECS_PLUGIN_AZURE_RELAY_MAXBODYBYTES.
   */
  maxBodyBytes: 100 * 1024 * 1024,
  /**
   * 60 s of target silence (counted again after each piece of request body the target takes, and after the upload):
   * Azure Relay itself answers the sender 504 after 60 s without a response, so waiting longer is useless.
   */
  targetTimeoutMs: 60_000,
  /**
   * 30 s: Azure's load balancers drop idle channels after ~4 min. The native engine pings at this interval and takes
   * a ping unanswered by the next one as a dead (half-open) connection: noticed within 60 s. hyco-https only pongs.
   */
  keepAliveMs: 30_000,
  /**
   * 7200 s. hyco-https renews a function token every 60 min counted from the connect, so a token of exactly
   * 3600 s (Azure SDKs' default) expires the moment it is renewed and the relay may close the channel with 1008 —
   * an hourly outage here, since a dropped listener is not silently reconnected. Twice the renewal interval leaves an
   * hour of margin. The listener also renews at half the lifetime itself (token-renewal.ts), so shorter values are safe.
   */
  tokenLifetimeSeconds: 7200,
  /**
   * native: it streams both ways, passes WebSocket senders and notices a silent relay (docs/native-engine.md);
   * `hyco-https` stays selectable as the fallback for an installation that meets one of its known limits.
   */
  engine: "native",
  /**
   * `pass`: the native engine passes WebSocket senders through to the target (that is what the relay offers them);
   * `refuse` turns that off for an installation that wants HTTP only. hyco-https always refuses them (501).
   */
  webSockets: "pass",
  /** The environment decides (HTTPS_PROXY / HTTP_PROXY / NO_PROXY), as for curl and most tools. */
  proxy: Object.freeze({}),
  /** The built-in deny list only (target-rules.ts): no exceptions until an admin names some; host sockets come from the plugin. */
  targetGuard: Object.freeze({}),
  /**
   * On, query values redacted, the built-in header deny list only (request-journal-tap.ts): an admin needs the record
   * of what went through to debug, and a record must never hold a secret. Setting `journal=off` for benchmarks.
   */
  journal: Object.freeze({ enabled: true, keepQueryValues: false, redactHeaders: [] as string[] }),
});

const NOT_NUMERIC = ["engine", "targetGuard", "webSockets", "proxy", "journal"];
type NumericOption = Exclude<keyof ResolvedDataPlaneOptions, "engine" | "targetGuard" | "webSockets" | "proxy" | "journal">;

/**
 * Overlays the given options on the defaults; ignores undefined fields and rejects nonsensical values.
 * `maxBodyBytes: 0` means no limit (stored as Infinity, so every comparison against it simply passes).
 */
export function resolveOptions(base: ResolvedDataPlaneOptions, patch: DataPlaneOptions = {}): ResolvedDataPlaneOptions {
  const out: ResolvedDataPlaneOptions = { ...base };
  if (patch.engine !== undefined) {
    if (!ENGINES.includes(patch.engine)) throw new RangeError(`engine must be one of ${ENGINES.join(", ")}`);
    out.engine = patch.engine;
  }
  if (patch.webSockets !== undefined) {
    if (patch.webSockets !== "pass" && patch.webSockets !== "refuse") throw new RangeError("webSockets must be pass or refuse");
    out.webSockets = patch.webSockets;
  }
  if (patch.maxBodyBytes === 0) {
    out.maxBodyBytes = Number.POSITIVE_INFINITY;
    patch = { ...patch, maxBodyBytes: undefined };
  }
  if (patch.targetGuard !== undefined) out.targetGuard = patch.targetGuard as TargetGuardSettings;
  if (patch.proxy !== undefined) out.proxy = { ...patch.proxy };
  if (patch.journal !== undefined) out.journal = { ...base.journal, ...(patch.journal as JournalSettings) };
  for (const key of Object.keys(DEFAULT_DATA_PLANE_OPTIONS).filter((k) => !NOT_NUMERIC.includes(k)) as NumericOption[]) {
    const value = patch[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`${key} must be a positive number of ${key.endsWith("Bytes") ? "bytes" : key.endsWith("Seconds") ? "seconds" : "milliseconds"}`);
    }
    out[key] = value;
  }
  return out;
}
