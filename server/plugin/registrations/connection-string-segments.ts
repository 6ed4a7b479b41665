/**
 * The lexical half of the connection-string parser: splits `Key=Value;…` into known fields and reports
 * problems of form (unknown, duplicate, empty, keyless or control-character segments). What each value
 * must look like is checked elsewhere (connection-string.ts, connection-string-endpoint.ts).
 */

import { CONNECTION_STRING_PROBLEM_TEXTS, fillProblem, type ConnectionStringProblemCode, type ProblemParams } from "./connection-string-problem-texts";

/**
 * One thing wrong with a connection string: the key it concerns (or `connectionString`), a stable code, the values
 * its text needs, and the English text (connection-string-problem-texts.ts) saying what is wrong and what would be right.
 */
export interface ConnectionStringProblem {
  field: string;
  code: ConnectionStringProblemCode;
  params: ProblemParams;
  message: string;
}

/** The problem `code` at `field`, its message filled from `params`. */
export function problem(field: string, code: ConnectionStringProblemCode, params: ProblemParams = {}): ConnectionStringProblem {
  return { field, code, params, message: fillProblem(CONNECTION_STRING_PROBLEM_TEXTS[code], params) };
}

/** The keys of Azure's Relay connection strings, spelled as Azure spells them. */
export const KNOWN_KEYS = [
  "Endpoint",
  "SharedAccessKeyName",
  "SharedAccessKey",
  "SharedAccessSignature",
  "EntityPath",
  "UseDevelopmentEmulator",
] as const;
export type KnownKey = (typeof KNOWN_KEYS)[number];

/** The field name used for problems of the string as a whole. */
export const WHOLE = "connectionString";

/** The "has no value" problem of each key (its text says what the key should hold). */
const EMPTY: Record<KnownKey, ConnectionStringProblemCode> = {
  Endpoint: "CONNECTION_STRING_ENDPOINT_EMPTY",
  SharedAccessKeyName: "CONNECTION_STRING_KEY_NAME_EMPTY",
  SharedAccessKey: "CONNECTION_STRING_KEY_EMPTY",
  SharedAccessSignature: "CONNECTION_STRING_SIGNATURE_EMPTY",
  EntityPath: "CONNECTION_STRING_ENTITY_PATH_EMPTY",
  UseDevelopmentEmulator: "CONNECTION_STRING_EMULATOR_FLAG_EMPTY",
};

/** Settings of Azure's SDK connection strings that this plugin deliberately does not take. */
const UNSUPPORTED = new Set(["operationtimeout", "authentication", "transporttype"]);

/** Result of the lexical pass. `flagged` fields already have a problem, so their values are not checked again. */
export interface Segments {
  values: Map<KnownKey, string>;
  flagged: Set<KnownKey>;
  /** Every value that is or may be a secret (keys, signatures, values of unknown keys), to scrub from messages. */
  secrets: string[];
  problems: ConnectionStringProblem[];
}

// C0/C1 controls, format characters (zero-width, bidi overrides, BOM), line separators and lone surrogates.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "gu");

/** `U+0000`-style name of the first control or invisible character in `text`, if any. */
export function firstInvisible(text: string): string | undefined {
  const hit = INVISIBLE.exec(text);
  return hit ? codePointName(hit[0]) : undefined;
}

export function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * `'name'` when a name the user typed is safe to echo: a short identifier, or a word-like one of up to 24 letters
 * (no digits, at most a third capitals). Anything else may be a fragment of a pasted key — base64 is mostly
 * mixed-case letters and digits — so it is described, not shown. No echo can hold `=`, so never a whole key.
 */
export function echoName(text: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(text)) return undefined;
  if (text.length <= 8) return `'${text}'`;
  const capitals = text.replace(/[^A-Z]/g, "").length;
  return text.length <= 24 && !/\d/.test(text) && capitals * 3 <= text.length ? `'${text}'` : undefined;
}

/** Splits `text` (already trimmed) into segments and reports every problem of form. */
export function readSegments(text: string): Segments {
  const out: Segments = { values: new Map(), flagged: new Set(), secrets: [], problems: [] };
  const spellings = new Map<KnownKey, string[]>();
  const keyless: number[] = [];
  const unknown = new Map<string, string>(); // lower-cased → first spelling: each unknown key is reported once
  text.split(";").forEach((part, index) => {
    if (trimSpaces(part) === "") return; // Azure tolerates empty segments (`;;`, trailing `;`)
    const eq = part.indexOf("="); // the FIRST `=`: values such as base64 keys end in `=`
    const hidden = eq < 0 ? firstInvisible(part) : undefined;
    if (hidden) return invisibleProblem(out, undefined, hidden);
    const rawKey = eq < 0 ? "" : trimSpaces(part.slice(0, eq));
    const value = eq < 0 ? part : trimSpaces(part.slice(eq + 1));
    const known = knownKey(rawKey.replace(INVISIBLE_ALL, ""));
    if (!known || known === "SharedAccessKey" || known === "SharedAccessSignature") out.secrets.push(value);
    if (eq < 0 || rawKey === "") return void keyless.push(index + 1);
    if (known) spellings.set(known, [...(spellings.get(known) ?? []), rawKey]);
    const bad = firstInvisible(rawKey) ?? firstInvisible(value);
    if (bad) return invisibleProblem(out, known, bad);
    if (!known) return void (unknown.has(rawKey.toLowerCase()) || unknown.set(rawKey.toLowerCase(), rawKey));
    if (out.values.has(known)) return;
    out.values.set(known, value);
    if (value === "") flag(out, known, EMPTY[known], { field: known });
  });
  if (keyless.length) out.problems.push(keylessProblem(keyless));
  for (const [key, names] of spellings) if (names.length > 1) duplicateProblem(out, key, names);
  out.problems.push(...capUnknown([...unknown.values()].map(unknownKeyProblem)));
  return out;
}

function trimSpaces(text: string): string {
  return text.replace(/^ +| +$/g, ""); // only spaces: tabs and line breaks inside the string are control characters
}

function knownKey(rawKey: string): KnownKey | undefined {
  const lower = rawKey.toLowerCase();
  return KNOWN_KEYS.find((k) => k.toLowerCase() === lower);
}

function flag(out: Segments, key: KnownKey, code: ConnectionStringProblemCode, params: ProblemParams): void {
  out.flagged.add(key);
  out.problems.push(problem(key, code, params));
}

function invisibleProblem(out: Segments, known: KnownKey | undefined, character: string): void {
  if (!known) return void out.problems.push(problem(WHOLE, "CONNECTION_STRING_INVISIBLE_CHARACTER", { character }));
  out.values.set(known, ""); // counts as present, so no "missing" problem follows
  flag(out, known, "CONNECTION_STRING_KEY_INVISIBLE_CHARACTER", { field: known, character });
}

function keylessProblem(segments: number[]): ConnectionStringProblem {
  if (segments.length === 1) return problem(WHOLE, "CONNECTION_STRING_SEGMENT_NOT_KEY_VALUE", { segment: segments[0] });
  const list = segments.slice(0, 5).join(", ");
  if (segments.length <= 5) return problem(WHOLE, "CONNECTION_STRING_SEGMENTS_NOT_KEY_VALUE", { segments: list });
  return problem(WHOLE, "CONNECTION_STRING_SEGMENTS_NOT_KEY_VALUE_MORE", { segments: list, more: segments.length - 5 });
}

function duplicateProblem(out: Segments, key: KnownKey, names: string[]): void {
  const distinct = [...new Set(names)];
  if (distinct.length < 2) return flag(out, key, "CONNECTION_STRING_DUPLICATE_KEY", { field: key, count: names.length });
  const spellings = distinct.slice(0, 3).map((n) => echoName(n) ?? "…").join(", ");
  flag(out, key, "CONNECTION_STRING_DUPLICATE_KEY_SPELLINGS", { field: key, count: names.length, spellings });
}

/** A key the parser does not know: named when echoName() allows it, else described by its length. (How often it appears is not said.) */
function unknownKeyProblem(rawKey: string): ConnectionStringProblem {
  const shown = echoName(rawKey) !== undefined;
  const suggestion = closestKey(rawKey);
  if (!shown) {
    const params = { length: rawKey.length, ...(suggestion ? { suggestion } : {}) };
    return problem(WHOLE, suggestion ? "CONNECTION_STRING_UNKNOWN_KEY_HIDDEN_TYPO" : "CONNECTION_STRING_UNKNOWN_KEY_HIDDEN", params);
  }
  if (UNSUPPORTED.has(rawKey.toLowerCase())) return problem(rawKey, "CONNECTION_STRING_UNSUPPORTED_KEY", { key: rawKey });
  if (suggestion) return problem(rawKey, "CONNECTION_STRING_UNKNOWN_KEY_TYPO", { key: rawKey, suggestion });
  return problem(rawKey, "CONNECTION_STRING_UNKNOWN_KEY", { key: rawKey });
}

// Many unknown keys usually mean the wrong text was pasted: name a few, count the rest.
function capUnknown(problems: ConnectionStringProblem[]): ConnectionStringProblem[] {
  if (problems.length <= 5) return problems;
  return [...problems.slice(0, 5), problem(WHOLE, "CONNECTION_STRING_MORE_UNKNOWN_KEYS", { count: problems.length - 5 })];
}

/** The known key a near-typo most likely meant (separators ignored, edit distance ≤ 2, or ≤ 3 for long names). */
function closestKey(rawKey: string): KnownKey | undefined {
  const typed = rawKey.toLowerCase().replace(/[\s_.-]/g, "");
  let best: { key: KnownKey; distance: number } | undefined;
  for (const key of KNOWN_KEYS) {
    const target = key.toLowerCase();
    const limit = target.length >= 12 ? 3 : 2;
    if (Math.abs(typed.length - target.length) > limit) continue;
    const distance = editDistance(typed, target);
    if (distance <= limit && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}
