/**
 * Display names (docs/security/input-rules.md): what an admin reads in the tab, the status events and the logs.
 * Letters of every script, digits, marks, punctuation, symbols and ordinary spaces are fine; what is refused is
 * what can make a name look like something it is not: control characters (Cc), invisible formatting (Cf: bidi
 * overrides and isolates U+202A–202E / U+2066–2069, zero-width U+200B–200D, word joiner U+2060, BOM U+FEFF…),
 * line/paragraph separators (Zl, Zp), lone surrogates (Cs), private-use (Co) and unassigned (Cn) code points, and
 * the blank "letters" that render as nothing (Hangul fillers, Braille blank).
 */
import { codePointName } from "./connection-string-segments";

/** Longest display name, in characters (code points) after NFC normalisation. */
export const MAX_DISPLAY_NAME = 100;

/** Spaces (any script's) and line breaks at either end are trimmed; everything else is judged. */
const EDGE_BLANKS = /^[\p{Zs}\t\r\n]+|[\p{Zs}\t\r\n]+$/gu;

const REFUSED = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u;

/** Some refused characters by name, so the message says what was found rather than only a number. */
const KNOWN: Record<number, string> = {
  0x200b: "ZERO WIDTH SPACE", 0x200c: "ZERO WIDTH NON-JOINER", 0x200d: "ZERO WIDTH JOINER", 0x2060: "WORD JOINER",
  0xfeff: "BYTE ORDER MARK", 0x202a: "LEFT-TO-RIGHT EMBEDDING", 0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING", 0x202d: "LEFT-TO-RIGHT OVERRIDE", 0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE", 0x00ad: "SOFT HYPHEN", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
  0x0009: "TAB", 0x000a: "LINE FEED", 0x000d: "CARRIAGE RETURN", 0x0000: "NUL", 0x007f: "DELETE",
};

/** What is wrong with a display name: its problem code (input-problem-texts.ts) and the values its text needs. */
export interface DisplayNameProblem {
  ok: false;
  code: "NAME_EMPTY" | "NAME_TOO_LONG" | "NAME_INVISIBLE_CHARACTER";
  params: Readonly<Record<string, string | number>>;
}

/** The name as stored (trimmed, NFC), or what is wrong with it. */
export function checkDisplayName(raw: string): { ok: true; value: string } | DisplayNameProblem {
  // Not String.trim(): it would silently drop a leading BOM or other invisible characters instead of refusing them.
  const name = raw.normalize("NFC").replace(EDGE_BLANKS, "");
  if (name.length === 0) return { ok: false, code: "NAME_EMPTY", params: {} };
  const chars = [...name];
  if (chars.length > MAX_DISPLAY_NAME) return { ok: false, code: "NAME_TOO_LONG", params: { length: chars.length, max: MAX_DISPLAY_NAME } };
  const bad = REFUSED.exec(name);
  if (bad) return { ok: false, code: "NAME_INVISIBLE_CHARACTER", params: { character: describe(bad[0]), position: chars.indexOf(bad[0]) + 1 } };
  return { ok: true, value: name };
}

function describe(ch: string): string {
  const known = KNOWN[ch.codePointAt(0) ?? 0];
  return known ? `${codePointName(ch)} ${known}` : codePointName(ch);
}
