/**
 * Hybrid connection names (docs/security/input-rules.md): Azure's rule for `Microsoft.Relay/namespaces/hybridConnections`
 * — 1–260 letters, digits, `.`, `-`, `_` and `/`, starting and ending with a letter or digit — plus what the relay's
 * URL routing needs: no empty (`//`) and no dot-only (`.`, `..`) segments. A name such as `zz/../ecs-core` would be
 * resolved by a URL parser to `ecs-core` and listen there as a second listener, splitting its traffic.
 * Azure compares entity names without case, so registrations are unique on the lower-cased name
 * ({@link hybridConnectionKey}); the name is stored as typed.
 */
import { codePointName } from "./connection-string-segments";

/** Azure's limit for a hybrid connection's name. */
export const MAX_HYBRID_CONNECTION_NAME = 260;

const EXAMPLE = "e.g. ecs-core or team/orders";

/**
 * What is wrong with a hybrid connection name, as a phrase to follow the field name
 * (`EntityPath must …`, `Hybrid connection name must …`); undefined when valid.
 */
export function hybridConnectionNameProblem(name: string): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "must not be empty — give the hybrid connection's name";
  if (name.length > MAX_HYBRID_CONNECTION_NAME) return `must be at most ${MAX_HYBRID_CONNECTION_NAME} characters (this one has ${name.length})`;
  const odd = /[^A-Za-z0-9._/-]/u.exec(name);
  if (odd) {
    const at = [...name].indexOf(odd[0]) + 1;
    return `may contain only letters, digits, '-', '_', '.' and '/' (found ${codePointName(odd[0])} at position ${at}; ${EXAMPLE})`;
  }
  if (!/^[A-Za-z0-9]/.test(name) || !/[A-Za-z0-9]$/.test(name)) return `must start and end with a letter or digit (${EXAMPLE})`;
  const segments = name.split("/");
  if (segments.includes("")) return `must not contain '//' — each '/'-separated part needs a name (${EXAMPLE})`;
  const dots = segments.find((segment) => /^\.+$/.test(segment));
  if (dots) return `must not have a '${dots}' part — dot segments are path navigation, not names (${EXAMPLE})`;
  return undefined;
}

/** True when `name` is a valid hybrid connection name (see {@link hybridConnectionNameProblem}). */
export function isValidHybridConnectionName(name: string): boolean {
  return hybridConnectionNameProblem(name) === undefined;
}

/** The form two names are compared in: Azure entity names are case-insensitive (`ECS-Core` is `ecs-core`). */
export function hybridConnectionKey(name: string): string {
  return name.toLowerCase();
}

