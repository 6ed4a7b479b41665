/**
 * Which input fields and arguments of a schema are secret (contract: the `@secret` directive, or
 * `extensions.secret` for code-first fields), and the values a request gives them — found by field,
 * in variables and in literals of the document, whatever their shape.
 */
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  print,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  TypeInfo,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from "graphql";
import { SECRET_DIRECTIVE_NAME } from "../contract";

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
export function trackSecretFieldNames(schemas: { current(): GraphQLSchema; onChange(listener: (schema: GraphQLSchema) => void): { dispose(): void } }, names: Set<string>): { dispose(): void } {
  const refill = (schema: GraphQLSchema): void => {
    const next = secretFieldNames(schema);
    for (const name of names) if (!next.has(name)) names.delete(name);
    for (const name of next) names.add(name);
  };
  refill(schemas.current());
  return schemas.onChange(refill);
}

/** The secret parts of one request. */
export interface RequestSecrets {
  /** Every string (and number/boolean, as text) found under a secret field, in variables or literals. */
  values: Set<string>;
  /** `print()` of every literal value node given to a secret field, as it appears in validation messages. */
  literals: string[];
  /** Variables used (wholly) as the value of a secret field or argument. */
  variables: Set<string>;
}

/** Collects what a request gives its secret fields: by walking variables along their declared types, and literals with TypeInfo. */
export function requestSecrets(schema: GraphQLSchema, document: DocumentNode | undefined, variables: unknown): RequestSecrets {
  const found: RequestSecrets = { values: new Set(), literals: [], variables: new Set() };
  if (!document) return found;
  const vars = variables && typeof variables === "object" ? (variables as Record<string, unknown>) : {};
  const typeInfo = new TypeInfo(schema);
  const literal = (node: ValueNode): void => {
    found.literals.push(print(node));
    collectLeaves(literalLeaves(node, (name) => {
      found.variables.add(name);
      return vars[name];
    }), found.values);
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type) as GraphQLInputType | undefined;
        if (type && Object.prototype.hasOwnProperty.call(vars, node.variable.name.value)) walkValue(vars[node.variable.name.value], type, found.values);
      },
      Argument(node) {
        const arg = typeInfo.getArgument();
        if (arg && isSecretField(arg)) literal(node.value);
      },
      ObjectField(node) {
        const parent = getNamedType(typeInfo.getParentInputType());
        const field = isInputObjectType(parent) ? parent.getFields()[node.name.value] : undefined;
        if (field && isSecretField(field)) literal(node.value);
      },
    }),
  );
  return found;
}

/** Deeper than this, a variable value is garbage no message prints in full; walking on would only risk the stack. */
const MAX_WALK_DEPTH = 64;

/** Walks a variable value along its type; everything under a secret field (or a field the type does not know) is collected. */
function walkValue(value: unknown, type: GraphQLInputType, into: Set<string>, depth = 0): void {
  if (value === null || typeof value !== "object" || depth > MAX_WALK_DEPTH) return;
  const nullable = getNullableType(type);
  if (Array.isArray(value)) {
    for (const item of value) walkValue(item, isListType(nullable) ? nullable.ofType : nullable, into, depth + 1);
    return;
  }
  const named = getNamedType(nullable);
  if (!isInputObjectType(named)) return;
  const fields = named.getFields();
  for (const [key, item] of Object.entries(value)) {
    const field = fields[key];
    if (!field || isSecretField(field)) collectLeaves(item, into);
    else walkValue(item, field.type, into, depth + 1);
  }
}

/** Every primitive inside `value` (the secret itself may arrive as any JSON shape), as text. */
function collectLeaves(value: unknown, into: Set<string>, depth = 0): void {
  if (value === null || value === undefined || depth > MAX_WALK_DEPTH) return;
  if (typeof value === "object") {
    for (const item of Object.values(value)) collectLeaves(item, into, depth + 1);
    return;
  }
  into.add(String(value));
}

/** A literal value node as plain data; a variable inside it stands for its whole value (`variable` reports and resolves it). */
function literalLeaves(node: ValueNode, variable: (name: string) => unknown): unknown {
  switch (node.kind) {
    case "ListValue":
      return node.values.map((item) => literalLeaves(item, variable));
    case "ObjectValue":
      return node.fields.map((f) => literalLeaves(f.value, variable));
    case "Variable":
      return variable(node.name.value);
    case "NullValue":
      return null;
    case "StringValue":
    case "IntValue":
    case "FloatValue":
    case "BooleanValue":
    case "EnumValue":
      return node.value;
  }
}
