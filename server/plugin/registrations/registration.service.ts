/**
 * The registrations service: add, change and remove relay registrations, keep keys sealed, and keep the
 * listener supervisor's desired state in step with the store. Knows nothing of GraphQL.
 */
import { randomUUID } from "node:crypto";
import type { Caller, HostConfig, SecretSealer } from "../../host/contract";
import { RelayPluginError } from "../errors";
import type { ParsedConnectionString } from "./connection-string";
import { checkForDisplay, chooseHybridConnection, parseForInput, type ConnectionStringCheck } from "./registration-connection-string";
import { keyFingerprint } from "./key-fingerprint";
import { registrationIdentity, toPublicRegistration, type PublicRegistration, type RegistrationRecord } from "./registration";
import { TargetGuard } from "../../relay/target-guard";
import { targetGuardSettingsFrom } from "../data-plane-config";
import { hybridConnectionKey, isValidHybridConnectionName } from "./hybrid-connection-name";
import { assertTargetAllowed, validName, validTargetUrl } from "./registration-input";
import { inputProblem } from "./input-problem-texts";
import type { RegistrationRepository } from "./registration.repository";
import type { RegistrationDesired, RelayControl } from "./relay-control";
import { targetHealthOf, validTargetHealth, type TargetHealthInput } from "../health/target-health-settings";
import { SerialQueue } from "./serial-queue";
import { journalOf, validJournal, type JournalInput } from "../journal/journal-settings";
import { validWebSocketSenders, type WebSocketSenders } from "./web-socket-senders";
import { probeDesired, probeOf, validProbe, type ProbeInput } from "../probe/probe-settings";

/** The farm change topic of registration changes. */
export const REGISTRATIONS_TOPIC = "registrations";

export interface AddRegistration {
  connectionString: string;
  name?: string | null;
  hybridConnectionName?: string | null;
  targetUrl?: string | null;
  enabled?: boolean | null;
  /** Target health settings; absent fields take the defaults (target-health-settings.ts). */
  targetHealth?: TargetHealthInput | null;
  /** WebSocket senders: `default` (absent) follows the installation, `pass` or `refuse` overrides it. */
  webSockets?: WebSocketSenders | null;
  /** End-to-end probe: interval (default 0 = off) and an optional Send connection string (probe-settings.ts). */
  probe?: ProbeInput | null;
  /** Request journal settings; absent fields take the defaults (journal-settings.ts). */
  journal?: JournalInput | null;
}

export interface UpdateRegistration {
  name?: string | null;
  targetUrl?: string | null;
  enabled?: boolean | null;
  /** Changes only the given target health fields. */
  targetHealth?: TargetHealthInput | null;
  /** `default` returns to the installation's setting; absent leaves it unchanged. */
  webSockets?: WebSocketSenders | null;
  /** Changes only the given probe settings; `sendConnectionString: ""` removes the probe's Send key. */
  probe?: ProbeInput | null;
  /** Changes only the given journal fields. */
  journal?: JournalInput | null;
  /** A new connection string for the same namespace and hybrid connection: key rotation. */
  connectionString?: string | null;
}

export type { ConnectionStringCheck } from "./registration-connection-string";

export interface RegistrationServiceDeps {
  repository: RegistrationRepository;
  secrets: SecretSealer;
  relay: RelayControl;
  config: HostConfig;
  clock?: () => Date;
  /** Refuses denied target addresses (target-rules.ts). Default: one built from `config` (setting targetAllow, the host's own sockets). */
  targetGuard?: TargetGuard;
  /** Creates a missing hybrid connection before its listener starts (management access); absent: never creates. */
  /**
   * The farm (ConfigSync): writes run under its farm-wide lock and reading afresh, then are announced to the other
   * hosts, so concurrent edits on two hosts apply one after the other (the later wins, no field lost; docs/farm.md).
   * Absent: a single host.
   */
  changes?: { readonly shared: boolean; announce(topic: string): Promise<void>; exclusive<T>(work: () => Promise<T>): Promise<T> };
  provisioner?: { ensureHybridConnection(namespace: string, hybridConnectionName: string, owner: { registrationId: string; registrationName: string }): Promise<void> };
}

export class RegistrationService {
  private readonly queue = new SerialQueue();
  private readonly now: () => Date;
  private readonly targetGuard: TargetGuard;

  constructor(private readonly deps: RegistrationServiceDeps) {
    this.now = deps.clock ?? (() => new Date());
    this.targetGuard = deps.targetGuard ?? new TargetGuard(targetGuardSettingsFrom(deps.config));
  }

  async list(): Promise<PublicRegistration[]> {
    return (await this.deps.repository.list()).map(toPublicRegistration);
  }

  async get(id: string): Promise<PublicRegistration | undefined> {
    const record = await this.deps.repository.get(id);
    return record && toPublicRegistration(record);
  }

  check(connectionString: string): ConnectionStringCheck {
    return checkForDisplay(connectionString);
  }

  add(input: AddRegistration, caller: Caller): Promise<PublicRegistration> {
    return this.writing(async () => {
      // Another host may have added the same hybrid connection a moment ago: check against the store, not the copy.
      if (this.deps.changes?.shared) await this.deps.repository.reload();
      const parsed = parseForInput(input.connectionString);
      const hybridConnectionName = chooseHybridConnection(parsed, input.hybridConnectionName);
      await this.assertUnique(parsed.namespace, hybridConnectionName);
      const name = validName(input.name ?? hybridConnectionName);
      const targetUrl = await this.allowedTarget(input.targetUrl ?? this.deps.config.defaultTargetUrl);
      const targetHealth = validTargetHealth(input.targetHealth);
      const webSockets = validWebSocketSenders(input.webSockets);
      const probe = validProbe(input.probe, { namespace: parsed.namespace, hybridConnectionName }, this.deps.secrets);
      const journal = validJournal(input.journal);
      const at = this.now().toISOString();
      const record: RegistrationRecord = {
        id: randomUUID(),
        name,
        namespace: parsed.namespace,
        hybridConnectionName,
        secure: parsed.secure,
        ...this.sealKey(parsed),
        targetUrl,
        enabled: input.enabled ?? true,
        targetHealth,
        ...(webSockets ? { webSockets } : {}),
        probe,
        journal,
        createdAt: at,
        updatedAt: at,
        createdBy: caller.id,
      };
      if (record.enabled) await this.provision(record);
      await this.deps.repository.save(record);
      await this.applyDesiredState();
      await this.announce();
      return toPublicRegistration(record);
    });
  }

  update(id: string, input: UpdateRegistration): Promise<PublicRegistration> {
    return this.writing(async () => {
      // Read afresh: another host of the farm may have changed other fields since this host's copy was loaded.
      const current = await this.require(id, true);
      const next: RegistrationRecord = { ...current, updatedAt: this.now().toISOString() };
      if (input.name != null) next.name = validName(input.name);
      if (input.targetUrl != null) next.targetUrl = await this.allowedTarget(input.targetUrl);
      if (input.enabled != null) next.enabled = input.enabled;
      if (input.targetHealth != null) next.targetHealth = validTargetHealth(input.targetHealth, targetHealthOf(current));
      if (input.webSockets != null) {
        const webSockets = validWebSocketSenders(input.webSockets);
        if (webSockets) next.webSockets = webSockets;
        else delete next.webSockets;
      }
      if (input.probe != null) next.probe = validProbe(input.probe, current, this.deps.secrets, probeOf(current));
      if (input.journal != null) next.journal = validJournal(input.journal, journalOf(current));
      if (next.enabled && !current.enabled) await this.provision(next);
      if (input.connectionString != null) Object.assign(next, this.rotatedKey(current, input.connectionString));
      if (next.sealedKey !== current.sealedKey && current.enabled && next.enabled) {
        // Zero-downtime rotation: the new key must be accepted by the relay before it replaces the stored one.
        await this.deps.relay.rotate(id, this.desired(next));
      }
      await this.deps.repository.save(next);
      await this.applyDesiredState();
      await this.announce();
      return toPublicRegistration(next);
    });
  }

  remove(id: string): Promise<string> {
    return this.writing(async () => {
      await this.require(id, true);
      await this.deps.repository.delete(id);
      await this.applyDesiredState();
      await this.announce();
      return id;
    });
  }

  async restart(id: string): Promise<PublicRegistration> {
    const record = await this.require(id);
    await this.deps.relay.restart(id);
    return toPublicRegistration(record);
  }

  /** Sends the complete desired state (every registration, keys opened) to the supervisor. */
  async applyDesiredState(): Promise<void> {
    const records = await this.deps.repository.list();
    this.deps.relay.apply(records.map((record) => this.desired(record)));
  }

  /** Reloads every registration from the shared store and reconciles the supervisor (queued behind local writes; nothing changes unless `verify` passes after the read). */
  reloadFromStore(verify?: () => Promise<void>): Promise<void> {
    return this.queue.run(async () => {
      await this.deps.repository.reload(verify);
      await this.applyDesiredState();
    });
  }

  /** A write: one at a time on this host, and under the farm-wide lock when there is a farm. */
  private writing<T>(work: () => Promise<T>): Promise<T> {
    const changes = this.deps.changes;
    return this.queue.run(() => (changes ? changes.exclusive(work) : work()));
  }

  private async announce(): Promise<void> {
    await this.deps.changes?.announce(REGISTRATIONS_TOPIC);
  }

  private async allowedTarget(raw: string): Promise<string> {
    const targetUrl = validTargetUrl(raw);
    await assertTargetAllowed(targetUrl, this.targetGuard);
    return targetUrl;
  }

  private async provision(record: RegistrationRecord): Promise<void> {
    await this.deps.provisioner?.ensureHybridConnection(record.namespace, record.hybridConnectionName, { registrationId: record.id, registrationName: record.name });
  }

  private desired(record: RegistrationRecord): RegistrationDesired {
    return {
      registrationId: record.id,
      // A record stored before the name rules (e.g. `zz/../ecs-core`) is not started: it would listen on another name.
      enabled: record.enabled && isValidHybridConnectionName(record.hybridConnectionName),
      namespace: record.namespace,
      hybridConnectionName: record.hybridConnectionName,
      secure: record.secure,
      keyName: record.keyName,
      key: this.deps.secrets.open(record.sealedKey),
      targetUrl: record.targetUrl,
      targetHealth: targetHealthOf(record),
      probe: probeDesired(record, this.deps.secrets),
      ...(record.webSockets ? { webSockets: record.webSockets } : {}),
      journal: journalOf(record),
      // webSockets is in the version: a change restarts (swaps) the listener so the worker's spec carries it.
      settingsVersion: [record.namespace, record.hybridConnectionName, record.keyName, record.keyFingerprint, record.targetUrl, record.webSockets ?? "default"].join("|"),
    };
  }

  private async require(id: string, fresh = false): Promise<RegistrationRecord> {
    const record = fresh ? await this.deps.repository.getFresh(id) : await this.deps.repository.get(id);
    if (!record) throw new RelayPluginError("NOT_FOUND", `No relay registration with id ${JSON.stringify(id)} — list them with relayRegistrations.`, "id", { params: { id } });
    return record;
  }

  private async assertUnique(namespace: string, hybridConnectionName: string): Promise<void> {
    const identity = registrationIdentity(namespace, hybridConnectionName);
    const clash = (await this.deps.repository.list()).find((r) => registrationIdentity(r.namespace, r.hybridConnectionName) === identity);
    if (clash) {
      throw inputProblem("hybridConnectionName", "REGISTRATION_DUPLICATE", { hybridConnectionName, namespace, registration: clash.name }, "CONFLICT");
    }
  }

  private sealKey(parsed: ParsedConnectionString): Pick<RegistrationRecord, "keyName" | "sealedKey" | "keyFingerprint"> {
    // parseForInput guarantees both are present.
    const key = parsed.key as string;
    return { keyName: parsed.keyName as string, sealedKey: this.deps.secrets.seal(key), keyFingerprint: keyFingerprint(key) };
  }

  private rotatedKey(current: RegistrationRecord, connectionString: string): Partial<RegistrationRecord> {
    const parsed = parseForInput(connectionString);
    if (parsed.namespace !== current.namespace) {
      throw inputProblem("connectionString", "CONNECTION_STRING_OTHER_NAMESPACE", { namespace: parsed.namespace, expected: current.namespace });
    }
    if (parsed.entityPath && hybridConnectionKey(parsed.entityPath) !== hybridConnectionKey(current.hybridConnectionName)) {
      throw inputProblem("connectionString", "CONNECTION_STRING_OTHER_HYBRID_CONNECTION", { hybridConnectionName: parsed.entityPath, expected: current.hybridConnectionName });
    }
    return { ...this.sealKey(parsed), secure: parsed.secure };
  }
}
