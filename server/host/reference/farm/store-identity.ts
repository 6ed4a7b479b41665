/**
 * Which Redis this host joined (docs/farm.md, "A Redis that comes back empty"). The first host of a farm writes a
 * random store id (`SET NX`); every host remembers the id it found at start. A Redis that later answers without it
 * (flushed, restarted without persistence) or with another one (another instance, or reset and re-seeded by a host
 * that started on it since) is not the farm's store any more: its contents must not replace what the host serves.
 * The configuration version going backwards tells the same story and is checked beside it.
 */
import { randomUUID } from "node:crypto";
import { HostError } from "../../contract";
import type { FarmCore } from "./farm-core";

export const STORE_ID_KEY = "ecs-farm:store-id";

/** The commands the check needs (a subset of @redis/client). */
export interface IdentityClient {
  set(key: string, value: string, options: { condition: "NX" }): Promise<unknown>;
  get(key: string): Promise<string | null | unknown>;
  mGet(keys: string[]): Promise<Array<string | null | unknown>>;
}

export class StoreIdentity {
  private joined: string | undefined;
  /** The highest configuration version this host has seen: the farm's version never decreases. */
  private highest = 0;

  constructor(private readonly where: string) {}

  /** At start: writes the store id unless one exists, and remembers the one in force. */
  async join(client: IdentityClient, versionKey: string): Promise<void> {
    await client.set(STORE_ID_KEY, randomUUID(), { condition: "NX" });
    const [id, version] = await client.mGet([STORE_ID_KEY, versionKey]);
    this.joined = String(id);
    this.highest = Number(version ?? 0);
  }

  /** Notes a version this host saw announced. */
  saw(version: number): void {
    this.highest = Math.max(this.highest, version);
  }

  /**
   * Reads the version and the store id in one command; returns the version, or the problem when the store is not
   * the one this host joined (the caller turns it into the `store-reset` condition).
   */
  async inspect(client: IdentityClient, versionKey: string): Promise<{ version: number } | { problem: string }> {
    const [version, id] = await client.mGet([versionKey, STORE_ID_KEY]);
    const problem = this.problemWith(id === null || id === undefined ? undefined : String(id), Number(version ?? 0));
    if (problem) return { problem };
    this.saw(Number(version ?? 0));
    return { version: Number(version ?? 0) };
  }

  private problemWith(id: string | undefined, version: number): string | undefined {
    if (this.joined === undefined) return undefined;
    if (id === undefined) {
      return `The farm's Redis (${this.where}) has lost its data (it no longer holds ${STORE_ID_KEY}: flushed, or restarted without persistence).`;
    }
    if (id !== this.joined) {
      return `The farm's Redis (${this.where}) is not the store this host joined (its ${STORE_ID_KEY} changed: another Redis instance, or one that was reset and re-seeded by a host started since).`;
    }
    if (version < this.highest) {
      return `The farm's configuration version in Redis (${this.where}) went back from ${this.highest} to ${version}: its data was replaced by an older copy.`;
    }
    return undefined;
  }
}

/** What the watch needs of the host's farm. */
export interface StoreWatchDeps {
  client: IdentityClient;
  versionKey: string;
  where: string;
  /** Both connections ready. */
  reachable(): boolean;
  core: Pick<FarmCore, "condition" | "setCondition" | "deliver" | "hostId">;
}

/**
 * Keeps the farm's condition (contract 2.2): `unreachable` while a connection is down, `store-reset` while the store
 * is not the one this host joined, `ok` otherwise; on the way back to `ok` the plugins are told to resynchronise.
 */
export class StoreWatch {
  readonly identity: StoreIdentity;

  constructor(private readonly deps: StoreWatchDeps) {
    this.identity = new StoreIdentity(deps.where);
  }

  join(): Promise<void> {
    return this.identity.join(this.deps.client, this.deps.versionKey);
  }

  /** The version, after checking the store (rejects with CONFLICT and turns `store-reset` when it is not the farm's). */
  async inspect(): Promise<number> {
    const { core, where } = this.deps;
    if (!this.deps.reachable()) throw new HostError("INTERNAL_SERVER_ERROR", `The web farm's Redis (${where}) cannot be reached.`);
    const found = await this.identity.inspect(this.deps.client, this.deps.versionKey);
    if ("problem" in found) {
      core.setCondition("store-reset", found.problem);
      throw new HostError("CONFLICT", found.problem);
    }
    const recovered = core.condition.state !== "ok";
    core.setCondition("ok", "");
    // Back from an outage or a reset (the store was restored): what changed meanwhile must be applied.
    if (recovered) core.deliver({ version: found.version, topic: "host/resync", hostId: core.hostId });
    return found.version;
  }

  /** Each heartbeat and each connection error: unreachable, reset, or (once both check out) ok. */
  check(): void {
    if (!this.deps.reachable()) {
      return this.deps.core.setCondition("unreachable", `The web farm's Redis (${this.deps.where}) cannot be reached; the host keeps serving with the configuration it has and retries.`);
    }
    void this.inspect().catch(() => undefined);
  }
}
