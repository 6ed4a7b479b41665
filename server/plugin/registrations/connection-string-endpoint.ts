/**
 * The `Endpoint` field: `sb://host[:port][/]`. Without UseDevelopmentEmulator only a public DNS name on the TLS
 * port is allowed; with it, only a loopback host with an explicit port (a local emulator speaking plain ws://).
 */
import type { ConnectionStringProblemCode, ProblemParams } from "./connection-string-problem-texts";
import { codePointName, echoName } from "./connection-string-segments";

/** The normalised parts of a valid Endpoint. */
export interface EndpointParts {
  /** `sb://host[:port]/`, host lower-cased, port 443 dropped. */
  endpoint: string;
  /** Lower-cased `host[:port]`. */
  namespace: string;
}

/** One problem of the Endpoint: its code (connection-string-problem-texts.ts) and the values its text needs. */
export interface EndpointProblem {
  code: ConnectionStringProblemCode;
  params?: ProblemParams;
}

/** Either the parts, or every problem found. */
export type EndpointCheck = { ok: true; value: EndpointParts } | { ok: false; problems: EndpointProblem[] };

const at = (code: ConnectionStringProblemCode, params?: ProblemParams): EndpointProblem => (params ? { code, params } : { code });

/**
 * Checks an Endpoint value. `emulator` is the UseDevelopmentEmulator flag, or undefined when that flag was
 * itself invalid — then only mode-independent rules are applied, to avoid piling a guess on an error.
 */
export function checkEndpoint(value: string, emulator: boolean | undefined): EndpointCheck {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value);
  if (!scheme || scheme[1].toLowerCase() !== "sb") {
    return fail(scheme && echoName(scheme[1]) ? at("ENDPOINT_SCHEME_FOUND", { scheme: scheme[1] }) : at("ENDPOINT_SCHEME"));
  }
  const rest = value.slice(scheme[0].length);
  const end = rest.search(/[/?#\\]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const problems = tailProblems(end < 0 ? "" : rest.slice(end));
  const hostPort = splitAuthority(authority);
  if ("code" in hostPort) return fail(...problems, hostPort);
  const { host, port } = hostPort;
  const hostFault = hostProblem(host, port, emulator);
  if (hostFault) problems.push(hostFault);
  if (problems.length) return { ok: false, problems };
  const shownPort = port === undefined || (port === "443" && !emulator) ? "" : `:${port}`;
  const namespace = host.toLowerCase() + shownPort;
  return { ok: true, value: { endpoint: `sb://${namespace}/`, namespace } };
}

function fail(...problems: EndpointProblem[]): EndpointCheck {
  return { ok: false, problems };
}

/** Only an empty path or a single `/` may follow the host. */
function tailProblems(tail: string): EndpointProblem[] {
  const problems: EndpointProblem[] = [];
  if (/[?#]/.test(tail)) problems.push(at("ENDPOINT_QUERY"));
  const path = tail.replace(/[?#].*$/s, "");
  if (path.includes("\\")) problems.push(at("ENDPOINT_BACKSLASH"));
  else if (path !== "" && path !== "/") problems.push(at("ENDPOINT_PATH"));
  return problems;
}

/** `host[:port]` or `[v6][:port]`, or its problem. Refuses userinfo and non-ASCII before anything. */
function splitAuthority(authority: string): { host: string; port?: string } | EndpointProblem {
  if (authority.includes("@")) return at("ENDPOINT_USER_INFO");
  if (authority === "") return at("ENDPOINT_NO_HOST");
  const odd = /[^\x21-\x7e]/u.exec(authority);
  if (odd) return at("ENDPOINT_NON_ASCII", { character: codePointName(odd[0]), position: [...authority].indexOf(odd[0]) + 1 });
  const bracket = /^(\[[^\]]*\])(?::(.*))?$/.exec(authority);
  if (authority.startsWith("[")) return bracket ? withPort(bracket[1], bracket[2]) : at("ENDPOINT_UNCLOSED_BRACKET");
  const parts = authority.split(":");
  if (parts.length > 2) return at("ENDPOINT_COLONS");
  return withPort(parts[0], parts[1]);
}

function withPort(host: string, port: string | undefined): { host: string; port?: string } | EndpointProblem {
  if (port === undefined) return { host };
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return at("ENDPOINT_PORT");
  return { host, port: String(Number(port)) };
}

function hostProblem(host: string, port: string | undefined, emulator: boolean | undefined): EndpointProblem | undefined {
  const lower = host.toLowerCase();
  const loopback = isLoopback(lower);
  if (emulator === true) {
    if (!loopback) return showable(host) ? at("ENDPOINT_EMULATOR_NOT_LOOPBACK_HOST", { host }) : at("ENDPOINT_EMULATOR_NOT_LOOPBACK");
    return port === undefined ? at("ENDPOINT_EMULATOR_PORT") : undefined;
  }
  // A loopback host matched a fixed pattern (127.x.x.x, localhost, [::1]): safe to echo.
  if (loopback) return emulator === false ? at("ENDPOINT_LOOPBACK", { host }) : undefined;
  if (lower.startsWith("[") || /^\d+(\.\d+){3}$/.test(lower)) return at("ENDPOINT_IP_ADDRESS");
  const dns = dnsProblem(lower);
  if (dns) return at(dns);
  if (emulator === false && port !== undefined && port !== "443") return at("ENDPOINT_PORT_NOT_443", { port });
  return undefined;
}

/** True when the host cannot be part of a key (base64 has no '.', ':', '[' or ']'), so it may be echoed. */
function showable(host: string): boolean {
  return /^[A-Za-z0-9.:\[\]-]{1,64}$/.test(host) && /[.:\[\]]/.test(host);
}

/** 127.0.0.0/8 in dotted-quad form, `localhost`, `[::1]`. */
function isLoopback(lowerHost: string): boolean {
  if (lowerHost === "localhost" || lowerHost === "[::1]") return true;
  const quad = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(lowerHost);
  return !!quad && quad.slice(1).every((octet) => Number(octet) <= 255);
}

/** RFC 1123 host name rules, plus: fully qualified, and no punycode (IDN is refused in any form). */
function dnsProblem(host: string): ConnectionStringProblemCode | undefined {
  if (host.length > 253) return "ENDPOINT_DNS_TOO_LONG";
  if (host.endsWith(".")) return "ENDPOINT_DNS_TRAILING_DOT";
  const labels = host.split(".");
  if (labels.length < 2) return "ENDPOINT_DNS_NOT_QUALIFIED";
  for (const label of labels) {
    if (label === "") return "ENDPOINT_DNS_EMPTY_LABEL";
    if (label.length > 63) return "ENDPOINT_DNS_LABEL_TOO_LONG";
    if (!/^[a-z0-9-]+$/.test(label)) return "ENDPOINT_DNS_CHARACTERS";
    if (label.startsWith("-") || label.endsWith("-")) return "ENDPOINT_DNS_LABEL_HYPHEN";
    if (label.startsWith("xn--")) return "ENDPOINT_DNS_IDN";
  }
  if (/^\d+$/.test(labels[labels.length - 1])) return "ENDPOINT_DNS_NUMERIC_TLD";
  return undefined;
}
