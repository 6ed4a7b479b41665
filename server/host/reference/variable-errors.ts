/**
 * graphql-js prints the whole offending value into variable coercion errors
 * (`Variable "$input" got invalid value { …, clientSecret: "…" }; Field "subscriptionId" … was not provided.`).
 * This replays the same coercion (graphql-js's own `coerceInputValue`, same order, same texts) to learn each
 * message graphql-js wrote, and the same message with every value under a secret field shown as `[REDACTED]`.
 * The field names, paths and the reason stay, so the caller still learns what is wrong.
 */
import {
  coerceInputValue,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInputType,
  isListType,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { inspect } from "graphql/jsutils/inspect";
import { printPathArray } from "graphql/jsutils/printPathArray";
import { maskValueIn, REDACTED } from "./redact";
import { isSecretField } from "./secret-fields";

/** Prints as a bare `[REDACTED]` in graphql-js's `inspect` (which honours `toJSON`). */
const MASK = Object.freeze({ toJSON: () => REDACTED });

/** graphql-js stops after 50 variable errors (`execute`'s `maxErrors`); the replay stops there too. */
const MAX_REPLAYED_ERRORS = 50;
const ENOUGH = Symbol("enough variable errors replayed");

/** A map from each variable error message graphql-js would write for this request to its safe form. */
export function variableMessageRewrites(schema: GraphQLSchema, document: DocumentNode, variables: unknown, secretVariables: ReadonlySet<string>): Map<string, string> {
  const rewrites = new Map<string, string>();
  const vars = variables && typeof variables === "object" ? (variables as Record<string, unknown>) : {};
  for (const definition of document.definitions) {
    if (definition.kind !== "OperationDefinition") continue;
    let replayed = 0;
    try {
      for (const varDef of definition.variableDefinitions ?? []) {
        const name = varDef.variable.name.value;
        const type = typeFromAST(schema, varDef.type);
        const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined;
        if (!type || !isInputType(type) || value === undefined || value === null) continue;
        coerceInputValue(value, type, (path, invalidValue, error) => {
          if (++replayed > MAX_REPLAYED_ERRORS) throw ENOUGH;
          const at = path.length > 0 ? ` at "${name}${printPathArray(path)}"` : "";
          const raw = `Variable "$${name}" got invalid value ${inspect(invalidValue)}${at}; ${error.message}`;
          const secret = secretVariables.has(name) || isSecretPath(type, path);
          rewrites.set(raw, `Variable "$${name}" got invalid value ${inspect(secret ? MASK : masked(invalidValue, typeAt(type, path)))}${at}; ${secret ? maskIn(error.message, invalidValue) : error.message}`);
        });
      }
    } catch (stop) {
      if (stop !== ENOUGH) throw stop;
    }
  }
  return rewrites;
}

/** The safe text for a variable error this module did not foresee: the value is left out altogether. */
export function withoutValue(message: string): string {
  const match = /^Variable "\$([^"]+)" got invalid value /.exec(message);
  return match ? `Variable "$${match[1]}" got an invalid value (not shown: it may hold a secret).` : message;
}

/** The type at `path` below `type` (undefined once the path leaves the schema). */
function typeAt(type: GraphQLInputType | undefined, path: ReadonlyArray<string | number>): GraphQLInputType | undefined {
  let current = type;
  for (const key of path) {
    if (!current) return undefined;
    const nullable: GraphQLInputType = getNullableType(current);
    if (typeof key === "number") current = isListType(nullable) ? (nullable.ofType as GraphQLInputType) : current;
    else current = isInputObjectType(nullable) ? nullable.getFields()[key]?.type : undefined;
  }
  return current;
}

/** True when `path` passes through a secret field (or one the type does not declare). */
function isSecretPath(type: GraphQLInputType, path: ReadonlyArray<string | number>): boolean {
  let current: GraphQLInputType | undefined = type;
  for (const key of path) {
    if (!current) return true;
    const nullable: GraphQLInputType = getNullableType(current);
    if (typeof key === "number") {
      current = isListType(nullable) ? (nullable.ofType as GraphQLInputType) : current;
      continue;
    }
    const field: GraphQLInputField | undefined = isInputObjectType(nullable) ? nullable.getFields()[key] : undefined;
    if (!field || isSecretField(field)) return true;
    current = field.type;
  }
  return false;
}

/** A copy of `value` with everything under a secret (or undeclared) field of `type` replaced by the mask. */
function masked(value: unknown, type: GraphQLInputType | undefined, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > 8) return value;
  const nullable = type && getNullableType(type);
  if (Array.isArray(value)) return value.map((item) => masked(item, nullable && isListType(nullable) ? nullable.ofType : type, depth + 1));
  const named = type && getNamedType(type);
  // An object where a leaf was expected: no field is declared secret in it, yet none is known either.
  if (!named || !isInputObjectType(named)) return value;
  const fields = named.getFields();
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const field = fields[key];
    out[key] = !field || isSecretField(field) ? MASK : masked(item, field.type, depth + 1);
  }
  return out;
}

/** `message` with the printed secret value (as graphql-js prints it, and as plain text) replaced by the marker. */
function maskIn(message: string, secret: unknown): string {
  const forms = new Set([inspect(secret), typeof secret === "object" ? "" : String(secret)]);
  let out = message;
  for (const form of [...forms].filter(Boolean).sort((a, b) => b.length - a.length)) out = maskValueIn(out, form);
  return out;
}
