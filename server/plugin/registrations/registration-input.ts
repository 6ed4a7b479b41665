/**
 * Validation of the registration fields other than the connection string (docs/security/input-rules.md).
 * Every problem names its field and says what is right.
 */
import { badInput } from "../errors";
import type { TargetGuard } from "../../relay/target-guard";
import { refusalMessage } from "../../relay/target-guard";
import { checkDisplayName } from "./display-name";
import { hybridConnectionNameProblem } from "./hybrid-connection-name";

/** A display name: 1–100 visible characters of any script (display-name.ts); trimmed and NFC-normalised. */
export function validName(name: string): string {
  const checked = checkDisplayName(name);
  if (!checked.ok) throw badInput("name", checked.message);
  return checked.value;
}

/** The local web service base URL: absolute http(s), no credentials; normalised to end with `/`. Shape only — see {@link assertTargetAllowed}. */
export function validTargetUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badInput("targetUrl", "Target URL is not an absolute URL — use the base URL of the local web services, e.g. http://127.0.0.1:8080/.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw badInput("targetUrl", `Target URL uses ${url.protocol}// — use http:// or https://.`);
  }
  if (url.username || url.password) throw badInput("targetUrl", "Target URL contains credentials — remove user and password from the URL.");
  if (url.search || url.hash) throw badInput("targetUrl", "Target URL has a query or fragment — give only scheme, host, port and base path.");
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
    const code = (error as NodeJS.ErrnoException).code ?? "no answer";
    throw badInput("targetUrl", `Target URL host ${url.hostname} could not be resolved (${code}) — check the name, or use the service's IP address, e.g. http://127.0.0.1:8080/.`);
  }
  if (refusal) throw badInput("targetUrl", `Target URL is refused: ${refusalMessage(refusal)}.`);
}

export function validHybridConnectionName(name: string): string {
  const trimmed = name.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ""); // not trim(): a BOM or NBSP must be refused, not dropped
  const problem = hybridConnectionNameProblem(trimmed);
  if (problem) throw badInput("hybridConnectionName", `Hybrid connection name ${problem}.`);
  return trimmed;
}
