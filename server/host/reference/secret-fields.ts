/**
 * Which input fields and arguments of a schema are secret (contract: the `@secret` directive, or
 * `extensions.secret` for code-first fields). request-secrets.ts finds the values a request gives them.
 */
import { isInputObjectType, type GraphQLArgument, type GraphQLInputField, type GraphQLSchema } from "graphql";
import { SECRET_DIRECTIVE_NAME, type Disposable } from "../contract";

/** True when the schema marks `field` (an input field or an argument) as a write-only secret. */
export function isSecretField(field: GraphQLInputField | GraphQLArgument): boolean {
  if (field.extensions?.[SECRET_DIRECTIVE_NAME] === true) return true;
  return field.astNode?.directives?.some((d) => d.name.value === SECRET_DIRECTIVE_NAME) ?? false;
}

/** Every secret input field and argument of `schema` as `Type.field` / `Type.field(arg)` (docs, tests, the log cross-check). */
export function secretCoordinates(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (isSecretField(field)) out.push(`${type.name}.${field.name}`);
    } else if ("getFields" in type) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of "args" in field ? field.args : []) if (isSecretField(arg)) out.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
  }
  return out.sort();
}

/** The names of every secret field and argument of `schema`, for the logger's by-name masking. */
export function secretFieldNames(schema: GraphQLSchema): Set<string> {
  return new Set(secretCoordinates(schema).map((coordinate) => /(\w+)\)?$/.exec(coordinate)![1]));
}

/**
 * Keeps `names` equal to the secret field names of the registry's current schema (every plugin registration
 * re-merges it). Returns the subscription, to dispose with the registry.
 */
export function trackSecretFieldNames(schemas: { current(): GraphQLSchema; onChange(listener: (schema: GraphQLSchema) => void): Disposable }, names: Set<string>): Disposable {
  const refill = (schema: GraphQLSchema): void => {
    const next = secretFieldNames(schema);
    for (const name of names) if (!next.has(name)) names.delete(name);
    for (const name of next) names.add(name);
  };
  refill(schemas.current());
  return schemas.onChange(refill);
}
