/**
 * What a probe's exchange means, hop by hop, and the problem in plain words when it failed. The codes are stable
 * (the tab translates them: components/src/i18n/server-messages.*.ts); no text ever holds a key or token.
 */
import type { RelayError } from "../supervisor/relay-status";
import type { GrantOutcome } from "./farm-grants";
import { arrivalMs, listenerAnswerOf } from "./listener-answer";
import type { ProbeExchange } from "./probe-request";

export interface ProbeHop {
  name: string;
  outcome: string;
  /** Milliseconds from the probe's start to the end of this hop, where known. */
  ms: number | null;
  /** True when `ms` is the difference of two wall clocks (this host's and the answering listener's host's). */
  clockSourced: boolean;
}

export interface ProbeResult {
  registrationId: string;
  ok: boolean;
  at: Date;
  roundTripMs: number | null;
  /** Host id of the listener that answered. */
  answeredBy: string | null;
  /** Hosts whose listeners held the probe's grant (farm-grants.ts); on a farm of one, this host. */
  grantedOn: string[];
  /** Hosts of the farm that did not confirm the grant in time: a probe the relay hands to one of them is not answered. */
  notGranted: string[];
  hops: ProbeHop[];
  problem: RelayError | null;
}

/**
 * The relay's own texts when it delivers to no listener (docs/relay-protocol-notes.md): 404 *Endpoint does not
 * exist.* for an unknown hybrid connection, 502 *There are no listeners connected* for one without listeners. Any
 * other 404 or 502 came from a target, through a listener that forwarded the probe.
 */
const NOT_DELIVERED: Readonly<Record<number, RegExp>> = { 404: /endpoint does not exist/i, 502: /no listeners connected/i };

export const SENDER_TO_RELAY = "sender → relay";
export const RELAY_TO_LISTENER = "relay → listener";
export const LISTENER_TO_SENDER = "listener → sender";

/** Every code a probe's `problem` may carry. */
export const PROBE_PROBLEMS = {
  PROBE_NEEDS_SEND_KEY: {
    message: "The relay refused to let the registration's key send the probe: the key has Listen rights only.",
    advice: "Add a Send connection string for probing (a shared access policy with Send on this hybrid connection) to the registration's probe settings.",
  },
  PROBE_SEND_KEY_REFUSED: {
    message: "The relay refused the probe's Send connection string.",
    advice: "Copy the connection string of a policy with Send rights on this hybrid connection again and save it in the probe settings.",
  },
  PROBE_NOT_DELIVERED: {
    message: "The relay did not deliver the probe to a listener: it answered that the hybrid connection does not exist or has no listener connected.",
    advice: "Check that the hybrid connection exists and that this registration's listener is online; if it shows ONLINE, restart it.",
  },
  PROBE_NOT_ANSWERED: {
    message: "The probe went through the relay, but the listener that got it did not hold the probe's grant and forwarded it.",
    advice: "If hosts of the farm did not take the grant (see the probe's notGranted), the relay may have chosen one of them: check those hosts and probe again. If every host held it, a listener outside this farm may be connected to the hybrid connection, or a listener restarted during the probe.",
  },
  PROBE_RELAY_UNREACHABLE: {
    message: "The relay's public address could not be reached.",
    advice: "Check this host's outbound network access (DNS, firewall, proxy) to the relay namespace on port 443.",
  },
  PROBE_TIMEOUT: {
    message: "No answer to the probe came back: the time ran out or the connection was lost.",
    advice: "The path through the relay is slow or broken: check the listener's status and the network; restart the listener if it shows ONLINE.",
  },
  PROBE_LISTENER_NOT_RUNNING: {
    message: "The probe could not be prepared: the data plane that runs this host's listeners is not running.",
    advice: "Wait for the listeners to restart (see the registration's status), then probe again.",
  },
} as const satisfies Record<string, Omit<RelayError, "code">>;

export type ProbeProblemCode = keyof typeof PROBE_PROBLEMS;

/** Problems that show the relayed path itself is broken (not the probe's key, nor a listener without the grant). */
export const PATH_FAILURES: ReadonlySet<string> = new Set<ProbeProblemCode>(["PROBE_NOT_DELIVERED", "PROBE_RELAY_UNREACHABLE", "PROBE_TIMEOUT"]);

export function problem(code: ProbeProblemCode, detail?: string): RelayError {
  const text = PROBE_PROBLEMS[code];
  return { code, message: detail ? `${text.message} (${detail})` : text.message, advice: text.advice };
}

interface Judged {
  exchange: ProbeExchange;
  /** The secret answer a listener holding the grant sends back. */
  expectedAnswer: string;
  /** True when the probe used the registration's own key (no Send connection string set). */
  ownKey: boolean;
  /** Where the grant was held; absent: this host only, reached (a farm of one). */
  grants?: GrantOutcome;
}

type Verdict = Pick<ProbeResult, "ok" | "roundTripMs" | "answeredBy" | "hops" | "problem">;

/** The verdict on one exchange. */
export function judge({ exchange, expectedAnswer, ownKey, grants }: Judged): Verdict {
  const { status, failure, totalMs } = exchange;
  const first = hop(SENDER_TO_RELAY, "connected", exchange.connectedMs ?? null);
  if (failure?.kind === "network" && exchange.connectedMs === undefined) {
    return failed([{ ...first, outcome: `unreachable: ${failure.code}` }, notReached(RELAY_TO_LISTENER), notReached(LISTENER_TO_SENDER)], problem("PROBE_RELAY_UNREACHABLE", failure.code));
  }
  if (status === undefined) {
    const what = failure?.kind === "timeout" ? `no answer within ${Math.round(totalMs)} ms` : `connection lost: ${failure?.kind === "network" ? failure.code : "closed"}`;
    return failed([first, hop(RELAY_TO_LISTENER, "unknown"), hop(LISTENER_TO_SENDER, what)], problem("PROBE_TIMEOUT", what));
  }
  if (status === 401 || status === 403) {
    const hops = [{ ...first, outcome: `refused: HTTP ${status}` }, notReached(RELAY_TO_LISTENER), notReached(LISTENER_TO_SENDER)];
    return failed(hops, problem(ownKey ? "PROBE_NEEDS_SEND_KEY" : "PROBE_SEND_KEY_REFUSED", `HTTP ${status}`));
  }
  if (status === 200 && exchange.answer === expectedAnswer) {
    const answer = listenerAnswerOf(exchange.body);
    const answeredBy = answer.hostId;
    const arrived = arrivalMs(exchange, answer.receivedAt);
    const hops = [first, hop(RELAY_TO_LISTENER, arrived.outcome, arrived.ms, arrived.ms !== null), hop(LISTENER_TO_SENDER, `answered by ${answeredBy ?? "a listener holding the grant"}`, totalMs)];
    return { ok: true, roundTripMs: totalMs, answeredBy, hops, problem: null };
  }
  if (NOT_DELIVERED[status]?.test(`${exchange.reason ?? ""}\n${exchange.body ?? ""}`)) {
    return failed([first, hop(RELAY_TO_LISTENER, `not delivered: HTTP ${status}`), notReached(LISTENER_TO_SENDER)], problem("PROBE_NOT_DELIVERED", `HTTP ${status}`));
  }
  // A listener that did not hold this probe's grant forwarded it to its target, or the relay answered with an error.
  const hops = [first, hop(RELAY_TO_LISTENER, "not answered by a listener holding the grant"), hop(LISTENER_TO_SENDER, `HTTP ${status}`, totalMs)];
  return { ...failed(hops, problem("PROBE_NOT_ANSWERED", `HTTP ${status}${whyNotAnswered(grants)}`)), roundTripMs: totalMs };
}

/** Which listeners could have taken the probe without its grant, in plain words (no secret in it). */
function whyNotAnswered(grants: GrantOutcome | undefined): string {
  if (!grants) return "";
  if (!grants.farmReached) return "; the farm's Redis could not be reached, so only this host held the grant";
  if (grants.notGranted.length > 0) return `; not holding the grant: ${grants.notGranted.join(", ")}`;
  return `; every host of the farm held the grant (${grants.grantedOn.join(", ")})`;
}

function failed(hops: ProbeHop[], why: RelayError): Verdict {
  return { ok: false, roundTripMs: null, answeredBy: null, hops, problem: why };
}

function hop(name: string, outcome: string, ms: number | null = null, clockSourced = false): ProbeHop {
  return { name, outcome, ms, clockSourced };
}

function notReached(name: string): ProbeHop {
  return hop(name, "not reached");
}
