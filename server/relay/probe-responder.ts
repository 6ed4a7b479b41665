/**
 * The listener's side of the end-to-end probe (docs/operations.md, section Probe; docs/security/probe-nonce.md).
 * The control plane issues a one-time nonce to this worker (`probe-nonce` command; in a web farm every host's plugin
 * issues the same nonce to its own worker, plugin/probe/farm-grants.ts) and then sends a request through
 * the relay's public address to `/<hybridConnection>` + PROBE_PATH carrying the nonce in PROBE_NONCE_HEADER. A
 * listener of that registration answers it itself — with the probe's secret answer, which never travels towards
 * the relay (only sealed, between the farm's hosts) — instead of forwarding it. Anything else on that path (no nonce, an unknown,
 * expired, used or other registration's nonce) is an ordinary request and is forwarded like any other: a sender
 * can neither make the listener answer nor learn anything from trying.
 */
import type { IncomingMessage } from "node:http";
import type { HycoResponse } from "./hyco-internals";
import type { ProbeGrant } from "./protocol";
import { stripHybridConnection } from "./target-url";

/** The reserved path, below the hybrid connection's name. */
export const PROBE_PATH = "/.well-known/azure-relay-probe";
/** Carries the nonce from the prober to the listener. */
export const PROBE_NONCE_HEADER = "x-azure-relay-probe-nonce";
/** Carries the grant's secret answer back: proof that a listener holding the grant answered, not the target. */
export const PROBE_ANSWER_HEADER = "x-azure-relay-probe-answer";
/** Grants held at most at once; beyond it the oldest is dropped (a probe is one request a few seconds long). */
const MAX_GRANTS = 256;
/** Longest life of a grant whatever the command asks: a nonce lives seconds, never minutes. */
const MAX_TTL_MS = 60_000;

interface HeldGrant extends ProbeGrant {
  expiresAt: number;
}

/** The nonces this worker may accept, each once, until it expires. */
export class ProbeGrants {
  private readonly byNonce = new Map<string, HeldGrant>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(grant: ProbeGrant): void {
    const at = this.now();
    for (const [nonce, held] of this.byNonce) if (held.expiresAt <= at) this.byNonce.delete(nonce);
    while (this.byNonce.size >= MAX_GRANTS) this.byNonce.delete(this.byNonce.keys().next().value as string);
    this.byNonce.set(grant.nonce, { ...grant, expiresAt: at + Math.min(Math.max(grant.ttlMs, 0), MAX_TTL_MS) });
  }

  /** The grant for this nonce if it is valid for this registration now; it is used up either way once found. */
  take(registrationId: string, nonce: string): HeldGrant | undefined {
    const held = this.byNonce.get(nonce);
    if (!held || held.registrationId !== registrationId) return undefined;
    this.byNonce.delete(nonce);
    return held.expiresAt > this.now() ? held : undefined;
  }

  get size(): number {
    return this.byNonce.size;
  }
}

/** The worker's grants (one worker thread, one set). */
export const probeGrants = new ProbeGrants();

/** Who is asking: the listener's registration and its hybrid connection. */
interface ProbedListener {
  listenerId: string;
  registrationId: string;
  hybridConnectionName: string;
}

/**
 * Answers the request if it is a valid probe for this listener (true), else leaves it alone (false) to be forwarded.
 * Cheap for ordinary traffic: one header lookup, and nothing more unless a nonce is present.
 */
export function answerProbe(req: IncomingMessage, res: HycoResponse, listener: ProbedListener, grants: ProbeGrants = probeGrants): boolean {
  const nonce = req.headers[PROBE_NONCE_HEADER];
  if (typeof nonce !== "string" || !isProbePath(req.url ?? "/", listener.hybridConnectionName)) return false;
  const grant = grants.take(listener.registrationId, nonce);
  if (!grant) return false;
  req.resume(); // a probe has no body worth reading
  // When the probe reached this listener, by this host's wall clock: the prober works out the relay → listener hop.
  const receivedAt = Math.round((performance.timeOrigin + performance.now()) * 100) / 100;
  const body = Buffer.from(JSON.stringify({ hostId: grant.hostId, listenerId: listener.listenerId, receivedAt }), "utf8");
  try {
    res.setHeader("content-type", "application/json");
    res.setHeader("cache-control", "no-store");
    res.setHeader(PROBE_ANSWER_HEADER, grant.answer);
    res.writeHead(200);
    res.end(body);
  } catch {
    // The relay's response is unusable (sender gone): the prober sees no answer, which is the truth.
  }
  return true;
}

function isProbePath(requestTarget: string, hybridConnectionName: string): boolean {
  const q = requestTarget.indexOf("?");
  const path = q < 0 ? requestTarget : requestTarget.slice(0, q);
  return stripHybridConnection(path, hybridConnectionName) === PROBE_PATH;
}
