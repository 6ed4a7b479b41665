/**
 * A probe's one-time grant on every live host of the web farm (docs/operations.md, section Probe, "Web farm"): the
 * relay hands the probe to any listener of the hybrid connection, so each host's worker must hold the grant before
 * the probe goes out. A farm request (`probe-grant`, contract 2.2) asks every member; each host's plugin hands the
 * grant to its own worker — naming itself as the host that answers — and acknowledges once the worker holds it.
 * Nonce and answer travel over Redis sealed with the farm's shared secret key (docs/security/probe-nonce.md).
 * A farm of one, or a farm whose Redis cannot be reached, grants on this host only, as before the farm.
 */
import type { Disposable, Farm, FarmReply, SecretSealer } from "../../host/contract";
import type { ProbeGrant } from "../../relay/protocol";
import { RelayPluginError } from "../errors";

/** The farm request name (scoped to the plugin by the host). */
export const PROBE_GRANT_REQUEST = "probe-grant";

/** Which hosts hold a probe's grant. */
export interface GrantOutcome {
  /** Hosts whose worker confirmed it holds the grant, sorted. */
  grantedOn: string[];
  /** Members asked that did not confirm within the deadline, or answered that no worker runs there; sorted. */
  notGranted: string[];
  /** False when the farm's Redis could not be reached, so only this host was asked. */
  farmReached: boolean;
}

/** What goes over Redis: nonce and answer only sealed. */
interface WireGrant {
  registrationId: string;
  ttlMs: number;
  sealed: string;
}

export interface FarmGrantDeps {
  farm: Farm;
  /** This host's id: the grant's `hostId` on this host, named by its listener when it answers. */
  hostId: string;
  /** The host's sealer; every host of a farm shares its key (a host with another key refuses to start). */
  secrets: SecretSealer;
  /** Hands this host's worker the grant; resolves true once it holds it (Supervisor.grantProbe). */
  grantHere(grant: ProbeGrant, ackMs: number): Promise<boolean>;
  /** How long to wait for the hosts' confirmations: setting `azure-relay.probe.grantDeadlineMs` (probe-settings.ts). */
  deadlineMs: number;
}

export class FarmProbeGrants {
  constructor(private readonly deps: FarmGrantDeps) {}

  /** Answers other hosts' (and this host's own) grant requests until disposed. */
  serve(): Disposable {
    return this.deps.farm.handleRequests(PROBE_GRANT_REQUEST, async (payload) => {
      const grant = this.opened(payload);
      return { held: await this.deps.grantHere(grant, this.deps.deadlineMs) };
    });
  }

  /** Grants `grant` on every live host (or on this one only, see the header) and says where it is held. */
  async grant(grant: ProbeGrant): Promise<GrantOutcome> {
    const { farm, deadlineMs } = this.deps;
    if (!farm.shared) return this.here(grant, true);
    if (!farm.available) return this.here(grant, false);
    let outcome;
    try {
      outcome = await farm.request(PROBE_GRANT_REQUEST, this.sealed(grant), { deadlineMs });
    } catch {
      return this.here(grant, false); // Redis went away between the check and the request
    }
    const held = (reply: FarmReply): boolean => (reply.result as { held?: unknown } | null)?.held === true;
    const grantedOn = outcome.replies.filter(held).map((r) => r.hostId);
    const notGranted = [...outcome.replies.filter((r) => !held(r)).map((r) => r.hostId), ...outcome.notAnswering];
    // This host was not among the members (its heartbeat record lapsed in a Redis blip): its own worker still counts.
    if (!grantedOn.includes(this.deps.hostId) && !notGranted.includes(this.deps.hostId)) {
      const here = await this.here(grant, true);
      grantedOn.push(...here.grantedOn);
      notGranted.push(...here.notGranted);
    }
    return { grantedOn: grantedOn.sort(), notGranted: notGranted.sort(), farmReached: true };
  }

  private async here(grant: ProbeGrant, farmReached: boolean): Promise<GrantOutcome> {
    const held = await this.deps.grantHere(grant, this.deps.deadlineMs);
    return { grantedOn: held ? [this.deps.hostId] : [], notGranted: held ? [] : [this.deps.hostId], farmReached };
  }

  private sealed(grant: ProbeGrant): WireGrant {
    return { registrationId: grant.registrationId, ttlMs: grant.ttlMs, sealed: this.deps.secrets.seal(JSON.stringify({ nonce: grant.nonce, answer: grant.answer })) };
  }

  /** The grant for this host's worker; the payload came over Redis from another process, so it is checked first. */
  private opened(payload: unknown): ProbeGrant {
    const wire = payload as Partial<WireGrant> | null;
    const registrationId = wire?.registrationId;
    const ttlMs = wire?.ttlMs;
    if (typeof registrationId !== "string" || registrationId.length === 0 || registrationId.length > 200) throw malformed();
    if (typeof ttlMs !== "number" || !Number.isSafeInteger(ttlMs) || ttlMs <= 0 || ttlMs > 120_000) throw malformed();
    if (typeof wire?.sealed !== "string" || wire.sealed.length > 4096) throw malformed();
    let secret: { nonce?: unknown; answer?: unknown };
    try {
      secret = JSON.parse(this.deps.secrets.open(wire.sealed)) as typeof secret;
    } catch {
      throw malformed();
    }
    if (!isToken(secret.nonce) || !isToken(secret.answer)) throw malformed();
    return { registrationId, nonce: secret.nonce, answer: secret.answer, hostId: this.deps.hostId, ttlMs };
  }
}

/** A nonce or answer as ProbeService makes them: 24 random bytes in base64url (32 characters). */
function isToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{16,128}$/.test(value);
}

function malformed(): RelayPluginError {
  return new RelayPluginError("BAD_USER_INPUT", "The probe grant request is malformed or sealed under another secret key; it was ignored.");
}
