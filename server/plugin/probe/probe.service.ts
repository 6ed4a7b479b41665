/**
 * The end-to-end probe (docs/operations.md, section Probe): issues a one-time grant to the data-plane worker of
 * every host of the farm (farm-grants.ts; this host's alone on a farm of one), sends the probe through the relay's
 * public address and judges what came back. Keeps each registration's last result and counts (for status and
 * metrics) and runs the periodic probe where a registration asks for it.
 */
import { randomBytes } from "node:crypto";
import type { Disposable } from "../../host/contract";
import type { ProbeGrant } from "../../relay/protocol";
import { RelayPluginError } from "../errors";
import type { RegistrationDesired } from "../registrations/relay-control";
import type { GrantOutcome } from "./farm-grants";
import { sendProbe, type ProbeCall, type ProbeExchange } from "./probe-request";
import { judge, problem, LISTENER_TO_SENDER, RELAY_TO_LISTENER, SENDER_TO_RELAY, type ProbeResult } from "./probe-verdict";

export interface ProbeServiceDeps {
  /**
   * Hands the grant to the listeners that may get the probe and says where it is held (FarmProbeGrants.grant). A
   * boolean is a farm of one: true when this host's worker holds it (Supervisor.grantProbe), false when none runs.
   */
  grant(grant: ProbeGrant): boolean | GrantOutcome | Promise<boolean | GrantOutcome>;
  /** This host's id, named by the listener that answers. */
  hostId: string;
  /** A probe with no answer within this fails (PROBE_TIMEOUT). Default 10 000 ms. */
  timeoutMs?: number;
  /** The longest the grant may take (`azure-relay.probe.grantDeadlineMs`): a nonce lives this plus `timeoutMs`. Default 2 000 ms. */
  grantDeadlineMs?: number;
  /** Sends the probe request; a test may wrap it. Default sendProbe (probe-request.ts). */
  send?: (call: ProbeCall) => Promise<ProbeExchange>;
  clock?: () => Date;
  /** The outbound proxy settings of relay connections (azure-relay.proxyUrl / proxyBypass); absent: the environment's. */
  proxy?: { url?: string; noProxy?: string };
}

/** What the prober keeps of a registration (keys in clear, main-thread memory only). */
type ProbeTarget = Pick<RegistrationDesired, "registrationId" | "enabled" | "namespace" | "hybridConnectionName" | "secure" | "keyName" | "key" | "probe">;

export interface ProbeCounts {
  ok: number;
  failed: number;
}

export class ProbeService {
  private readonly targets = new Map<string, ProbeTarget>();
  private readonly last = new Map<string, ProbeResult>();
  private readonly tallies = new Map<string, ProbeCounts>();
  private readonly periodic = new Map<string, { seconds: number; timer: NodeJS.Timeout }>();
  private readonly handlers = new Set<(result: ProbeResult) => void>();
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private disposed = false;

  constructor(private readonly deps: ProbeServiceDeps) {
    this.timeoutMs = deps.timeoutMs ?? 10_000;
    this.now = deps.clock ?? (() => new Date());
  }

  /** The complete desired state: which registrations may be probed, and which periodically. */
  apply(desired: RegistrationDesired[]): void {
    this.targets.clear();
    for (const d of desired) this.targets.set(d.registrationId, d);
    for (const id of [...this.last.keys()]) if (!this.targets.has(id)) (this.last.delete(id), this.tallies.delete(id));
    for (const [id, run] of [...this.periodic]) {
      const target = this.targets.get(id);
      if (!target || !target.enabled || target.probe?.intervalSeconds !== run.seconds) this.stopPeriodic(id);
    }
    for (const t of this.targets.values()) {
      const seconds = t.probe?.intervalSeconds ?? 0;
      if (t.enabled && seconds > 0 && !this.periodic.has(t.registrationId)) this.schedule(t.registrationId, seconds);
    }
  }

  /** Probes one registration now. NOT_FOUND for an unknown id; every other failure is in the result. */
  async probe(registrationId: string): Promise<ProbeResult> {
    const target = this.targets.get(registrationId);
    if (!target) throw new RelayPluginError("NOT_FOUND", `No relay registration with id ${JSON.stringify(registrationId)} — list them with relayRegistrations.`, "id", { params: { id: registrationId } });
    const result = await this.run(target);
    if (this.targets.has(registrationId)) this.record(result);
    return result;
  }

  lastProbe(registrationId: string): ProbeResult | undefined {
    return this.last.get(registrationId);
  }

  counts(registrationId: string): ProbeCounts {
    return this.tallies.get(registrationId) ?? { ok: 0, failed: 0 };
  }

  /** Every probe result, manual or periodic. */
  onProbed(handler: (result: ProbeResult) => void): Disposable {
    this.handlers.add(handler);
    return { dispose: () => this.handlers.delete(handler) };
  }

  dispose(): void {
    this.disposed = true;
    for (const id of [...this.periodic.keys()]) this.stopPeriodic(id);
    this.handlers.clear();
  }

  private async run(target: ProbeTarget): Promise<ProbeResult> {
    const at = this.now();
    // The nonce must outlive the wait for the farm's slowest host plus the exchange itself.
    const ttlMs = this.timeoutMs + (this.deps.grantDeadlineMs ?? 2_000);
    const grant: ProbeGrant = { registrationId: target.registrationId, nonce: random(), answer: random(), hostId: this.deps.hostId, ttlMs };
    const grants = outcomeOf(await this.deps.grant(grant), this.deps.hostId);
    const where = { grantedOn: grants.grantedOn, notGranted: grants.notGranted };
    if (grants.grantedOn.length === 0) {
      const hops = [SENDER_TO_RELAY, RELAY_TO_LISTENER, LISTENER_TO_SENDER].map((name) => ({ name, outcome: "not tried", ms: null, clockSourced: false }));
      return { registrationId: target.registrationId, ok: false, at, roundTripMs: null, answeredBy: null, ...where, hops, problem: problem("PROBE_LISTENER_NOT_RUNNING") };
    }
    const key = target.probe?.send ?? { keyName: target.keyName, key: target.key };
    const call: ProbeCall = { namespace: target.namespace, hybridConnectionName: target.hybridConnectionName, secure: target.secure, ...key, nonce: grant.nonce, timeoutMs: this.timeoutMs, proxy: this.deps.proxy };
    const exchange = await (this.deps.send ?? sendProbe)(call);
    return { registrationId: target.registrationId, at, ...where, ...judge({ exchange, expectedAnswer: grant.answer, ownKey: !target.probe?.send, grants }) };
  }

  private record(result: ProbeResult): void {
    this.last.set(result.registrationId, result);
    const tally = this.tallies.get(result.registrationId) ?? { ok: 0, failed: 0 };
    tally[result.ok ? "ok" : "failed"]++;
    this.tallies.set(result.registrationId, tally);
    for (const handler of [...this.handlers]) {
      try {
        handler(result);
      } catch {
        // one failing subscriber must not keep the others from the result
      }
    }
  }

  /** The next periodic probe starts `seconds` after the last one ended: probes of one registration never overlap. */
  private schedule(registrationId: string, seconds: number): void {
    const timer = setTimeout(() => {
      const target = this.targets.get(registrationId);
      if (!target || this.disposed) return;
      void this.probe(registrationId).catch(() => undefined).finally(() => {
        if (this.periodic.get(registrationId)?.timer === timer) this.schedule(registrationId, seconds);
      });
    }, seconds * 1000);
    timer.unref();
    this.periodic.set(registrationId, { seconds, timer });
  }

  private stopPeriodic(registrationId: string): void {
    clearTimeout(this.periodic.get(registrationId)?.timer);
    this.periodic.delete(registrationId);
  }
}

/** A boolean from a farm of one, as a grant outcome. */
function outcomeOf(granted: boolean | GrantOutcome, hostId: string): GrantOutcome {
  if (typeof granted !== "boolean") return granted;
  return granted ? { grantedOn: [hostId], notGranted: [], farmReached: true } : { grantedOn: [], notGranted: [hostId], farmReached: true };
}

function random(): string {
  return randomBytes(24).toString("base64url");
}
