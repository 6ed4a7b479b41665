/**
 * The `extensions.code`s the reference host (and Apollo under it) answers with before a plugin is reached, beside the
 * contract's codes: the tab translates these too (components/src/i18n/server-messages.*.ts; the catalogue test
 * fails when one has no text).
 */
export const HOST_TRANSPORT_ERROR_CODES = {
  BAD_REQUEST: "The request is malformed (bad JSON, a subscription over plain HTTP, CSRF prevention).",
  TOO_MANY_REQUESTS: "Too many failed access tokens from this address; `retryAfterSeconds` says when to try again.",
  QUERY_TOO_COMPLEX: "The document exceeds a cost limit (graphql-limits.ts).",
  PAYLOAD_TOO_LARGE: "The request body is over its route's limit.",
  GRAPHQL_PARSE_FAILED: "The document is not valid GraphQL syntax (Apollo).",
  GRAPHQL_VALIDATION_FAILED: "The document does not match the schema (Apollo).",
} as const;
