/**
 * Validation of the registration fields other than the connection string (docs/security/input-rules.md).
 * Every problem names its field and says what is right.
 */
import { ALLOW_SETTING, type TargetGuard } from "../../relay/target-guard";
import { checkDisplayName } from "./display-name";
import { hybridConnectionNameRule } from "./hybrid-connection-name";
import { inputProblem } from "./input-problem-texts";

/** A display name: 1–100 visible characters of any script (display-name.ts); trimmed and NFC-normalised. */
export function validName(name: string): string {
  const checked = checkDisplayName(name);
  if (!checked.ok) throw inputProblem("name", checked.code, checked.params);
  return checked.value;
}

/** The local web service base URL: absolute http(s), no credentials; normalised to end with `/`. Shape only — see {@link assertTargetAllowed}. */
export function validTargetUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw inputProblem("targetUrl", "TARGET_URL_NOT_ABSOLUTE");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw inputProblem("targetUrl", "TARGET_URL_SCHEME", { scheme: url.protocol });
  }
  if (url.username || url.password) throw inputProblem("targetUrl", "TARGET_URL_CREDENTIALS");
  if (url.search || url.hash) throw inputProblem("targetUrl", "TARGET_URL_QUERY");
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url.toString();
}

/**
 * Resolves a (shape-checked) target URL's host and refuses it when any address is on the deny list: link-local and
 * metadata addresses in every notation, the unspecified address, the host's own port (target-rules.ts). The URL
 * parser has already turned decimal, hex and octal IPv4 spellings into dotted quads.
 */
export async function assertTargetAllowed(targetUrl: string, guard: TargetGuard): Promise<void> {
  const url = new URL(targetUrl);
  const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  let refusal;
  try {
    refusal = await guard.refusal(url.hostname, port);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "no answer";
    throw inputProblem("targetUrl", "TARGET_URL_UNRESOLVED", { host: url.hostname, reason });
  }
  if (refusal) throw inputProblem("targetUrl", "TARGET_URL_REFUSED", { address: refusal.address, reason: refusal.reason, setting: ALLOW_SETTING });
}

export function validHybridConnectionName(name: string): string {
  const trimmed = name.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ""); // not trim(): a BOM or NBSP must be refused, not dropped
  const broken = hybridConnectionNameRule(trimmed);
  if (broken) throw inputProblem("hybridConnectionName", `HYBRID_CONNECTION_NAME_${broken.rule}`, broken.params);
  return trimmed;
}
