/**
 * Matching ARM request paths. ARM compares the fixed segments (`resourceGroups`, `Microsoft.Relay`, …) without case,
 * and the SDK percent-encodes each name (a hybrid connection `a/b` arrives as `a%2Fb`), so a path is split on its
 * raw `/` first and each segment decoded after.
 */
export type PathParams = Record<string, string>;

const P = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Relay";
const NS = `${P}/namespaces/{ns}`;
const HC = `${NS}/hybridConnections/{hc}`;

/** Every resource path the emulator serves (those of @azure/arm-relay 3.1.1 for namespaces and hybrid connections). */
export const ARM_PATHS = {
  namespacesOfSubscription: "/subscriptions/{sub}/providers/Microsoft.Relay/namespaces",
  namespacesOfGroup: `${P}/namespaces`,
  namespace: NS,
  namespaceRules: `${NS}/authorizationRules`,
  namespaceRule: `${NS}/authorizationRules/{rule}`,
  namespaceRuleListKeys: `${NS}/authorizationRules/{rule}/listKeys`,
  namespaceRuleRegenerate: `${NS}/authorizationRules/{rule}/regenerateKeys`,
  hybridConnections: `${NS}/hybridConnections`,
  hybridConnection: HC,
  hcRules: `${HC}/authorizationRules`,
  hcRule: `${HC}/authorizationRules/{rule}`,
  hcRuleListKeys: `${HC}/authorizationRules/{rule}/listKeys`,
  hcRuleRegenerate: `${HC}/authorizationRules/{rule}/regenerateKeys`,
} as const;

export type ArmPathName = keyof typeof ARM_PATHS;

/** Splits and decodes a request path; undefined when a segment is not valid percent-encoding. */
export function pathSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The parameters of `pattern` in `segments`, or undefined when it does not match. */
export function matchPath(pattern: string, segments: string[]): PathParams | undefined {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: PathParams = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const seg = segments[i]!;
    if (part.startsWith("{")) params[part.slice(1, -1)] = seg;
    else if (part.toLowerCase() !== seg.toLowerCase()) return undefined;
  }
  return params;
}
