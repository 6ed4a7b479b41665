/**
 * Where a relayed request goes: the relay hands us the sender's path with the hybrid connection's name in front
 * (`/ecs-core/a/b?x=1`); the target is the registration's base URL (`http://127.0.0.1:8080/base/`).
 */

/** Splits a request target at the first `?` without decoding anything (the query must stay byte for byte). */
function splitTarget(requestTarget: string): { path: string; query: string } {
  const q = requestTarget.indexOf("?");
  return q < 0 ? { path: requestTarget, query: "" } : { path: requestTarget.slice(0, q), query: requestTarget.slice(q + 1) };
}

/** The lower-cased, percent-decoded form used only to compare segments (never to build the outgoing path). */
function comparable(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/**
 * The part of `path` after the hybrid connection's name, beginning with `/` or empty. A name may itself contain
 * `/` (Azure allows nested paths). The comparison ignores case and percent-encoding, as the relay's routing does.
 * A path that does not start with the name (should not happen) is returned unchanged.
 */
export function stripHybridConnection(path: string, hybridConnectionName: string): string {
  // Fast path: the path spells the name exactly as configured (the usual case): no split, no decoding.
  const prefix = memo(prefixCache, hybridConnectionName, exactPrefixOf);
  const exact = prefix.length > 1 && path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === "/");
  if (exact) return path.slice(prefix.length);
  const nameSegments = memo(nameCache, hybridConnectionName, nameSegmentsOf);
  const segments = path.split("/"); // leading "" for the leading slash
  if (segments[0] !== "") return path;
  for (let i = 0; i < nameSegments.length; i++) {
    if (segments[i + 1] === undefined || comparable(segments[i + 1]) !== nameSegments[i]) return path;
  }
  const rest = segments.slice(nameSegments.length + 1);
  return rest.length === 0 ? "" : `/${rest.join("/")}`;
}

/** Where to send one relayed request: the target's origin plus the raw path (never re-encoded by a URL parser). */
export interface TargetLocation {
  /** `http:` or `https:`. */
  protocol: string;
  hostname: string;
  /** The port as a number, the scheme's default filled in. */
  port: number;
  /** `host[:port]` as in the target URL (what the target sees in `Host`). */
  host: string;
  /** Path and query, exactly as they go on the request line. */
  path: string;
}

/**
 * The target location for a relayed request target. `targetUrl`'s own path is the base; the relayed remainder is
 * joined with exactly one `/`; the relayed query is appended verbatim (after the target's own query, if any).
 * The result is not passed through `URL`: WHATWG parsing would re-encode some query bytes.
 */
export function buildTargetLocation(targetUrl: string, requestTarget: string, hybridConnectionName: string): TargetLocation {
  const base = memo(baseCache, targetUrl, parseBase);
  const { path, query } = splitTarget(requestTarget);
  const rest = stripHybridConnection(path, hybridConnectionName);
  const joinedPath = rest === "" ? base.pathname : `${base.trimmedPath}${rest}`;
  const hasQuery = requestTarget.includes("?") || base.query !== "";
  const fullQuery = base.query !== "" && query !== "" ? `${base.query}&${query}` : base.query + query;
  return { protocol: base.protocol, hostname: base.hostname, port: base.port, host: base.host, path: `${joinedPath}${hasQuery ? `?${fullQuery}` : ""}` };
}

/** What a target URL contributes to every request: parsed once per URL, not per request (`new URL` is not cheap). */
interface TargetBase {
  protocol: string;
  hostname: string;
  port: number;
  host: string;
  pathname: string;
  /** `pathname` without its trailing `/`, to join a relayed remainder to. */
  trimmedPath: string;
  /** The target's own query, without `?`. */
  query: string;
}

function parseBase(targetUrl: string): TargetBase {
  const base = new URL(targetUrl);
  if (base.protocol !== "http:" && base.protocol !== "https:") throw new TypeError("targetUrl must be http:// or https://");
  return {
    protocol: base.protocol,
    hostname: base.hostname.startsWith("[") ? base.hostname.slice(1, -1) : base.hostname,
    port: base.port !== "" ? Number(base.port) : base.protocol === "https:" ? 443 : 80,
    host: base.host,
    pathname: base.pathname,
    trimmedPath: base.pathname.endsWith("/") ? base.pathname.slice(0, -1) : base.pathname,
    query: base.search.startsWith("?") ? base.search.slice(1) : "",
  };
}

/** `/seg1/seg2` of the name's raw segments: a path that starts with it matches segment by segment trivially. */
function exactPrefixOf(hybridConnectionName: string): string {
  return `/${hybridConnectionName.split("/").filter(Boolean).join("/")}`;
}

function nameSegmentsOf(hybridConnectionName: string): readonly string[] {
  return hybridConnectionName.split("/").filter(Boolean).map(comparable);
}

/** Bounded: registrations come and go; a few hundred live targets are expected, not thousands. */
const MEMO_LIMIT = 1000;
const baseCache = new Map<string, TargetBase>();
const nameCache = new Map<string, readonly string[]>();
const prefixCache = new Map<string, string>();

/** `compute(key)`, remembered (a throw is not remembered, so a bad URL fails every time, as before). */
function memo<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute(key);
  if (cache.size >= MEMO_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}
