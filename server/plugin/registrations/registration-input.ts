/** Validation of the registration fields other than the connection string. Every problem names its field and says what is right. */
import { HostError } from "../../host/contract";
import { hybridConnectionNameProblem } from "./connection-string";

const MAX_NAME = 100;

export function badInput(field: string, message: string): HostError {
  return new HostError("BAD_USER_INPUT", message, field);
}

/** A display name: 1–100 printable characters. */
export function validName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw badInput("name", "Name is empty — give the registration a short name, e.g. \"ECS Core production\".");
  if (trimmed.length > MAX_NAME) throw badInput("name", `Name is ${trimmed.length} characters long — use at most ${MAX_NAME}.`);
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw badInput("name", "Name contains control characters — use printable characters only.");
  return trimmed;
}

/** The local web service base URL: absolute http(s), no credentials; normalised to end with `/`. */
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

export function validHybridConnectionName(name: string): string {
  const trimmed = name.trim();
  const problem = hybridConnectionNameProblem(trimmed);
  if (problem) throw badInput("hybridConnectionName", `Hybrid connection name ${problem} (letters, digits, -, _, ., /; e.g. ecs-core).`);
  return trimmed;
}
