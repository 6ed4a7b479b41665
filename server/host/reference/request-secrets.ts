/**
 * The values one request gives to secret fields — found by field, in variables (walked along their declared
 * types) and in literals of the document (with TypeInfo), whatever their shape: string, wrong type, nested, list.
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
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from "graphql";
import { isSecretField } from "./secret-fields";

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
