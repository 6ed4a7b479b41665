/**
 * Holds the merged GraphQL schema: the host's base schema plus every schema plugins register.
 * Registering or disposing re-merges and notifies listeners (Apollo through its gateway hook,
 * graphql-ws by reading `current()` per operation), so plugins may register at any time.
 */
import { mergeSchemas } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import type { Disposable, GraphQLRegistry } from "../contract";

export interface SchemaRegistry {
  /** The registry a plugin sees (each registration tagged with the plugin id for error messages). */
  forPlugin(pluginId: string): GraphQLRegistry;
  /** The merged schema now. */
  current(): GraphQLSchema;
  /** Called with every new merged schema. */
  onChange(listener: (schema: GraphQLSchema) => void): Disposable;
}

/** A registry starting from `base`. A schema that cannot merge is refused at registration. */
export function createSchemaRegistry(base: GraphQLSchema): SchemaRegistry {
  const parts: Array<{ pluginId: string; schema: GraphQLSchema }> = [];
  const listeners = new Set<(schema: GraphQLSchema) => void>();
  let merged = base;
  const remerge = (candidate: typeof parts): GraphQLSchema =>
    candidate.length === 0 ? base : mergeSchemas({ schemas: [base, ...candidate.map((p) => p.schema)] });
  const publish = (schema: GraphQLSchema): void => {
    merged = schema;
    for (const listener of [...listeners]) listener(schema);
  };
  return {
    forPlugin(pluginId) {
      return {
        registerSchema(schema): Disposable {
          const part = { pluginId, schema };
          let next: GraphQLSchema;
          try {
            next = remerge([...parts, part]);
          } catch (error) {
            throw new Error(`plugin "${pluginId}": its GraphQL schema cannot be merged with the host's: ${(error as Error).message}`, { cause: error });
          }
          parts.push(part);
          publish(next);
          return {
            dispose() {
              const index = parts.indexOf(part);
              if (index < 0) return;
              parts.splice(index, 1);
              publish(remerge(parts));
            },
          };
        },
      };
    },
    current: () => merged,
    onChange(listener) {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
  };
}
