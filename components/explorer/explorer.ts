/**
 * The host's API explorer: GraphiQL (from npm, bundled by scripts/build-explorer.js; nothing from a CDN) against this
 * host's /graphql with the signed-in session — queries and mutations by same-origin fetch (the cookie goes along;
 * `apollo-require-preflight` satisfies Apollo's CSRF prevention, which only a page of this origin can send without a
 * preflight), subscriptions over graphql-ws on the same path (the socket carries the cookie from this origin).
 */
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher, type Fetcher } from "@graphiql/toolkit";
import { parse, type DocumentNode } from "graphql";
import { createClient } from "graphql-ws";
import "graphiql/graphiql.css";

const DEFAULT_QUERY = `# Signed in with this browser's session. Press the run button (Ctrl+Enter) to send the query.
# Scripts authenticate with "Authorization: Bearer <token>" (subscriptions: connectionParams.authorization).
{
  __typename
}
`;

const httpUrl = new URL("/graphql", window.location.href);
const wsUrl = new URL(httpUrl);
wsUrl.protocol = httpUrl.protocol === "https:" ? "wss:" : "ws:";

const toolkitFetcher = createGraphiQLFetcher({
  url: httpUrl.href,
  headers: { "apollo-require-preflight": "true" },
  wsClient: createClient({ url: wsUrl.href, lazy: true }),
});

/** The document as sent, so the toolkit routes subscriptions to graphql-ws even before the editor has re-parsed it. */
function documentOf(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined; // the server explains the syntax error
  }
}

const fetcher: Fetcher = (params, options) => toolkitFetcher(params, { ...options, documentAST: documentOf(params.query) ?? options?.documentAST });

const container = document.getElementById("graphiql");
if (container) createRoot(container).render(createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, defaultEditorToolsVisibility: true }));
