/**
 * GraphQL at /graphql on the host's http server: Apollo Server 5 (HTTP, CSRF prevention on) and
 * graphql-ws (subscriptions) on the same path. Both read the merged schema from the registry, refuse
 * documents over the cost limits before execution (graphql-limits.ts) and give resolvers `{ caller }`.
 * Over HTTP anonymous callers reach plugin fields so plugins answer themselves; a WebSocket must be
 * signed in from its first message (ws-guard.ts).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { GraphQLSchema } from "graphql";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import type { GraphQLContext, Caller, Logger } from "../contract";
import type { LoginThrottle } from "./login-throttle";
import type { SchemaRegistry } from "./graphql-schema-registry";
import type { IntrospectionPolicy } from "./config";
import { formatGraphQLError } from "./graphql-errors";
import { introspectionGuard, persistedQueryRefusal } from "./apollo-guards";
import { subscriptionOverHttpRefusal } from "./subscription-over-http";
import { costLimitsRule, withLimitCode, type GraphQLLimits } from "./graphql-limits";
import { graphqlWsOptions, type WsExtra } from "./graphql-ws-options";
import { secretRedactionPlugin } from "./secret-redaction";
import { readBody, sendJson, BodyTooLargeError } from "./http-util";

/** The largest request body (HTTP) and WebSocket message (graphql-ws) accepted: 1 MiB, readBody's default. */
export const MAX_GRAPHQL_MESSAGE_BYTES = 1024 * 1024;

export interface GraphQLServerDeps {
  httpServer: Server;
  schemas: SchemaRegistry;
  logger: Logger;
  /** Caller of an HTTP request. */
  callerForRequest(req: IncomingMessage): Caller;
  /** Caller of a WebSocket connection from its `connectionParams` and upgrade request. */
  callerForConnection(params: Readonly<Record<string, unknown>> | undefined, req: IncomingMessage): Caller;
  /** How long in-flight HTTP requests may finish at stop; default 5000 ms. */
  drainGraceMs?: number;
  /** Cost limits (config.ts `graphqlLimits`: ECS_GRAPHQL_MAX_*). */
  limits: GraphQLLimits;
  /** Who may introspect (config.ts `introspection`: ECS_GRAPHQL_INTROSPECTION). */
  introspection: IntrospectionPolicy;
  /** Failed-token throttle shared with /login and HTTP bearer tokens (login-throttle.ts); none: unthrottled. */
  tokenThrottle?: LoginThrottle;
}

export interface GraphQLServer {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Stops Apollo (draining HTTP) and closes every WebSocket. Idempotent. */
  stop(): Promise<void>;
}

/** Starts Apollo and graphql-ws over `deps.httpServer` at `/graphql`. */
export async function startGraphQLServer(deps: GraphQLServerDeps): Promise<GraphQLServer> {
  // ws closes a socket whose message (or frame) would exceed maxPayload with 1009, before buffering it.
  const wss = new WebSocketServer({ server: deps.httpServer, path: "/graphql", maxPayload: MAX_GRAPHQL_MESSAGE_BYTES });
  const ws = useServer<Record<string, unknown>, WsExtra>(graphqlWsOptions(deps), wss);
  const apollo = new ApolloServer<GraphQLContext>({
    gateway: schemaGateway(deps.schemas),
    csrfPrevention: true,
    formatError: (formatted, error) => withLimitCode(formatted, error, deps.limits) ?? formatGraphQLError(formatted, error),
    // The parser stops at the token limit: cheap refusal of huge documents, and no stack overflow on deep ones.
    parseOptions: { maxTokens: deps.limits.maxTokens },
    validationRules: [costLimitsRule(deps.limits)],
    // Introspection is decided per caller (introspectionGuard); Apollo's switch is for everyone at once.
    introspection: true,
    // No client of this host uses automatic persisted queries; off, they cannot fill the host's memory
    // with anonymous documents, and a persistedQuery extension is refused as a 400 (persistedQueryRefusal).
    persistedQueries: false,
    // Stack traces are for the host log, not for callers.
    includeStacktraceInErrorResponses: false,
    logger: apolloLogger(deps.logger),
    plugins: [
      // Apollo's landing page loads Sandbox from a CDN with inline script: our CSP forbids both.
      ApolloServerPluginLandingPageDisabled(),
      // The host sets no cache hints; the automatic plugin would still visit every field of every answer.
      ApolloServerPluginCacheControlDisabled(),
      secretRedactionPlugin(deps.limits.maxTokens),
      ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer, stopGracePeriodMillis: deps.drainGraceMs ?? 5000 }),
      { serverWillStart: async () => ({ drainServer: () => closeSockets(wss, ws) }) },
      introspectionGuard(deps.introspection),
      persistedQueryRefusal(),
      subscriptionOverHttpRefusal(),
    ],
  });
  await apollo.start();
  let stopping: Promise<void> | undefined;
  return {
    handle: (req, res) => handleHttp(apollo, deps, req, res),
    // apollo.stop() runs the drain hooks: WebSockets closed, then HTTP drained.
    stop: () => (stopping ??= apollo.stop()),
  };
}

async function handleHttp(apollo: ApolloServer<GraphQLContext>, deps: GraphQLServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: unknown;
  try {
    const text = await readBody(req, MAX_GRAPHQL_MESSAGE_BYTES);
    body = text && /json/i.test(req.headers["content-type"] ?? "") ? JSON.parse(text) : text;
  } catch (error) {
    const status = error instanceof BodyTooLargeError ? 413 : 400;
    return sendJson(res, status, { errors: [{ message: status === 413 ? "request body too large" : "malformed JSON body", extensions: { code: "BAD_REQUEST" } }] });
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const url = new URL(req.url ?? "/", "http://localhost");
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body },
    context: async () => ({ caller: deps.callerForRequest(req) }),
  });
  for (const [name, value] of result.headers) res.setHeader(name, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === "complete") return void res.end(result.body.string);
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Closes every subscription socket (1001); a client that ignores the close frame is cut after 1 s. */
async function closeSockets(wss: WebSocketServer, ws: { dispose(): void | Promise<void> }): Promise<void> {
  const cut = setTimeout(() => wss.clients.forEach((client) => client.terminate()), 1000);
  try {
    await ws.dispose();
  } finally {
    clearTimeout(cut);
  }
}

/** An Apollo "gateway" that only serves the registry's merged schema, so it can change at run time. */
function schemaGateway(schemas: SchemaRegistry) {
  let subscription: { dispose(): void } | undefined;
  return {
    onSchemaLoadOrUpdate(callback: (ctx: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) {
      const push = (apiSchema: GraphQLSchema): void => callback({ apiSchema, coreSupergraphSdl: "" });
      subscription = schemas.onChange(push);
      push(schemas.current());
      return () => subscription?.dispose();
    },
    load: async () => ({ executor: null }),
    stop: async () => subscription?.dispose(),
  };
}

function apolloLogger(logger: Logger) {
  return {
    debug: (message: unknown) => logger.debug(String(message), { component: "apollo" }),
    info: (message: unknown) => logger.info(String(message), { component: "apollo" }),
    warn: (message: unknown) => logger.warn(String(message), { component: "apollo" }),
    error: (message: unknown) => logger.error(String(message), { component: "apollo" }),
  };
}
