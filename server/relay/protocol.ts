/**
 * Messages between the supervisor (control plane, main thread) and the data-plane worker.
 * Plain data only: the data plane knows nothing of GraphQL, the store or the UI.
 *
 * A listener is identified by `listenerId` (the supervisor uses `${registrationId}#${generation}`), so that during
 * key rotation two listeners of one registration can run side by side. A `start` makes exactly ONE connection
 * lifecycle: the worker connects, reports `online`, and on any drop or refusal reports `down` and tears the listener
 * down completely (no hidden reconnect inside hyco-https). Retrying is the supervisor's decision.
 */

/** Everything the worker needs to run one listener. Carries the key in clear: only ever crosses the thread boundary. */
export interface ListenerSpec {
  listenerId: string;
  registrationId: string;
  /** Host name with optional port: `contoso.servicebus.windows.net` or `127.0.0.1:9351`. */
  namespace: string;
  hybridConnectionName: string;
  /** false only for the local emulator (`UseDevelopmentEmulator=true`): ws:// instead of wss://. */
  secure: boolean;
  keyName: string;
  key: string;
  /** Base URL of the local web service relayed requests go to. */
  targetUrl: string;
  /** WebSocket senders of this registration (native engine): `pass` or `refuse` (403). Absent: the installation's `webSockets` option. */
  webSockets?: "pass" | "refuse";
  /** Record up to 4 kB of each request and response body in the request journal (request-journal-tap.ts). Default false. */
  recordBodies?: boolean;
}

/** Which implementation of the relay protocol serves listeners (docs/native-engine.md). */
export type RelayEngineName = "native" | "hyco-https";
/** The engines there are, for settings validation. */
export const ENGINE_NAMES: readonly RelayEngineName[] = ["native", "hyco-https"];

/** Data-plane tuning; every field has a default in the worker (see server/relay/options.ts). */
export interface DataPlaneOptions {
  /** Largest request body accepted from the relay before answering 413; 0 = no limit. Default 100 MiB. */
  maxBodyBytes?: number;
  /** How long the target may stay silent — after the last request byte passed on — before 504. Default 60 000 ms (as Azure's own limit). */
  targetTimeoutMs?: number;
  /** Keep-alive interval on the control channel: native pings (no answer by the next ping = dead), hyco-https unsolicited pongs. Default 30 000 ms (Azure drops idle channels after ~4 min). */
  keepAliveMs?: number;
  /** Lifetime of each SAS token the listener presents. Default 7200 s: hyco-https renews exactly 60 min after connecting, so a 3600 s token could expire at the renewal (1008); native renews at 80 % of the lifetime. */
  tokenLifetimeSeconds?: number;
  /** The engine for listeners started from now on. Default `hyco-https` until the native engine passes every data-plane test. */
  engine?: RelayEngineName;
  /**
   * The outbound proxy of the native engine's relay connections, overriding the environment (HTTPS_PROXY /
   * HTTP_PROXY / NO_PROXY). `url` may carry credentials: it only crosses the thread boundary, like the keys.
   * Default: the environment's.
   */
  proxy?: { url?: string; noProxy?: string };
  /** WebSocket senders on the native engine: `pass` them through to the target, or `refuse` them (403). Default `pass`. */
  webSockets?: "pass" | "refuse";
  /** Which target addresses relayed requests may not reach (target-rules.ts). Default: the built-in deny list, no exceptions, no host sockets known. */
  targetGuard?: TargetGuardSettings;
  /** What the request journal records (request-journal-tap.ts). Default: on, query values redacted, only the built-in header deny list. */
  journal?: JournalSettings;
}

/** Settings of the request journal's data-plane side (server/relay/request-journal-tap.ts, docs/operations.md). */
export interface JournalSettings {
  /** Report one record per finished request. Default true; false (setting `journal=off`) leaves metrics from records empty. */
  enabled?: boolean;
  /** Keep query values in recorded paths. Default false: names kept, values `REDACTED` (secrets travel in queries). */
  keepQueryValues?: boolean;
  /** Header names never recorded, beyond the built-in list (setting `journalRedactHeaders`). Default none. */
  redactHeaders?: string[];
}

/** Settings of the target address guard (server/relay/target-rules.ts). */
export interface TargetGuardSettings {
  /** Addresses or CIDRs exempt from the deny list (setting `targetAllow`). Default none: the deny list has no exceptions. */
  allow?: string[];
  /** The host's own listening sockets (from the host contract), refused as targets. Default none. */
  hostEndpoints?: Array<{ address: string; port: number }>;
}

/**
 * A one-time permission for a listener of `registrationId` to answer one end-to-end probe (probe-responder.ts).
 * Issued by the control plane for one probe only; `nonce` and `answer` are random, never reused.
 */
export interface ProbeGrant {
  registrationId: string;
  /** What the probe request carries (header x-azure-relay-probe-nonce). */
  nonce: string;
  /** What the listener answers with (header x-azure-relay-probe-answer): never sent towards the relay by the prober. */
  answer: string;
  /** This host's id, reported back as the listener that answered. */
  hostId: string;
  /** How long the nonce is valid (ms); the worker caps it at 60 s. */
  ttlMs: number;
}

export type WorkerCommand =
  | { type: "configure"; options: DataPlaneOptions }
  /** Allow one end-to-end probe (probe-responder.ts). */
  | { type: "probe-nonce"; grant: ProbeGrant }
  | { type: "start"; listener: ListenerSpec }
  /** Stop accepting, let in-flight requests finish for at most `drainMs`, then close. */
  | { type: "stop"; listenerId: string; drainMs: number }
  | { type: "shutdown"; drainMs: number };

/** What the relay said when a connection failed or dropped; classified by the supervisor (failure-classification.ts). */
export type RelaySignal =
  /** The listen handshake was answered with an HTTP status (401, 403, 404, 5xx…). */
  | { kind: "handshake"; status: number }
  /** An open control channel was closed by the relay with this WebSocket close code. */
  | { kind: "close"; code: number; reason: string }
  /** A socket-level failure (ECONNREFUSED, ENOTFOUND, ETIMEDOUT…). */
  | { kind: "network"; code: string; message: string }
  /** Not the relay: something threw inside the listener (hyco-https or our handlers), so it was torn down to be recycled. */
  | { kind: "fault"; message: string };

/** Traffic counters of one listener since it started (the supervisor sums generations). */
export interface TrafficSnapshot {
  requests: number;
  /** Failed requests by class: targetUnreachable (502), targetTimeout (504), tooLarge (413), targetError (target 5xx), aborted (sender went away). */
  failed: Record<"targetUnreachable" | "targetTimeout" | "tooLarge" | "targetError" | "aborted", number>;
  bytesIn: number;
  bytesOut: number;
  lastRequestAt: string | null;
  /**
   * Answers in which several values of one header (typically Set-Cookie) had to be folded into one, because the relay
   * protocol carries one value per header name (docs/native-engine.md). Absent = 0.
   */
  foldedHeaders?: number;
  /** Token renewals this listener sent (ours: native and hyco-https at half the lifetime; not hyco-https's own hourly one). Absent = 0. */
  tokenRenewals?: number;
  /** Latency percentiles (ms) over the recent window (last 1 000 requests); null when none. */
  latencyMs: { p50: number; p95: number; p99: number } | null;
}

export type WorkerEvent =
  | { type: "ready" }
  | { type: "connecting"; listenerId: string }
  | { type: "online"; listenerId: string }
  /** The listener is gone (refused, dropped or stopped) and holds no socket any more. `signal` is absent after a requested stop. */
  | { type: "down"; listenerId: string; signal?: RelaySignal }
  | { type: "traffic"; listenerId: string; traffic: TrafficSnapshot }
  /** A `probe-nonce` grant is held: the prober sends its request only after this (no race with the relay's path). */
  | { type: "probe-granted"; nonce: string }
  /** Finished requests since the last tick (request journal), every listener's in one message (worker-main.ts). */
  | { type: "requests"; batches: RequestBatch[] }
  /** Something went wrong inside the worker that did not end it (a throw from hyco-https caught and contained). */
  | { type: "fault"; listenerId?: string; message: string };

/**
 * What the worker posts: its events, except that finished requests travel packed (packed-records.ts) as
 * `requests-packed`; the data plane unpacks them into the `requests` event (data-plane.ts).
 */
export type WorkerMessage = Exclude<WorkerEvent, { type: "requests" }> | { type: "requests-packed"; batches: PackedRequestBatch[] };

/** One listener's finished requests as they cross the thread boundary (the `requests-packed` worker message). */
export interface PackedRecords {
  count: number;
  /** NUMBERS per record: at, durationMs, bytesIn, bytesOut, status (-1: none), flags (outcome index | QUERY_REDACTED). */
  numbers: Float64Array;
  /** STRINGS per record: method, path, senderAddress, trackingId ("" for none), headers, responseHeaders. */
  strings: string[];
  /** Two per record (request, response) when the listener records bodies; absent otherwise. */
  bodies?: Array<RecordedBody | undefined>;
}

/** One listener's finished requests as they cross the thread boundary. */
export interface PackedRequestBatch {
  listenerId: string;
  records: PackedRecords;
}

/** One listener's finished requests in a `requests` event. */
export interface RequestBatch {
  listenerId: string;
  /** The records (unpacked on first access: the journal reads `packed` and never asks). */
  readonly records: RequestRecord[];
  /** The batch as it crossed from the worker, when it did (packed-records.ts). */
  readonly packed?: PackedRecords;
}

/** How a relayed request ended, as the journal shows it. */
export type RequestRecordOutcome = "FORWARDED" | "TOO_LARGE" | "BAD_GATEWAY" | "GATEWAY_TIMEOUT" | "ABORTED";

/** A body as the journal keeps it: at most 4 kB of text, binary as size only, a streamed one as size only. */
export interface RecordedBody {
  size: number;
  /** UTF-8 text of the first bytes; absent for binary or not captured (streamed). */
  text?: string;
  binary: boolean;
  truncated: boolean;
}

/**
 * One finished relayed request (request-journal-tap.ts), already redacted in the worker: no secret header, no query
 * value (unless kept by setting; `sig`, `SharedAccessKey` and `sb-hc-token` values never), ever crosses to the journal.
 */
export interface RequestRecord {
  /** Epoch ms when the request arrived. */
  at: number;
  method: string;
  /** Path below the hybrid connection, query values redacted. */
  path: string;
  /** What the sender got; absent when no answer began (the sender went away first). */
  status?: number;
  durationMs: number;
  bytesIn: number;
  bytesOut: number;
  senderAddress?: string;
  /** The relay's id of this request (`request.id`), to find it in the relay's own logs. */
  trackingId?: string;
  outcome: RequestRecordOutcome;
  /**
   * Request headers, secret ones left out, as `name: value` lines (one string, not pairs: a batch of strings crosses
   * the thread boundary at a sixth of the cost of nested arrays; the journal splits them only when shown).
   */
  headers: string;
  /** Response headers as `name: value` lines, secret ones (Set-Cookie…) left out. */
  responseHeaders: string;
  requestBody?: RecordedBody;
  responseBody?: RecordedBody;
  /** The recorded path had query values redacted (a replay would not send the same request). */
  queryRedacted?: boolean;
}
