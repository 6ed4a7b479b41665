/**
 * Keeps this host's copy of the shared configuration in step with the farm (docs/farm.md). Every local change is
 * announced with the next configuration version; a change announced by another host, a version gap (a lost message),
 * a reconnection (`host/resync`) and a periodic version check all lead to one resynchronisation: reload from the
 * store and reconcile the supervisor. Resynchronisations never overlap; one requested meanwhile runs once after.
 */
import type { Farm, FarmChange, FarmCondition, Logger } from "../../host/contract";
import { RelayPluginError } from "../errors";

export interface ConfigSyncOptions {
  farm: Farm;
  hostId: string;
  logger: Logger;
  /** Period of the version check that repairs lost messages; setting `farm.resyncMs`, default 5000. */
  resyncMs: number;
}

/** What the sync drives, given at start (the services it drives are built with the sync as their `changes`). */
export interface ConfigSyncTargets {
  /**
   * Reloads the shared configuration from the store and applies it (queued behind local writes), but only if
   * `verify` — called after reading, before applying — resolves: a store that came back empty must not stop every
   * listener.
   */
  resync(verify: () => Promise<void>): Promise<void>;
  /** Called after every local change and every resynchronisation (e.g. to refresh this host's presence). */
  afterChange(): void;
}

export class ConfigSync {
  /** The configuration version this host's state is known to include. */
  private applied = 0;
  private running: Promise<void> | undefined;
  private pending = false;
  private timer: NodeJS.Timeout | undefined;
  private subscription: { dispose(): void } | undefined;
  private targets: ConfigSyncTargets = { resync: async () => undefined, afterChange: () => undefined };
  /** Set when this plugin saw the farm's version go backwards (the host's own check may not exist elsewhere). */
  private versionWentBack: string | undefined;
  /** When it was first seen (ISO 8601). */
  private wentBackSince = "";

  constructor(private readonly options: ConfigSyncOptions) {}

  /** Subscribes, learns the current version and starts the periodic check. */
  async start(targets: ConfigSyncTargets): Promise<void> {
    this.targets = targets;
    this.subscription = this.options.farm.onChange((change) => this.onChange(change));
    this.applied = await this.options.farm.configVersion();
    if (this.options.farm.shared) {
      this.timer = setInterval(() => void this.check(), this.options.resyncMs);
      this.timer.unref();
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.subscription?.dispose();
  }

  /** True when other hosts share the store (their changes may not have reached this host's copy yet). */
  get shared(): boolean {
    return this.options.farm.shared;
  }

  /** Runs a read-modify-write of the registrations under the farm-wide lock, so hosts' edits never interleave. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.assertAvailable();
    return this.options.farm.exclusive("registrations", work);
  }

  /** Refuses a change while the farm's shared store is unreachable: a change stored now could miss other hosts. */
  assertAvailable(): void {
    const reset = this.storeResetDetail();
    if (reset) {
      throw new RelayPluginError("FARM_STORE_RESET", `${reset} Changes are refused; this host keeps serving its last configuration (see the farm warning for what to do).`);
    }
    if (this.options.farm.available) return;
    throw new RelayPluginError(
      "FARM_UNAVAILABLE",
      "The web farm's shared store (Redis) cannot be reached, so changes are refused until it is back; every host keeps serving with the configuration it has.",
    );
  }

  /** Why the shared store must not be trusted now, or undefined (docs/farm.md, "A Redis that comes back empty"). */
  storeResetDetail(): string | undefined {
    const condition = this.options.farm.condition;
    return condition.state === "store-reset" ? condition.detail : this.versionWentBack;
  }

  /** This plugin's own finding that the version went back (the host may not check), as a farm condition. */
  ownStoreReset(): FarmCondition | undefined {
    return this.versionWentBack === undefined ? undefined : { state: "store-reset", since: this.wentBackSince, detail: this.versionWentBack };
  }

  /**
   * Passes when the store still holds the configuration this host follows: the host's check (configVersion rejects
   * on a reset store) and this plugin's own (the version never goes below what it applied).
   */
  async verifyStore(): Promise<void> {
    const version = await this.options.farm.configVersion();
    if (version < this.applied) {
      if (this.versionWentBack === undefined) this.wentBackSince = new Date().toISOString();
      this.versionWentBack = `The farm's configuration version went back from ${this.applied} to ${version}: the shared store lost its data or was replaced.`;
      throw new RelayPluginError("FARM_STORE_RESET", this.versionWentBack);
    }
    this.versionWentBack = undefined;
  }

  /** Announces a change this host just stored. */
  async announce(topic: string): Promise<void> {
    this.assertAvailable();
    const version = await this.options.farm.announceChange(topic);
    this.noteVersion(version, false);
    this.targets.afterChange();
  }

  /** Resynchronises now (and once more if asked again while running); resolves when done. */
  requestResync(reason: string): Promise<void> {
    if (this.running) {
      this.pending = true;
      return this.running;
    }
    this.running = this.resyncLoop(reason).finally(() => (this.running = undefined));
    return this.running;
  }

  private onChange(change: FarmChange): void {
    if (change.topic === "host/resync") return void this.requestResync("reconnected to the farm");
    this.noteVersion(change.version, change.hostId !== this.options.hostId);
  }

  /** Records `version`; anything this host has not applied yet (a foreign change, a gap) leads to a resync. */
  private noteVersion(version: number, foreign: boolean): void {
    if (version <= this.applied) return; // already included by an announcement or a resync
    const gap = version > this.applied + 1;
    if (!foreign && !gap) {
      this.applied = version;
      return;
    }
    void this.requestResync(gap ? `version gap (${this.applied} → ${version})` : "change on another host");
  }

  private async check(): Promise<void> {
    try {
      if ((await this.options.farm.configVersion()) !== this.applied) await this.requestResync("periodic version check");
    } catch (error) {
      // The farm warning says it already while the farm is unavailable; the log need not repeat it every check.
      const level = this.options.farm.condition.state === "ok" ? "warn" : "debug";
      this.options.logger[level]("farm: version check failed", { error: (error as Error).message });
    }
  }

  private async resyncLoop(reason: string): Promise<void> {
    do {
      this.pending = false;
      try {
        await this.verifyStore();
        const version = await this.options.farm.configVersion();
        await this.targets.resync(() => this.verifyStore());
        this.applied = Math.max(this.applied, version);
        this.targets.afterChange();
        this.options.logger.debug("farm: configuration resynchronised", { reason, version });
      } catch (error) {
        // While the farm warning stands (unreachable, reset) it says so already; the log need not repeat it every check.
        const quiet = this.options.farm.condition.state !== "ok" || this.versionWentBack !== undefined;
        this.options.logger[quiet ? "debug" : "warn"]("farm: resynchronisation failed; the next change or check retries", { reason, error: (error as Error).message });
      }
    } while (this.pending);
  }
}
