/**
 * Measures an operation before it runs: nesting depth, aliases, field selections and an estimated
 * cost in which every list field multiplies the cost of what is selected under it. Fragments are
 * measured once each and reused, so a "fragment bomb" (fragments spreading each other twice per
 * level) costs this pass linear time while its measured numbers still grow as its answer would.
 */
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export interface OperationMeasure {
  /** Deepest chain of nested field selections (`{ a { b } }` is 2). */
  depth: number;
  /** Field selections carrying an alias, fragments counted where they are spread. */
  aliases: number;
  /** Field selections, fragments counted where they are spread. */
  fields: number;
  /** 1 per field, a list field's sub-selection counted `listFactor` times; capped at MAX_SAFE_INTEGER. */
  cost: number;
}

const ZERO: OperationMeasure = { depth: 0, aliases: 0, fields: 0, cost: 0 };

/** Measures one operation of a parsed (not necessarily valid) document against `schema`. */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  listFactor: number,
): OperationMeasure {
  const memo = new Map<string, OperationMeasure>();
  const measureSet = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined): OperationMeasure => {
    const total = { ...ZERO };
    for (const selection of set.selections) {
      let part: OperationMeasure;
      if (selection.kind === Kind.FIELD) {
        const field = parent && fieldOf(schema, parent, selection.name.value);
        const child = selection.selectionSet ? measureSet(selection.selectionSet, compositeOf(field)) : ZERO;
        const factor = field && isListType(getNullableType(field.type)) ? listFactor : 1;
        part = {
          depth: child.depth + 1,
          aliases: child.aliases + (selection.alias ? 1 : 0),
          fields: child.fields + 1,
          cost: capped(1 + factor * child.cost),
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        part = measureSet(selection.selectionSet, typeCondition(schema, selection.typeCondition?.name.value) ?? parent);
      } else {
        part = measureFragment(selection.name.value);
      }
      add(total, part);
    }
    return total;
  };
  const measureFragment = (name: string): OperationMeasure => {
    const known = memo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown fragments and cycles are validation errors of their own; they add nothing here.
    memo.set(name, ZERO);
    const measured = fragment ? measureSet(fragment.selectionSet, typeCondition(schema, fragment.typeCondition.name.value)) : ZERO;
    memo.set(name, measured);
    return measured;
  };
  const root = schema.getRootType(operation.operation) ?? undefined;
  return measureSet(operation.selectionSet, root);
}

function add(total: OperationMeasure, part: OperationMeasure): void {
  total.depth = Math.max(total.depth, part.depth);
  total.aliases = capped(total.aliases + part.aliases);
  total.fields = capped(total.fields + part.fields);
  total.cost = capped(total.cost + part.cost);
}

function capped(value: number): number {
  return Math.min(value, Number.MAX_SAFE_INTEGER);
}

function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return "getFields" in parent ? parent.getFields()[name] : undefined;
}

function compositeOf(field: GraphQLField<unknown, unknown> | undefined): GraphQLCompositeType | undefined {
  const named = field && getNamedType(field.type);
  return named && isCompositeType(named) ? named : undefined;
}

function typeCondition(schema: GraphQLSchema, name: string | undefined): GraphQLCompositeType | undefined {
  const type = name ? schema.getType(name) : undefined;
  return type && isCompositeType(type) ? type : undefined;
}
