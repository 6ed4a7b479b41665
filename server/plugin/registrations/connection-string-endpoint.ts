/**
 * The `Endpoint` field: `sb://host[:port][/]`. Without UseDevelopmentEmulator only a public DNS name on the TLS
 * port is allowed; with it, only a loopback host with an explicit port (a local emulator speaking plain ws://).
 */
import { codePointName, echoName } from "./connection-string-segments";

/** The normalised parts of a valid Endpoint. */
export interface EndpointParts {
  /** `sb://host[:port]/`, host lower-cased, port 443 dropped. */
  endpoint: string;
  /** Lower-cased `host[:port]`. */
  namespace: string;
}

/** Either the parts, or every problem found (messages start with "Endpoint"). */
export type EndpointCheck = { ok: true; value: EndpointParts } | { ok: false; messages: string[] };

const COPY_ADVICE = "copy the Primary Connection String from Shared access policies";
const EXAMPLE = "sb://<namespace>.servicebus.windows.net/";

/**
 * Checks an Endpoint value. `emulator` is the UseDevelopmentEmulator flag, or undefined when that flag was
 * itself invalid — then only mode-independent rules are applied, to avoid piling a guess on an error.
 */
export function checkEndpoint(value: string, emulator: boolean | undefined): EndpointCheck {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value);
  if (!scheme || scheme[1].toLowerCase() !== "sb") {
    const found = scheme && echoName(scheme[1]) ? ` (not ${scheme[1]}://)` : "";
    return fail(`Endpoint must start with sb://${found} — ${COPY_ADVICE}`);
  }
  const rest = value.slice(scheme[0].length);
  const end = rest.search(/[/?#\\]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const messages = tailProblems(end < 0 ? "" : rest.slice(end));
  const hostPort = splitAuthority(authority);
  if (typeof hostPort === "string") return fail(...messages, hostPort);
  const { host, port } = hostPort;
  const hostMessage = hostProblem(host, port, emulator);
  if (hostMessage) messages.push(hostMessage);
  if (messages.length) return { ok: false, messages };
  const shownPort = port === undefined || (port === "443" && !emulator) ? "" : `:${port}`;
  const namespace = host.toLowerCase() + shownPort;
  return { ok: true, value: { endpoint: `sb://${namespace}/`, namespace } };
}

function fail(...messages: string[]): EndpointCheck {
  return { ok: false, messages };
}

/** Only an empty path or a single `/` may follow the host. */
function tailProblems(tail: string): string[] {
  const messages: string[] = [];
  if (/[?#]/.test(tail)) messages.push("Endpoint must not have a query or fragment ('?…' or '#…') — end it after the host");
  const path = tail.replace(/[?#].*$/s, "");
  if (path.includes("\\")) messages.push("Endpoint must use '/', not '\\'");
  else if (path !== "" && path !== "/") {
    messages.push("Endpoint must not have a path after the host — put the hybrid connection name in EntityPath instead");
  }
  return messages;
}

/** `host[:port]` or `[v6][:port]`; a string is a problem message. Refuses userinfo and non-ASCII before anything. */
function splitAuthority(authority: string): { host: string; port?: string } | string {
  if (authority.includes("@")) return "Endpoint must not contain user info ('…@') — the host comes right after sb://";
  if (authority === "") return `Endpoint has no host — expected ${EXAMPLE}`;
  const odd = /[^\x21-\x7e]/u.exec(authority);
  if (odd) {
    const at = [...authority].indexOf(odd[0]) + 1;
    return `Endpoint host has a non-ASCII or blank character (${codePointName(odd[0])} at position ${at}) — international (IDN) names and look-alike letters are not allowed; type the host in plain ASCII`;
  }
  const bracket = /^(\[[^\]]*\])(?::(.*))?$/.exec(authority);
  if (authority.startsWith("[")) {
    return bracket ? withPort(bracket[1], bracket[2]) : "Endpoint has an unclosed '[' in the host";
  }
  const parts = authority.split(":");
  if (parts.length > 2) return "Endpoint host has more than one ':' — write an IPv6 address in brackets, e.g. [::1]";
  return withPort(parts[0], parts[1]);
}

function withPort(host: string, port: string | undefined): { host: string; port?: string } | string {
  if (port === undefined) return { host };
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    return "Endpoint port must be a number from 1 to 65535";
  }
  return { host, port: String(Number(port)) };
}

function hostProblem(host: string, port: string | undefined, emulator: boolean | undefined): string | undefined {
  const lower = host.toLowerCase();
  const loopback = isLoopback(lower);
  const shown = showHost(host);
  if (emulator === true) {
    if (!loopback) {
      return `With UseDevelopmentEmulator=true the Endpoint host must be loopback (127.0.0.1, localhost or [::1])${shown ? `, not${shown}` : ""} — remove UseDevelopmentEmulator to connect to Azure`;
    }
    return port === undefined ? "With UseDevelopmentEmulator=true the Endpoint needs the emulator's port, e.g. sb://127.0.0.1:9351/" : undefined;
  }
  if (loopback) {
    return emulator === false
      ? `Endpoint host${shown} is a loopback address — add UseDevelopmentEmulator=true to use a local emulator`
      : undefined;
  }
  if (lower.startsWith("[") || /^\d+(\.\d+){3}$/.test(lower)) {
    return `Endpoint host must be the namespace's DNS name (${EXAMPLE}), not an IP address`;
  }
  const dns = dnsProblem(lower);
  if (dns) return `Endpoint host${shown} is not a valid DNS name: ${dns}`;
  if (emulator === false && port !== undefined && port !== "443") {
    return `Endpoint must not name a port other than 443 — Azure Relay is reached over TLS on 443; remove :${port}`;
  }
  return undefined;
}

/** ` 'host'` when it cannot be part of a key (base64 has no '.', ':', '[' or ']'), else "" (not shown). */
function showHost(host: string): string {
  return /^[A-Za-z0-9.:\[\]-]{1,64}$/.test(host) && /[.:\[\]]/.test(host) ? ` '${host}'` : "";
}

/** 127.0.0.0/8 in dotted-quad form, `localhost`, `[::1]`. */
function isLoopback(lowerHost: string): boolean {
  if (lowerHost === "localhost" || lowerHost === "[::1]") return true;
  const quad = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(lowerHost);
  return !!quad && quad.slice(1).every((octet) => Number(octet) <= 255);
}

/** RFC 1123 host name rules, plus: fully qualified, and no punycode (IDN is refused in any form). */
function dnsProblem(host: string): string | undefined {
  if (host.length > 253) return "it is longer than 253 characters";
  if (host.endsWith(".")) return "it must not end with '.'";
  const labels = host.split(".");
  if (labels.length < 2) return `use the fully qualified namespace host, e.g. ${EXAMPLE}`;
  for (const label of labels) {
    if (label === "") return "it has an empty label ('..')";
    if (label.length > 63) return "a label is longer than 63 characters";
    if (!/^[a-z0-9-]+$/.test(label)) return "only letters, digits, '-' and '.' are allowed";
    if (label.startsWith("-") || label.endsWith("-")) return "a label must not start or end with '-'";
    if (label.startsWith("xn--")) return "international (IDN, 'xn--') names are not allowed";
  }
  if (/^\d+$/.test(labels[labels.length - 1])) return "the last label must not be all digits";
  return undefined;
}
