/**
 * The host's own GraphQL schema, merged with every plugin schema: host info, system operations and
 * a heartbeat subscription (so subscriptions work before any plugin defines one).
 */
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { GraphQLJSON } from "graphql-scalars";
import type { GraphQLContext, SystemOperationRegistry } from "../contract";
import { codedError } from "./graphql-errors";

const typeDefs = /* GraphQL */ `
  type PluginInfo { id: ID! name: String! version: String! }
  type HostInfo { hostId: String! contractVersion: String! plugins: [PluginInfo!]! }
  type SystemOperation { id: ID! title: String! description: String! confirm: Boolean! permission: String! }
  "Values a message's text needs, by name (a JSON object)."
  scalar JSON
  "A message by stable code with its params; a script translates code + params, text is the English (contract 2.2)."
  type SystemOperationMessage {
    code: String!
    params: JSON!
    text: String!
  }
  type SystemOperationResult {
    ok: Boolean!
    "One sentence in English (the fallback of summaryMessage)."
    summary: String!
    "The summary by code + params (null when the operation gives none)."
    summaryMessage: SystemOperationMessage
    "What it did, one message per line, in order (empty when the operation gives none)."
    lines: [SystemOperationMessage!]!
    "Operation-specific details as a JSON string (null when none)."
    details: String
  }
  type Query {
    "Public: which host and plugins answer here."
    hostInfo: HostInfo!
    "Operations contributed by plugins (signed-in callers)."
    systemOperations: [SystemOperation!]!
  }
  type Mutation {
    "Runs a system operation after checking its permission."
    runSystemOperation(id: ID!): SystemOperationResult!
  }
  type Subscription {
    "ISO timestamp every few seconds (signed-in callers)."
    heartbeat: String!
  }
`;

export interface BaseSchemaDeps {
  hostInfo: () => { hostId: string; contractVersion: string; plugins: Array<{ id: string; name: string; version: string }> };
  systemOperations: SystemOperationRegistry;
  /** Heartbeat period in ms; default 5000. */
  heartbeatMs?: number;
  /** Aborted when the host stops, ending every heartbeat stream. */
  signal: AbortSignal;
}

function requireCaller(ctx: GraphQLContext): void {
  if (ctx.caller.kind === "anonymous") throw codedError("UNAUTHENTICATED", "sign in or send an access token (Authorization: Bearer …)");
}

/** Builds the base schema over `deps`. */
export function createBaseSchema(deps: BaseSchemaDeps): GraphQLSchema {
  const resolvers = {
    Query: {
      hostInfo: () => deps.hostInfo(),
      systemOperations: (_: unknown, __: unknown, ctx: GraphQLContext) => (requireCaller(ctx), deps.systemOperations.list()),
    },
    Mutation: {
      runSystemOperation: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
        const result = await deps.systemOperations.run(args.id, ctx.caller);
        const details = result.details === undefined ? null : JSON.stringify(result.details);
        return { ok: result.ok, summary: result.summary, summaryMessage: result.summaryMessage ?? null, lines: result.lines ?? [], details };
      },
    },
    Subscription: {
      heartbeat: {
        subscribe: (_: unknown, __: unknown, ctx: GraphQLContext) => (requireCaller(ctx), ticks(deps.heartbeatMs ?? 5000, deps.signal)),
        resolve: (tick: string) => tick,
      },
    },
  };
  return makeExecutableSchema({ typeDefs, resolvers: { ...resolvers, JSON: GraphQLJSON } });
}

/** An async iterator yielding the time at once and then every `ms`, until returned or `signal` aborts. */
async function* ticks(ms: number, signal: AbortSignal): AsyncGenerator<string> {
  while (!signal.aborted) {
    yield new Date().toISOString();
    const aborted = await new Promise<boolean>((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve(false);
      }, ms);
      signal.addEventListener("abort", onAbort, { once: true });
    });
    if (aborted) return;
  }
}
