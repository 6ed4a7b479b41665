/**
 * The host contract: everything a plugin may take from its ECS Core admin host, and nothing more.
 * The plugin imports only this file of the host; the reference host (server/host/reference/) implements it,
 * and so could the real ECS Core host. A contract test suite (test/host/contract.test.ts) runs against each implementation.
 */
import type { GraphQLSchema } from "graphql";

/**
 * Semantic version of this contract; plugin.json's `host.contract` is a semver range over it.
 * 2.0.0: RELAY_REFUSED left `ErrorCode` (it was the Azure Relay plugin's own code; plugins keep their codes).
 * 2.1.0: `farm` (configuration change feed and host membership of a web farm), additive.
 *         `health` (readiness checks behind the host's /ready) and `metrics` (collectors behind /metrics); additive.
 * 2.2.0: `farm.handleRequests` / `farm.request` (request/acknowledge across the hosts of a farm),
 *        `farm.publishEvent` / `onEvent` (fire-and-forget messages between a plugin's activations on every host) and
 *        `farm.condition` (why the farm is unavailable: unreachable, or a store that came back reset);
 *        system operations in the host's language: `SystemOperation.texts` (title, description and message
 *        templates per language) and `SystemOperationResult.summaryMessage` / `.lines` (messages by code + params);
 *        a `MetricFamily` may be a `histogram` (precomputed buckets);
 *        `log` (the host's recent log lines, redacted, for a plugin's diagnostics bundle); all additive.
 */
export const HOST_CONTRACT_VERSION = "2.2.0";

/** Something that can be undone: returned by every `register`/`subscribe`/`on…` so teardown sits beside acquisition. */
export interface Disposable {
  dispose(): void;
}

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/**
 * The host's logger. It redacts anything shaped like a SAS key, SAS token or connection string
 * (in the message and in fields) before writing, so a plugin cannot leak one by accident.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines all carry `bindings`. */
  child(bindings: LogFields): Logger;
}

/**
 * A persistent key-value store private to the plugin (a keyv namespace named after the plugin id).
 * Values are JSON-serialisable. Survives host restarts.
 */
export interface PluginStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Every entry of this namespace whose key starts with `prefix` (all when omitted). */
  entries<T>(prefix?: string): Promise<Array<[string, T]>>;
}

/** What one consumer cache held before it was cleared. */
export interface ConsumerCacheReport {
  name: string;
  entriesCleared: number;
}

/** The host's consumer website caches (in ECS Core: the consumer sites' application caches). */
export interface ConsumerCaches {
  /** Clears every consumer cache and says what each held. */
  clearAll(): Promise<ConsumerCacheReport[]>;
}

/** In-process publish/subscribe between the host and its plugins. Event ids are versioned (`azure-relay/status-changed/v1`). */
export interface EventBus {
  publish<T>(eventId: string, payload: T): void;
  subscribe<T>(eventId: string, handler: (payload: T) => void): Disposable;
}

/** Authenticated encryption under a host secret (AES-256-GCM in the reference host). Sealed text is opaque and safe to store. */
export interface SecretSealer {
  seal(plaintext: string): string;
  /** Throws if the sealed text was tampered with or sealed under another secret. */
  open(sealed: string): string;
}

/** Who is calling: a signed-in user, a token-bearing script, or nobody. */
export interface Caller {
  id: string;
  kind: "session" | "token" | "anonymous";
  roles: readonly string[];
}

/** Permission checks; permissions are the actions a plugin declares in its manifest (`azure-relay.registrations:write`). */
export interface Auth {
  /** True when `caller` holds a role the manifest (or host policy) grants `permission` to. */
  can(caller: Caller, permission: string): boolean;
}

/**
 * A message by stable code with the values its text needs, so a host shows it in its own language from the
 * operation's `texts`; `text` is the English, shown when the host has no template for the code.
 */
export interface OperationMessage {
  code: string;
  params: Readonly<Record<string, string | number | boolean>>;
  text: string;
}

/** Result of running a system operation. */
export interface SystemOperationResult {
  ok: boolean;
  /** One sentence in English (the fallback of `summaryMessage`). */
  summary: string;
  /** The summary by code + params (since 2.2.0); hosts translate it with the operation's `texts`. Default none. */
  summaryMessage?: OperationMessage;
  /** What it did, one message per line, in order (since 2.2.0); a host shows these instead of `details`. Default none. */
  lines?: OperationMessage[];
  /** Operation-specific detail (JSON-serialisable), for scripts. */
  details?: unknown;
}

/** An operation's texts in one language; anything absent falls back to English (the manifest and `text`). */
export interface SystemOperationTexts {
  title?: string;
  description?: string;
  /** Templates by message code; `{name}` is filled from the message's params. */
  messages?: Readonly<Record<string, string>>;
}

/** A system operation a plugin contributes (*Settings > System Operations*); its id and texts come from plugin.json. */
export interface SystemOperation {
  id: string;
  title: string;
  description: string;
  permission: string;
  confirm: boolean;
  /** Its texts by BCP 47 language tag (`de-DE`), since 2.2.0; default none (English only). */
  texts?: Readonly<Record<string, SystemOperationTexts>>;
  run(caller: Caller): Promise<SystemOperationResult>;
}

/** Public view of a registered system operation. */
export type SystemOperationInfo = Omit<SystemOperation, "run">;

export interface SystemOperationRegistry {
  register(operation: SystemOperation): Disposable;
  list(): SystemOperationInfo[];
  /** Runs an operation after checking the caller's permission; throws HostError NOT_FOUND / FORBIDDEN. */
  run(id: string, caller: Caller): Promise<SystemOperationResult>;
}

/** The context every GraphQL resolver receives from the host. */
export interface GraphQLContext {
  caller: Caller;
}

/**
 * Name of the directive that marks an input field or argument as a write-only secret (since contract 1.1).
 * The host never echoes the value given for such a field: not in an error message, not in `extensions`, not in
 * its log — whatever the value's shape (string, wrong type, nested object, list, literal in the document).
 * Messages keep the field's name and what is wrong. A schema declares the directive with
 * `SECRET_DIRECTIVE_SDL` (type-graphql: `directives: [...]` and `@Directive("@secret")` on the field or `@Arg`);
 * code-first graphql-js fields may set `extensions: { secret: true }` instead.
 */
export const SECRET_DIRECTIVE_NAME = "secret";

/** The SDL definition of the secret directive, for a plugin's schema. */
export const SECRET_DIRECTIVE_SDL = "directive @secret on INPUT_FIELD_DEFINITION | ARGUMENT_DEFINITION";

/** The host serves one GraphQL endpoint (queries, mutations, graphql-ws subscriptions) merged from every plugin's schema. */
export interface GraphQLRegistry {
  registerSchema(schema: GraphQLSchema): Disposable;
}

/** One socket the host itself listens on (its admin UI, GraphQL, health check). */
export interface HostListenAddress {
  /** The bound address as the socket reports it: `127.0.0.1`, `::1`, or `0.0.0.0` / `::` for every interface. */
  readonly address: string;
  readonly port: number;
}

/** Configuration the host hands the plugin (from its environment or settings). */
export interface HostConfig {
  /** A stable id of this host (one ECS Core server of a farm). */
  readonly hostId: string;
  /** Base URL of the local ECS Core web services: the default target of relayed requests. */
  readonly defaultTargetUrl: string;
  /**
   * The host's own listening sockets, known before any plugin activates (since contract 1.1.0). A plugin that forwards
   * requests on others' behalf refuses them as targets, so a remote sender cannot reach the host's admin surface.
   */
  readonly listenAddresses: readonly HostListenAddress[];
  /** A plugin-scoped setting, if the host has one (`azure-relay.<key>`). */
  get(key: string): string | undefined;
}

/** Host lifecycle: the plugin registers cleanup that must run when the host stops. */
export interface Lifecycle {
  onShutdown(hook: () => Promise<void> | void): Disposable;
  /** Aborted when the host begins to shut down. */
  readonly signal: AbortSignal;
}

/** One announced configuration change (since contract 2.1). */
export interface FarmChange {
  /** The farm's configuration version after this change: increases by one per announcement, across the whole farm. */
  readonly version: number;
  /** What changed, as the announcing plugin named it (`registrations`); `host/resync` when the host lost messages. */
  readonly topic: string;
  /** The host that announced it (this host's own announcements are delivered too). */
  readonly hostId: string;
}

/** One host of the farm as its last heartbeat described it (since contract 2.1). */
export interface FarmMember {
  readonly hostId: string;
  /** The host contract version the host implements. */
  readonly contractVersion: string;
  readonly startedAt: string;
  readonly lastHeartbeat: string;
  /** What this plugin published about itself on that host (`setPresence`), or undefined. */
  readonly presence: unknown;
}

/** One host's answer to a farm request (since contract 2.2). Exactly one of `result` and `error` is set. */
export interface FarmReply {
  readonly hostId: string;
  /** What the host's handler returned (another process wrote it: validate before use). */
  readonly result?: unknown;
  /** Why the host's handler failed (or that no handler of this name is registered there: code NOT_FOUND). */
  readonly error?: { readonly code: string; readonly message: string };
  /** Milliseconds from sending the request to receiving this reply. */
  readonly elapsedMs: number;
}

/** What a farm request found out (since contract 2.2). */
export interface FarmRequestOutcome {
  /** One per host that answered within the deadline, sorted by host id. */
  readonly replies: readonly FarmReply[];
  /** Hosts asked that did not answer within the deadline, and asked-for host ids that are not members; sorted. */
  readonly notAnswering: readonly string[];
}

/** Whom a farm request asks and how long it waits (since contract 2.2). */
export interface FarmRequestOptions {
  /** Only these hosts; default every member (hosts with a live heartbeat), this one included. */
  readonly hostIds?: readonly string[];
  /** How long to wait for replies; hosts silent by then are reported in `notAnswering`. */
  readonly deadlineMs: number;
}

/** Answers one farm request on this host; its result must be JSON-serialisable. Throw a HostError to answer with a code. */
export type FarmRequestHandler = (payload: unknown, fromHostId: string) => Promise<unknown>;

/** An event one host's plugin published to the same plugin on the other hosts (since contract 2.2). */
export interface FarmEvent {
  /** The publisher's own name for it (e.g. `status-changed`). */
  readonly topic: string;
  /** The host that published it (never this host: a plugin delivers its own events itself). */
  readonly hostId: string;
  /** Whatever the publisher sent, parsed from JSON. Untrusted: validate before use. */
  readonly payload: unknown;
}

/**
 * Whether the farm's shared store can be used (since contract 2.2). `ok` always for a farm of one.
 * - `unreachable`: Redis cannot be reached; the host keeps serving and retries.
 * - `store-reset`: Redis answers but is not the store this host joined (flushed, restarted without persistence,
 *   or another instance): its contents must not replace the configuration the host serves.
 */
export interface FarmCondition {
  readonly state: "ok" | "unreachable" | "store-reset";
  /** When the farm entered this state (ISO 8601). */
  readonly since: string;
  /** What the host found, in plain words, without a password; empty when `ok`. */
  readonly detail: string;
}

/**
 * The web farm the host belongs to (since contract 2.1): hosts that share one store (docs/farm.md). A single host is
 * a farm of one whose feed stays in-process, so a plugin codes one way for both.
 */
export interface Farm {
  /** True when other hosts may share the store (changes cross processes); false for an embedded store. */
  readonly shared: boolean;
  /**
   * False while the shared store cannot be reached (Redis down) or cannot be trusted (`condition` says which): a
   * plugin should refuse changes then, so no host misses one, and keep serving with what it has. Always true for a
   * farm of one.
   */
  readonly available: boolean;
  /** Why the farm is (un)available (since 2.2). While not `ok`, `configVersion` rejects and no resynchronisation should apply. */
  readonly condition: FarmCondition;
  /** Announces a change the plugin just stored; resolves with the new configuration version. Rejects while the farm is unreachable. */
  announceChange(topic: string): Promise<number>;
  /** Every announced change, from any host (may be lost: compare versions and resynchronise, see `configVersion`). */
  onChange(handler: (change: FarmChange) => void): Disposable;
  /** The farm's current configuration version (0 before the first change). */
  configVersion(): Promise<number>;
  /**
   * Runs `work` while holding the farm-wide lock `name` (scoped to the plugin), so a read-modify-write of shared
   * records cannot interleave with another host's. Rejects with HostError CONFLICT when the lock stays taken for
   * 10 s. The lock expires after 30 s even if its holder died; keep `work` short.
   */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Sets what this plugin tells the farm about itself on this host (JSON-serialisable; sent with each heartbeat). */
  setPresence(presence: unknown): void;
  /** The hosts whose heartbeat has not expired, this one included. */
  members(): Promise<FarmMember[]>;
  /**
   * Since 2.2: answers requests named `name` that this plugin sends from any host of the farm (this one included).
   * One handler per name and plugin; a second registration replaces the first until disposed.
   */
  handleRequests(name: string, handler: FarmRequestHandler): Disposable;
  /**
   * Since 2.2: asks hosts of the farm to run this plugin's handler `name` with `payload` (JSON-serialisable) and
   * collects each host's reply (its acknowledgement) until every asked host answered or `deadlineMs` passed.
   * Rejects while the farm is unreachable. A farm of one asks itself.
   */
  request(name: string, payload: unknown, options: FarmRequestOptions): Promise<FarmRequestOutcome>;
  /**
   * Sends `payload` (JSON-serialisable, at most 64 KiB as JSON) to this plugin on every other host (since 2.2): fire
   * and forget, at most once, dropped while the farm is unavailable. Never delivered back to this host; a farm of
   * one delivers nothing.
   */
  publishEvent(topic: string, payload: unknown): void;
  /** Events this plugin published on the other hosts (since 2.2). */
  onEvent(handler: (event: FarmEvent) => void): Disposable;
  /** Called whenever `condition` changes (since 2.2). */
  onConditionChanged(handler: (condition: FarmCondition) => void): Disposable;
}

/** What one readiness check found. `details` is shown in /ready's body as is: JSON, never a secret. */
export interface ReadinessReport {
  ready: boolean;
  /** What is not ready and why (e.g. the registrations that are not ONLINE). */
  details?: unknown;
}

/** A readiness check a plugin contributes (since 2.1.0). It must answer quickly from memory: /ready is polled. */
export interface ReadinessCheck {
  /** Unique within the plugin, e.g. `relay-listeners`; the host shows it as `<pluginId>/<name>`. */
  name: string;
  check(): ReadinessReport | Promise<ReadinessReport>;
}

/**
 * The host's readiness (since 2.1.0): its /ready answers 200 only when the host is up and every registered check is
 * ready, else 503 with every check's report. Liveness (/healthz) does not consult these.
 */
export interface HealthRegistry {
  registerReadinessCheck(check: ReadinessCheck): Disposable;
}

/** One sample of a metric family: its labels (bounded: never a path, a client address or an id a sender chooses). */
export interface MetricSample {
  labels?: Readonly<Record<string, string>>;
  value: number;
}

/**
 * A metric family as a plugin reports it at scrape time (since 2.1.0), rendered by the host in Prometheus text
 * format. `name` must start with the plugin id in snake case (`azure_relay_…`); counters end in `_total`.
 */
export type MetricFamily = ScalarMetricFamily | HistogramMetricFamily;

/** A counter or gauge family. */
export interface ScalarMetricFamily {
  name: string;
  help: string;
  type: "counter" | "gauge";
  /** Every label name the samples use (all samples carry all of them). */
  labelNames: readonly string[];
  samples: readonly MetricSample[];
}

/** One labelled histogram (since 2.2.0), counted by the plugin: the host renders `_bucket`, `_sum` and `_count`. */
export interface HistogramSample {
  labels?: Readonly<Record<string, string>>;
  /** Cumulative: `counts[i]` observations were ≤ `buckets[i]` of the family; one per bound. */
  counts: readonly number[];
  sum: number;
  /** All observations (the `+Inf` bucket). */
  count: number;
}

/** A histogram family (since 2.2.0) with fixed upper bounds; `le` is added by the host, never a label name here. */
export interface HistogramMetricFamily {
  name: string;
  help: string;
  type: "histogram";
  labelNames: readonly string[];
  /** Upper bounds, ascending; `+Inf` is implied. */
  buckets: readonly number[];
  samples: readonly HistogramSample[];
}

/** Called on every scrape; must answer from memory. */
export interface MetricsCollector {
  collect(): readonly MetricFamily[] | Promise<readonly MetricFamily[]>;
}

/** The host's /metrics (since 2.1.0): process metrics of the host plus every registered collector's families. */
export interface MetricsRegistry {
  registerCollector(collector: MetricsCollector): Disposable;
}

/**
 * The host's recent log lines (since 2.2.0), for a diagnostics bundle an admin attaches to a support ticket. Lines
 * are as the host wrote them, after its redaction (no SAS key, token or connection string), from every part of
 * the host; the host keeps a bounded ring of them in memory.
 */
export interface HostLog {
  /** The newest `limit` lines (at most what the host keeps), oldest first. */
  recent(limit: number): string[];
}

/**
 * The services a host gives a plugin at activation: `contractVersion` and only the services plugin.json's
 * `host.services` declares; an undeclared one is absent (ask for what you use, and only that).
 */
export interface HostServices {
  readonly contractVersion: string;
  readonly logger: Logger;
  readonly store: PluginStore;
  readonly consumerCaches: ConsumerCaches;
  readonly events: EventBus;
  readonly secrets: SecretSealer;
  readonly auth: Auth;
  readonly systemOperations: SystemOperationRegistry;
  readonly graphql: GraphQLRegistry;
  readonly config: HostConfig;
  readonly lifecycle: Lifecycle;
  /** Since contract 2.1. */
  readonly farm: Farm;
  /** Since 2.1.0. */
  readonly health: HealthRegistry;
  /** Since 2.1.0. */
  readonly metrics: MetricsRegistry;
  /** Since 2.2.0. */
  readonly log: HostLog;
}

/** One activation of a plugin. A host may activate the same module more than once (tests run several hosts in one process). */
export interface PluginInstance {
  /** Stops everything this activation started. Safe to call twice. */
  deactivate(): Promise<void>;
}

/** What a plugin's server entry module exports. The host keeps the returned instance and deactivates it at shutdown. */
export interface PluginModule {
  activate(host: HostServices): Promise<PluginInstance>;
}

/**
 * Stable error codes the host itself answers with (also GraphQL `extensions.code`). A plugin may answer with codes
 * of its own through its resolvers (`extensions.code` is a string); those are not part of this contract.
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INTERNAL_SERVER_ERROR";

/** The host's typed error: a stable code, an optional field for input errors, and the cause kept. Never holds a secret. */
export class HostError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "HostError";
  }
}
