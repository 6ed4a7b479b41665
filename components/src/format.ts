/**
 * Formatting of status, times, sizes and latencies for the tab, per language, through Intl.
 * Pure functions (no Lit, no DOM), so jest tests them; `now` is a parameter so tests need no fake clock.
 */
import type { Language, Translate } from "./i18n";
import type { MessageKey } from "./i18n/en-GB";
import type { RelayState, RelayStatus, RelayTraffic } from "./registrations-client";

/** A symbol per state, so a state is never told by colour alone (a state added later gets a plain dot). */
const STATE_SYMBOLS: Partial<Record<RelayState, string>> = {
  ONLINE: "●",
  CONNECTING: "◌",
  RECONNECTING: "↻",
  STOPPING: "◌",
  DISABLED: "○",
  UNAUTHORIZED: "✕",
  NOT_FOUND: "✕",
  FAILED: "✕",
};

export function stateSymbol(state: RelayState): string {
  return STATE_SYMBOLS[state] ?? "•";
}

/** The state's name in words — the badge shows this text beside its colour, never colour alone. */
export function stateLabel(state: RelayState, t: Translate): string {
  return t(`state${state}` as MessageKey);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "5 minutes ago", "in 10 seconds", "now" — the largest unit that fits, rounded towards zero. */
export function relativeTime(iso: string, now: Date, language: Language): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
  // Under ten seconds the exact count only flickers; say "now".
  if (Math.abs(seconds) < 10) return format.format(0, "second");
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, "second");
}

/** Full date and time for a tooltip or `<time>` title, e.g. "28 Nov 2026, 16:07:20". */
export function dateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }).format(new Date(iso));
}

/** "Online · since 2 minutes ago · attempt 3 · next try in 5 seconds" (only the parts the state carries). */
export function statusText(status: RelayStatus, t: Translate, now: Date, language: Language): string {
  const parts = [stateLabel(status.state, t), t("since", { time: relativeTime(status.since, now, language) })];
  if (status.attempt) parts.push(t("attempt", { attempt: status.attempt }));
  if (status.nextRetryAt) parts.push(t("nextRetry", { time: relativeTime(status.nextRetryAt, now, language) }));
  return parts.join(" · ");
}

export function count(value: number, language: Language): string {
  return new Intl.NumberFormat(language).format(value);
}

/** Unit symbols are the same in every language, so only the number is localised (and ICU versions agree). */
const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

function decimal(value: number, language: Language, digits: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** 1536 → "1.5 KB" (steps of 1024); German "1,5 KB". */
export function bytes(value: number, language: Language): string {
  let unit = 0;
  let scaled = Math.max(0, value);
  while (scaled >= 1024 && unit < BYTE_UNITS.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${decimal(scaled, language, unit === 0 ? 0 : 1)} ${BYTE_UNITS[unit]}`;
}

/** 0.4 → "<1 ms", 87.6 → "88 ms", 1534 → "1.5 s". */
export function latency(ms: number, language: Language): string {
  if (ms < 1) return "<1 ms";
  if (ms < 1000) return `${decimal(Math.round(ms), language, 0)} ms`;
  return `${decimal(ms / 1000, language, 1)} s`;
}

/** The traffic line: "Requests: 12 · Errors: 1 · p95: 88 ms" (no plurals to get wrong) or "no requests yet". */
export function trafficText(traffic: RelayTraffic, t: Translate, language: Language): string {
  if (traffic.requests === 0) return t("trafficNone");
  const parts = [
    t("trafficRequests", { count: count(traffic.requests, language) }),
    t("trafficErrors", { count: count(traffic.failedRequests.total, language) }),
  ];
  if (traffic.latencyMs) parts.push(t("trafficP95", { latency: latency(traffic.latencyMs.p95, language) }));
  return parts.join(" · ");
}
