/**
 * Which addresses a relayed request may be forwarded to (docs/security/input-rules.md). A registration's target is
 * meant to be a local web service — loopback and private addresses are the whole point — but never:
 *   - the unspecified address (0.0.0.0/8, ::), which reaches every local service;
 *   - link-local addresses (169.254.0.0/16, fe80::/10), where cloud metadata services (AWS, Azure IMDS, GCP,
 *     Oracle) answer with instance credentials;
 *   - the other known metadata or platform endpoints: AWS IMDS over IPv6 (fd00:ec2::254), Azure's WireServer
 *     (168.63.129.16, the platform agent's channel), Alibaba Cloud (100.100.100.200);
 *   - broadcast and multicast;
 *   - the host's own listening sockets (its admin UI and GraphQL): a relayed sender must not reach them.
 * IPv6 forms that embed an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96, 2002::/16) are judged by the
 * IPv4 address inside. Numeric IPv4 spellings (2852039166, 0xa9fea9fe, 0251.0376.0251.0376) never reach this
 * file in that form: the WHATWG URL parser and DNS both hand over dotted quads.
 * An allow list (setting `targetAllow`) exempts specific addresses or CIDRs for unusual installations.
 */
import ipaddr from "ipaddr.js";
import { networkInterfaces } from "node:os";
import type { TargetGuardSettings } from "./protocol";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Why an address is refused, by stable code with its English words (`{port}` filled from the refusal). The tab
 * translates the code (`reason.<CODE>` in its server-message catalogues), so a refusal reads in the admin's language.
 */
export const REFUSAL_REASON_TEXTS = {
  NOT_IP_ADDRESS: "not an IP address",
  METADATA_HOST_NAME: "a cloud metadata service's host name",
  AWS_METADATA_IPV6: "the AWS instance metadata service (IPv6)",
  AZURE_WIRESERVER: "Azure's platform endpoint (WireServer)",
  ALIBABA_METADATA: "the Alibaba Cloud metadata service",
  UNSPECIFIED_ADDRESS: "the unspecified address, which reaches every service of this machine",
  LINK_LOCAL_ADDRESS: "a link-local address, where cloud metadata services answer",
  BROADCAST_ADDRESS: "a broadcast address",
  MULTICAST_ADDRESS: "a multicast address",
  OWN_ADMIN_PORT: "this host's own admin port ({port})",
} as const;

export type RefusalReasonCode = keyof typeof REFUSAL_REASON_TEXTS;

/** A refused address and why: `reason` in words an admin understands, `reasonCode` the same by code. */
export interface Refusal {
  address: string;
  reason: string;
  reasonCode: RefusalReasonCode;
  /** The port, for OWN_ADMIN_PORT's text. */
  port?: number;
}

function refusalOf(address: string, reasonCode: RefusalReasonCode, port?: number): Refusal {
  const reason = REFUSAL_REASON_TEXTS[reasonCode].replace("{port}", String(port));
  return port === undefined ? { address, reason, reasonCode } : { address, reason, reasonCode, port };
}

/** Host names of cloud metadata services (compared lower-cased, without a trailing dot). */
const METADATA_NAMES = new Set(["metadata.google.internal", "metadata.goog", "metadata", "metadata.azure.internal", "instance-data", "instance-data.ec2.internal"]);

/** Single addresses refused wherever they appear, with the reason. */
const KNOWN_ENDPOINTS: Array<[string, RefusalReasonCode]> = [
  ["fd00:ec2::254", "AWS_METADATA_IPV6"],
  ["168.63.129.16", "AZURE_WIRESERVER"],
  ["100.100.100.200", "ALIBABA_METADATA"],
];

const RANGE_REASONS: Record<string, RefusalReasonCode> = {
  unspecified: "UNSPECIFIED_ADDRESS",
  linkLocal: "LINK_LOCAL_ADDRESS",
  broadcast: "BROADCAST_ADDRESS",
  multicast: "MULTICAST_ADDRESS",
};

/** A parsed allow list: every entry an address or CIDR; throws a RangeError naming the first bad entry. */
export function parseAllowList(entries: readonly string[] = []): Array<[Address, number]> {
  return entries.map((entry) => {
    const text = entry.trim();
    try {
      if (text.includes("/")) return ipaddr.parseCIDR(text);
      const address = ipaddr.parse(text);
      return [address, address.kind() === "ipv4" ? 32 : 128];
    } catch {
      throw new RangeError(`targetAllow entry ${JSON.stringify(text.slice(0, 60))} is not an IP address or CIDR (e.g. 169.254.10.5 or fd00:ec2::/32)`);
    }
  });
}

/** Why a target host NAME is refused before it is even resolved (metadata service names); undefined if not. */
export function hostnameRefusal(hostname: string): Refusal | undefined {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return METADATA_NAMES.has(name) ? refusalOf(name, "METADATA_HOST_NAME") : undefined;
}

/** Compiled rules: the allow list parsed once, the host's own sockets known. */
export class TargetRules {
  private readonly allow: Array<[Address, number]>;
  private readonly hostEndpoints: Array<{ address: Address; port: number }>;

  constructor(settings: TargetGuardSettings = {}) {
    this.allow = parseAllowList(settings.allow);
    this.hostEndpoints = (settings.hostEndpoints ?? []).flatMap(({ address, port }) => {
      const parsed = parseAddress(address);
      return parsed ? [{ address: inner(parsed), port }] : [];
    });
  }

  /** Why connecting to `address`:`port` is refused, or undefined when it is allowed. */
  refusal(address: string, port: number): Refusal | undefined {
    const parsed = parseAddress(address);
    if (!parsed) return refusalOf(address, "NOT_IP_ADDRESS");
    const ip = inner(parsed);
    if (this.allowed(parsed) || this.allowed(ip)) return undefined;
    const shown = ip === parsed ? ip.toString() : `${parsed.toString()} (${ip.toString()})`;
    const known = knownEndpoint(ip) ?? RANGE_REASONS[ip.range()];
    if (known) return refusalOf(shown, known);
    return this.ownSocket(ip, port) ? refusalOf(shown, "OWN_ADMIN_PORT", port) : undefined;
  }

  private allowed(ip: Address): boolean {
    return this.allow.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
  }

  /** The host's own port on loopback, on its bound address, or — bound to all interfaces — on any local address. */
  private ownSocket(ip: Address, port: number): boolean {
    for (const own of this.hostEndpoints) {
      if (own.port !== port) continue;
      const sameAddress = ip.kind() === own.address.kind() && ip.toNormalizedString() === own.address.toNormalizedString();
      const anyInterface = own.address.range() === "unspecified" && isLocalInterface(ip);
      if (ip.range() === "loopback" || sameAddress || anyInterface) return true;
    }
    return false;
  }
}

function parseAddress(text: string): Address | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const withoutZone = bare.replace(/%.*$/, "");
  // Only canonical spellings here: what DNS and the URL parser produce. ipaddr.js would also read "0xa9fea9fe".
  return ipaddr.IPv6.isValid(withoutZone) || ipaddr.IPv4.isValidFourPartDecimal(withoutZone) ? ipaddr.parse(withoutZone) : undefined;
}

/** The IPv4 address an IPv6 form carries (mapped, compatible, translated, NAT64, 6to4), else the address itself. */
function inner(ip: Address): Address {
  if (ip.kind() === "ipv4") return ip;
  const v6 = ip as ipaddr.IPv6;
  const p = v6.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const range = v6.range();
  if (range === "ipv4Mapped" || range === "rfc6145" || range === "rfc6052") return v4(p[6], p[7]);
  if (range === "6to4") return v4(p[1], p[2]);
  const compatible = p.slice(0, 6).every((part) => part === 0) && (p[6] !== 0 || p[7] > 1); // ::a.b.c.d, not :: or ::1
  return compatible ? v4(p[6], p[7]) : ip;
}

function knownEndpoint(ip: Address): RefusalReasonCode | undefined {
  const text = ip.toNormalizedString();
  return KNOWN_ENDPOINTS.find(([address]) => ipaddr.parse(address).toNormalizedString() === text)?.[1];
}

function isLocalInterface(ip: Address): boolean {
  const text = ip.toNormalizedString();
  return Object.values(networkInterfaces()).some((list) => (list ?? []).some((nic) => {
    const parsed = parseAddress(nic.address);
    return parsed !== undefined && inner(parsed).toNormalizedString() === text;
  }));
}
