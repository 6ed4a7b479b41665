/**
 * The target address guard: the rules of target-rules.ts applied where an address is chosen — when a registration's
 * target URL is checked (every address its host name resolves to), and again when the data plane connects
 * (DNS may have changed since): the target agents resolve through {@link TargetGuard.lookup}, and an IP literal is
 * checked before any socket exists, so a refused address is never contacted.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { Socket, isIP, type LookupFunction } from "node:net";
import type { Duplex } from "node:stream";
import type { TargetGuardSettings } from "./protocol";
import { TargetRules, hostnameRefusal, type Refusal } from "./target-rules";

/** Resolves a host name to every address it has (dns.lookup with `all: true` by default). */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

/** How the setting is named for admins (host setting key and the reference host's environment variable). */
export const ALLOW_SETTING = "azure-relay.targetAllow (ECS_PLUGIN_AZURE_RELAY_TARGETALLOW)";

/** Bounds the validation-time lookup: a resolver that hangs must not hang the mutation. */
const RESOLVE_TIMEOUT_MS = 5000;

/** A refused target connection; its message is safe to show the admin (no key, only addresses and reasons). */
export class TargetRefusedError extends Error {
  readonly code = "ERR_TARGET_REFUSED";
  constructor(readonly refusal: Refusal) {
    super(refusalMessage(refusal));
    this.name = "TargetRefusedError";
  }
}

/** `<address> is <reason> — …`: what is wrong and what would be right. */
export function refusalMessage({ address, reason }: Refusal): string {
  return `${address} is ${reason} — relayed requests may go to local web services (e.g. http://127.0.0.1:8080/), not there; if this installation really needs it, allow the address with ${ALLOW_SETTING}`;
}

const systemResolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

export class TargetGuard {
  private rules: TargetRules;

  constructor(settings: TargetGuardSettings = {}, private readonly resolveAll: ResolveAll = systemResolveAll) {
    this.rules = new TargetRules(settings);
  }

  /** Replaces the settings (the worker's `configure`); agents created earlier follow at their next connect. */
  configure(settings: TargetGuardSettings = {}): void {
    this.rules = new TargetRules(settings);
  }

  /** Why `hostname`:`port` may not be a target (checking every address it resolves to), or undefined. Rejects only on a lookup failure. */
  async refusal(hostname: string, port: number): Promise<Refusal | undefined> {
    const bare = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
    if (isIP(bare)) return this.rules.refusal(bare, port);
    return (await this.resolveAndJudge(bare, port, RESOLVE_TIMEOUT_MS)).refusal;
  }

  /** A `net` lookup for `port` that resolves every address and fails with TargetRefusedError if any is refused. */
  lookupFor(port: number): LookupFunction {
    return (hostname, options, callback) => {
      this.resolveAndJudge(hostname, port).then(({ refusal, addresses }) => {
        if (refusal) return callback(new TargetRefusedError(refusal), "", 0);
        const family = typeof options.family === "number" && options.family !== 0 ? options.family : undefined;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no usable address`), { code: "ENOTFOUND" }), "", 0);
        if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, usable);
        callback(null, usable[0].address, usable[0].family);
      }, (error: NodeJS.ErrnoException) => callback(error, "", 0));
    };
  }

  /** Checks an IP-literal target before connecting (`net` skips `lookup` for those); undefined when allowed. */
  literalRefusal(host: string, port: number): TargetRefusedError | undefined {
    const bare = host.startsWith("[") ? host.slice(1, -1) : host;
    if (!isIP(bare)) return undefined;
    const refused = this.rules.refusal(bare, port);
    return refused && new TargetRefusedError(refused);
  }

  /** Every address of `hostname`, and the first refusal among them (a metadata name is refused unresolved). */
  private async resolveAndJudge(hostname: string, port: number, timeoutMs?: number): Promise<{ refusal?: Refusal; addresses: LookupAddress[] }> {
    const named = hostnameRefusal(hostname);
    if (named) return { refusal: named, addresses: [] };
    const resolving = this.resolveAll(hostname);
    const addresses = await (timeoutMs === undefined ? resolving : withTimeout(resolving, timeoutMs));
    const refused = addresses.map(({ address }) => this.rules.refusal(address, port)).find(Boolean);
    return { refusal: refused && { ...refused, address: `${hostname} (${refused.address})` }, addresses };
  }
}

/** The worker's guard: configured from `DataPlaneOptions.targetGuard`, used by agents made without an explicit guard. */
export const workerTargetGuard = new TargetGuard();

type ConnectOptions = http.ClientRequestArgs;
type Connect = (options: ConnectOptions) => Duplex | null | undefined;

/**
 * The agents' connection factory: a refused IP literal gets a socket that never connects and fails at once (so the
 * request sees an ordinary `error`); a name goes through the guard's lookup.
 */
function guardedConnect(guard: TargetGuard, options: ConnectOptions, connect: Connect): Duplex | null | undefined {
  const port = Number(options.port);
  const refused = guard.literalRefusal(options.host ?? "localhost", port);
  if (refused) {
    const unconnected = new Socket();
    process.nextTick(() => unconnected.destroy(refused));
    return unconnected;
  }
  return connect({ ...options, lookup: guard.lookupFor(port) });
}

/** Keep-alive agents whose every connection passes the guard. */
export function guardedAgents(guard: TargetGuard): { http: http.Agent; https: https.Agent } {
  class GuardedHttpAgent extends http.Agent {
    createConnection(options: ConnectOptions): Duplex | null | undefined {
      return guardedConnect(guard, options, (o) => super.createConnection(o));
    }
  }
  class GuardedHttpsAgent extends https.Agent {
    createConnection(options: ConnectOptions): Duplex | null | undefined {
      return guardedConnect(guard, options, (o) => super.createConnection(o));
    }
  }
  return { http: new GuardedHttpAgent({ keepAlive: true }), https: new GuardedHttpsAgent({ keepAlive: true }) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: "ETIMEOUT" })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
