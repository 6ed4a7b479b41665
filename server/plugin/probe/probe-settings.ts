/**
 * Probe settings of one registration (docs/operations.md, section Probe): how often the end-to-end probe runs, and
 * an optional Send connection string for it — the registration's own key may have Listen rights only, and the relay
 * lets only Send (or Manage) keys send. The Send key is sealed like the registration's key and never returned.
 */
import type { SecretSealer } from "../../host/contract";
import { badInput, RelayPluginError } from "../errors";
import { parseForInput } from "../registrations/registration-connection-string";
import { hybridConnectionKey } from "../registrations/hybrid-connection-name";
import { keyFingerprint } from "../registrations/key-fingerprint";

/** What the store holds. */
export interface ProbeRecord {
  /** Seconds between periodic probes; 0 = off. Default 0: a probe costs a relayed request (billed on Azure). */
  intervalSeconds: number;
  /** The probe's Send key; absent: the probe sends with the registration's own key. */
  send?: { keyName: string; sealedKey: string; keyFingerprint: string };
}

/** What callers see: never the key, only that one is set. */
export interface ProbeSettingsView {
  intervalSeconds: number;
  hasSendConnectionString: boolean;
}

/** What the prober gets (keys opened): lives only in the main thread's memory. */
export interface ProbeDesired {
  intervalSeconds: number;
  send?: { keyName: string; key: string };
}

/** As a caller gives it; absent or null keeps the current value, `sendConnectionString: ""` removes the Send key. */
export interface ProbeInput {
  intervalSeconds?: number | null;
  sendConnectionString?: string | null;
}

export const DEFAULT_PROBE: Readonly<ProbeRecord> = Object.freeze({ intervalSeconds: 0 });
/** Periodic probes at most this often (each is a relayed request) and at least once a day. */
export const PROBE_INTERVAL_BOUNDS = { min: 10, max: 86_400 } as const;

/** The registration the Send connection string must match. */
interface ProbedEntity {
  namespace: string;
  hybridConnectionName: string;
}

/** Applies `input` over `current`; each problem names `probe.<field>` and says what is right. */
export function validProbe(input: ProbeInput | null | undefined, entity: ProbedEntity, secrets: SecretSealer, current: ProbeRecord = DEFAULT_PROBE): ProbeRecord {
  const next: ProbeRecord = { ...current };
  if (input?.intervalSeconds != null) next.intervalSeconds = validInterval(input.intervalSeconds);
  if (input?.sendConnectionString != null) {
    if (input.sendConnectionString.trim() === "") delete next.send;
    else next.send = sealedSendKey(input.sendConnectionString, entity, secrets);
  }
  return next;
}

export function probeOf(record: { probe?: ProbeRecord }): ProbeRecord {
  return record.probe ?? DEFAULT_PROBE;
}

export function probeView(record: { probe?: ProbeRecord }): ProbeSettingsView {
  const probe = probeOf(record);
  return { intervalSeconds: probe.intervalSeconds, hasSendConnectionString: Boolean(probe.send) };
}

export function probeDesired(record: { probe?: ProbeRecord }, secrets: SecretSealer): ProbeDesired {
  const probe = probeOf(record);
  return probe.send
    ? { intervalSeconds: probe.intervalSeconds, send: { keyName: probe.send.keyName, key: secrets.open(probe.send.sealedKey) } }
    : { intervalSeconds: probe.intervalSeconds };
}

function validInterval(value: number): number {
  const { min, max } = PROBE_INTERVAL_BOUNDS;
  if (value === 0 || (Number.isInteger(value) && value >= min && value <= max)) return value;
  throw badInput("probe.intervalSeconds", `Probe interval ${value} is not allowed — use 0 (off) or whole seconds from ${min} to ${max}.`, { value, min, max });
}

/** Parsed like the registration's own string, and it must name the same namespace and hybrid connection. */
function sealedSendKey(connectionString: string, entity: ProbedEntity, secrets: SecretSealer): NonNullable<ProbeRecord["send"]> {
  const field = "probe.sendConnectionString";
  let parsed;
  try {
    parsed = parseForInput(connectionString);
  } catch (error) {
    // The same texts as for the main string, at this field (never the string itself).
    if (error instanceof RelayPluginError) throw badInput(field, `Probe Send connection string: ${error.message}`);
    throw error;
  }
  if (parsed.namespace.toLowerCase() !== entity.namespace.toLowerCase()) {
    throw badInput(field, `This connection string is for ${parsed.namespace}, but the registration listens on ${entity.namespace} — use a Send policy of the same namespace.`, { namespace: parsed.namespace, expected: entity.namespace });
  }
  if (parsed.entityPath && hybridConnectionKey(parsed.entityPath) !== hybridConnectionKey(entity.hybridConnectionName)) {
    throw badInput(field, `This connection string is for hybrid connection ${parsed.entityPath}, but the registration listens on ${entity.hybridConnectionName}.`, { hybridConnectionName: parsed.entityPath, expected: entity.hybridConnectionName });
  }
  const key = parsed.key as string; // parseForInput guarantees key and key name
  return { keyName: parsed.keyName as string, sealedKey: secrets.seal(key), keyFingerprint: keyFingerprint(key) };
}

/**
 * Setting `azure-relay.probe.timeoutMs` (env ECS_PLUGIN_AZURE_RELAY_PROBE_TIMEOUTMS): how long a probe waits for its
 * answer, and how long its nonce lives. Default 10 000 ms: a relayed round trip takes well under a second, and a
 * nonce should live seconds, not minutes. 500 – 60 000; anything else stops the plugin at start, naming the setting.
 */
export function probeTimeoutSetting(config: { get(key: string): string | undefined }): number {
  const raw = config.get("probe.timeoutMs")?.trim();
  if (!raw) return 10_000;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 500 || value > 60_000) throw new Error(`Setting azure-relay.probe.timeoutMs is ${JSON.stringify(raw)} — use a whole number of milliseconds from 500 to 60000.`);
  return value;
}

/**
 * Setting `azure-relay.probe.grantDeadlineMs` (env ECS_PLUGIN_AZURE_RELAY_PROBE_GRANTDEADLINEMS): how long a probe
 * waits for the farm's hosts to confirm they hold its grant before it is sent anyway (hosts silent by then are listed
 * in `notGranted`). Default 2 000 ms: a grant is one pub/sub round trip and a worker message (milliseconds), and a
 * frozen host must not hold every probe up for long. 100 – 10 000; anything else stops the plugin at start.
 */
export function probeGrantDeadlineSetting(config: { get(key: string): string | undefined }): number {
  const raw = config.get("probe.grantDeadlineMs")?.trim();
  if (!raw) return 2_000;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 100 || value > 10_000) throw new Error(`Setting azure-relay.probe.grantDeadlineMs is ${JSON.stringify(raw)} — use a whole number of milliseconds from 100 to 10000.`);
  return value;
}
