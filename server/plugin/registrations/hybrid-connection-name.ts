/**
 * Hybrid connection names (docs/security/input-rules.md): Azure's rule for `Microsoft.Relay/namespaces/hybridConnections`
 * — 1–260 letters, digits, `.`, `-`, `_` and `/`, starting and ending with a letter or digit — plus what the relay's
 * URL routing needs: no empty (`//`) and no dot-only (`.`, `..`) segments. A name such as `zz/../ecs-core` would be
 * resolved by a URL parser to `ecs-core` and listen there as a second listener, splitting its traffic.
 * Azure compares entity names without case, so registrations are unique on the lower-cased name
 * ({@link hybridConnectionKey}); the name is stored as typed.
 */
import { codePointName } from "./connection-string-segments";
import { NAME_RULES, fillProblem, type NameRule, type ProblemParams } from "./connection-string-problem-texts";

/** Azure's limit for a hybrid connection's name. */
export const MAX_HYBRID_CONNECTION_NAME = 260;

/** Which rule a hybrid connection name breaks (NAME_RULES), with the values its text needs; undefined when valid. */
export function hybridConnectionNameRule(name: string): { rule: NameRule; params: ProblemParams } | undefined {
  const broken = (rule: NameRule, params: ProblemParams = {}) => ({ rule, params });
  if (typeof name !== "string" || name.length === 0) return broken("EMPTY");
  if (name.length > MAX_HYBRID_CONNECTION_NAME) return broken("TOO_LONG", { max: MAX_HYBRID_CONNECTION_NAME, length: name.length });
  const odd = /[^A-Za-z0-9._/-]/u.exec(name);
  if (odd) return broken("CHARACTERS", { character: codePointName(odd[0]), position: [...name].indexOf(odd[0]) + 1 });
  if (!/^[A-Za-z0-9]/.test(name) || !/[A-Za-z0-9]$/.test(name)) return broken("EDGES");
  const segments = name.split("/");
  if (segments.includes("")) return broken("EMPTY_SEGMENT");
  const dots = segments.find((segment) => /^\.+$/.test(segment));
  if (dots) return broken("DOT_SEGMENT", { segment: dots });
  return undefined;
}

/**
 * What is wrong with a hybrid connection name, as a phrase to follow the field name
 * (`EntityPath must …`, `Hybrid connection name must …`); undefined when valid.
 */
export function hybridConnectionNameProblem(name: string): string | undefined {
  const broken = hybridConnectionNameRule(name);
  return broken && fillProblem(NAME_RULES[broken.rule], broken.params);
}

/** True when `name` is a valid hybrid connection name (see {@link hybridConnectionNameProblem}). */
export function isValidHybridConnectionName(name: string): boolean {
  return hybridConnectionNameProblem(name) === undefined;
}

/** The form two names are compared in: Azure entity names are case-insensitive (`ECS-Core` is `ecs-core`). */
export function hybridConnectionKey(name: string): string {
  return name.toLowerCase();
}

