/**
 * A probe hop in the tab's language. The server names hops and their outcomes in short fixed English phrases
 * (server/plugin/probe/probe-verdict.ts: "sender → relay", "connected", "refused: HTTP 401", "answered by host-a" …);
 * the known ones are translated, keeping their variable part (status, host id, error code); anything else is shown
 * as the server wrote it. Pure TS (jest tests it).
 */
import type { MessageKey, Translate } from "../i18n";

const NAMES: Readonly<Record<string, MessageKey>> = {
  "sender → relay": "hopSenderToRelay",
  "relay → listener": "hopRelayToListener",
  "listener → sender": "hopListenerToSender",
};

const FIXED: Readonly<Record<string, MessageKey>> = {
  connected: "hopConnected",
  delivered: "hopDelivered",
  unknown: "hopUnknown",
  "not reached": "hopNotReached",
  "not tried": "hopNotTried",
  "not answered by a listener of this host": "hopNotAnswered",
};

const WITH_DETAIL: ReadonlyArray<[RegExp, MessageKey]> = [
  [/^answered by (.+)$/, "hopAnsweredBy"],
  [/^refused: (.+)$/, "hopRefused"],
  [/^not delivered: (.+)$/, "hopNotDelivered"],
  [/^unreachable: (.+)$/, "hopUnreachable"],
];

export function hopNameText(name: string, t: Translate): string {
  const key = NAMES[name];
  return key ? t(key) : name;
}

export function hopOutcomeText(outcome: string, t: Translate): string {
  const fixed = FIXED[outcome];
  if (fixed) return t(fixed);
  for (const [pattern, key] of WITH_DETAIL) {
    const match = pattern.exec(outcome);
    if (match) return t(key, { detail: match[1] });
  }
  return outcome;
}
