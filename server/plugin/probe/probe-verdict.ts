/**
 * What a probe's exchange means, hop by hop, and the problem in plain words when it failed. The codes are stable
 * (the tab translates them: components/src/i18n/server-messages.*.ts); no text ever holds a key or token.
 */
import type { RelayError } from "../supervisor/relay-status";
import type { ProbeExchange } from "./probe-request";

export interface ProbeHop {
  name: string;
  outcome: string;
  ms: number | null;
}

export interface ProbeResult {
  registrationId: string;
  ok: boolean;
  at: Date;
  roundTripMs: number | null;
  /** Host id of the listener that answered. */
  answeredBy: string | null;
  hops: ProbeHop[];
  problem: RelayError | null;
}

/** The relay's own text when no listener is connected (an HTTP sender gets it with 502; docs/relay-protocol-notes.md). */
const NO_LISTENERS = /no listeners connected/i;

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
    message: "The probe went through the relay, but no listener of this host answered it.",
    advice: "If this is a web farm, the relay may have chosen another host's listener: probe again. Otherwise check that the listener is online, or restart it.",
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

/** Problems that show the relayed path itself is broken (not the probe's key, nor a farm's routing). */
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
}

/** The verdict on one exchange. */
export function judge({ exchange, expectedAnswer, ownKey }: Judged): Pick<ProbeResult, "ok" | "roundTripMs" | "answeredBy" | "hops" | "problem"> {
  const { status, failure, totalMs } = exchange;
  const first: ProbeHop = { name: SENDER_TO_RELAY, outcome: "connected", ms: exchange.connectedMs ?? null };
  if (failure?.kind === "network" && exchange.connectedMs === undefined) {
    return failed([{ ...first, outcome: `unreachable: ${failure.code}` }, notReached(RELAY_TO_LISTENER), notReached(LISTENER_TO_SENDER)], problem("PROBE_RELAY_UNREACHABLE", failure.code));
  }
  if (status === undefined) {
    const what = failure?.kind === "timeout" ? `no answer within ${Math.round(totalMs)} ms` : `connection lost: ${failure?.kind === "network" ? failure.code : "closed"}`;
    return failed([first, { name: RELAY_TO_LISTENER, outcome: "unknown", ms: null }, { name: LISTENER_TO_SENDER, outcome: what, ms: null }], problem("PROBE_TIMEOUT", what));
  }
  if (status === 401 || status === 403) {
    const hops = [{ ...first, outcome: `refused: HTTP ${status}` }, notReached(RELAY_TO_LISTENER), notReached(LISTENER_TO_SENDER)];
    return failed(hops, problem(ownKey ? "PROBE_NEEDS_SEND_KEY" : "PROBE_SEND_KEY_REFUSED", `HTTP ${status}`));
  }
  if (status === 200 && exchange.answer === expectedAnswer) {
    const answeredBy = hostIdOf(exchange.body);
    const hops = [first, { name: RELAY_TO_LISTENER, outcome: "delivered", ms: null }, { name: LISTENER_TO_SENDER, outcome: `answered by ${answeredBy ?? "this host"}`, ms: totalMs }];
    return { ok: true, roundTripMs: totalMs, answeredBy, hops, problem: null };
  }
  if (status === 404 || (status === 502 && NO_LISTENERS.test(exchange.body ?? ""))) {
    return failed([first, { name: RELAY_TO_LISTENER, outcome: `not delivered: HTTP ${status}`, ms: null }, notReached(LISTENER_TO_SENDER)], problem("PROBE_NOT_DELIVERED", `HTTP ${status}`));
  }
  // A listener that did not hold this probe's grant forwarded it to its target, or the relay answered with an error.
  const hops = [first, { name: RELAY_TO_LISTENER, outcome: "not answered by a listener of this host", ms: null }, { name: LISTENER_TO_SENDER, outcome: `HTTP ${status}`, ms: totalMs }];
  return { ...failed(hops, problem("PROBE_NOT_ANSWERED", `HTTP ${status}`)), roundTripMs: totalMs };
}

function failed(hops: ProbeHop[], why: RelayError): Pick<ProbeResult, "ok" | "roundTripMs" | "answeredBy" | "hops" | "problem"> {
  return { ok: false, roundTripMs: null, answeredBy: null, hops, problem: why };
}

function notReached(name: string): ProbeHop {
  return { name, outcome: "not reached", ms: null };
}

/** The listener's own answer names its host; bounded and checked, since it came over the network. */
function hostIdOf(body: string | undefined): string | null {
  try {
    const hostId = (JSON.parse(body ?? "") as { hostId?: unknown }).hostId;
    return typeof hostId === "string" && hostId.length <= 200 ? hostId : null;
  } catch {
    return null;
  }
}
