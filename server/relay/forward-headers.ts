/**
 * Which headers cross the proxy, both ways: end-to-end ones only (hop-by-hop.ts), plus X-Forwarded-* towards the
 * target; towards the relay, only what hyco-https can carry.
 */
import type http from "node:http";
import { endToEndHeaders } from "./hop-by-hop";
import type { HycoResponse } from "./hyco-internals";

/** What the forwarder knows of the relay side (for X-Forwarded-*). */
export interface ForwardedFrom {
  /** The relay namespace host, sent as X-Forwarded-Host. */
  namespace: string;
  /** Whether senders reached the relay over TLS (false only for the local emulator): X-Forwarded-Proto. */
  secure: boolean;
}

const NOT_TO_TARGET = ["host", "servicebusauthorization", "x-forwarded-host", "x-forwarded-proto"];
const NOT_TO_RELAY = ["content-length"];

/** Headers for the target: end-to-end ones, plus X-Forwarded-*. Host becomes the target's own (set by http.request). */
export function targetRequestHeaders(incoming: http.IncomingHttpHeaders, target: ForwardedFrom, clientAddress?: string): http.OutgoingHttpHeaders {
  const headers = endToEndHeaders(incoming, NOT_TO_TARGET);
  const prior = incoming["x-forwarded-for"];
  // The sender's address comes from the relay's `remoteEndpoint` (remote-endpoints.ts: hyco-https drops it). When the
  // relay gives none, the prior chain passes on unchanged: the relay gateway's address is not the client's.
  if (clientAddress) headers["x-forwarded-for"] = prior ? `${prior}, ${clientAddress}` : clientAddress;
  headers["x-forwarded-proto"] = target.secure ? "https" : "http";
  headers["x-forwarded-host"] = target.namespace;
  return headers;
}

/**
 * Status and headers of the target's answer onto the relay response. hyco-https drops `content-length` (the relay
 * frames the body itself) and keeps only the first value of an array: several Set-Cookie values would be lost, so
 * they are joined with ", " (the relay protocol carries headers as a JSON object and cannot repeat a name).
 * Returns true when a value was folded so (counted in traffic as `foldedHeaders`).
 */
export function copyResponseHead(res: HycoResponse, status: number, statusMessage: string | undefined, headers: http.IncomingHttpHeaders): boolean {
  const endToEnd = endToEndHeaders(headers, NOT_TO_RELAY);
  let folded = false;
  for (const name of Object.keys(endToEnd)) {
    const value = endToEnd[name];
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length > 1) folded = true;
    res.setHeader(name, Array.isArray(value) ? value.join(", ") : String(value));
  }
  if (statusMessage) res.writeHead(status, statusMessage);
  else res.writeHead(status);
  return folded;
}
