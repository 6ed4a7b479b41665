/**
 * Reference host configuration, read from the environment once at start.
 * Every setting has a default so `npm start` works on a fresh clone.
 */
import * as os from "node:os";
import * as path from "node:path";
import { requireStrongToken } from "./token-strength";
import type { GraphQLLimits } from "./graphql-limits";

export interface ReferenceHostConfig {
  /** TCP port; `PORT`, default 4000. 0 picks a free port (tests). */
  port: number;
  /** Interface to bind; `HOST`, default 127.0.0.1 (never all interfaces unless asked). */
  host: string;
  /** Data folder (SQLite store, token and key files); `ECS_DATA_DIR`, default `./data`. */
  dataDir: string;
  /** keyv store URL; `ECS_STORE_URL`, default `sqlite://<dataDir>/ecs-core.sqlite`. */
  storeUrl: string;
  /** Default target of relayed requests; `ECS_DEFAULT_TARGET_URL`, default `http://127.0.0.1:${SAMPLE_SERVICE_PORT||8080}/`. */
  defaultTargetUrl: string;
  /** Stable id of this host; `ECS_HOST_ID`, default the machine's hostname. */
  hostId: string;
  /** Language of the Management Site (`lang` of pages and tab elements); `ECS_LANGUAGE`, `en-GB` (default) or `de-DE`. */
  language: SiteLanguage;
  /** Explicit admin token (`ECS_ADMIN_TOKEN`, at least 32 characters, checked at start); generated and saved when absent. */
  adminToken?: string;
  /** Explicit reader token (`ECS_READER_TOKEN`, at least 32 characters, checked at start); generated and saved when absent. */
  readerToken?: string;
  /** Limits on failed access tokens (sign-in and GraphQL bearer); see `LoginThrottleSettings`. */
  loginThrottle: LoginThrottleSettings;
  /** Explicit sealing secret (`ECS_SECRET_KEY`); a generated key file when absent. */
  secretKey?: string;
  /** Plugin folders; `ECS_PLUGIN_DIRS` (path-delimiter separated), default undefined (the host uses the repo root). */
  pluginDirs?: string[];
  /**
   * GraphQL cost limits, checked before execution on HTTP and graphql-ws alike (docs/security/graphql-limits.md).
   * Defaults leave the tab's documents (depth ≤ 5, ≤ 40 fields, cost ≤ 310, ≤ 70 tokens) and graphql-js's standard
   * introspection query (depth 15, 229 fields, cost ≈ 52 000, 183 tokens) well inside, and refuse the known attacks.
   * - `ECS_GRAPHQL_MAX_DEPTH`, default 20: deepest field nesting.
   * - `ECS_GRAPHQL_MAX_ALIASES`, default 10: aliased fields per operation (the tab uses none).
   * - `ECS_GRAPHQL_MAX_FIELDS`, default 500: field selections per operation, fragments counted where spread.
   * - `ECS_GRAPHQL_MAX_COST`, default 100000: estimated cost, 1 per field, a list's sub-selection × the list factor.
   * - `ECS_GRAPHQL_LIST_COST_FACTOR`, default 10: items a list field is assumed to return.
   * - `ECS_GRAPHQL_MAX_TOKENS`, default 1000: tokens per document; also keeps the recursive parser off a stack overflow.
   */
  graphqlLimits: GraphQLLimits;
  /**
   * Who may query `__schema` / `__type`; `ECS_GRAPHQL_INTROSPECTION`: `signed-in` (default: the schema is no
   * secret, but anonymous callers need no map of it), `everyone`, or `nobody`.
   */
  introspection: IntrospectionPolicy;
  /** Log lines kept in memory for plugins' diagnostics (contract 2.2 `log`); `ECS_LOG_RECENT_LINES`, default 500, 1–100000. */
  recentLogLines: number;
  /**
   * `ECS_METRICS_TOKEN`: a bearer token good for /ready and /metrics only (≥ 32 characters; docs/operations.md).
   * Unset: scrapers use the reader token.
   */
  metricsToken?: string;
  /** The whole environment, for plugin-scoped settings (`ECS_PLUGIN_<ID>_<KEY>`). */
  env: Readonly<Record<string, string | undefined>>;
}

/** Reads the configuration from `env` (default `process.env`); throws on a malformed PORT. */
export function loadHostConfig(env: Record<string, string | undefined> = process.env): ReferenceHostConfig {
  const dataDir = path.resolve(nonEmpty(env.ECS_DATA_DIR) ?? "./data");
  const samplePort = nonEmpty(env.SAMPLE_SERVICE_PORT) ?? "8080";
  return {
    port: parsePort(env.PORT),
    host: nonEmpty(env.HOST) ?? "127.0.0.1",
    dataDir,
    storeUrl: nonEmpty(env.ECS_STORE_URL) ?? `sqlite://${path.join(dataDir, "ecs-core.sqlite")}`,
    defaultTargetUrl: nonEmpty(env.ECS_DEFAULT_TARGET_URL) ?? `http://127.0.0.1:${samplePort}/`,
    hostId: nonEmpty(env.ECS_HOST_ID) ?? os.hostname(),
    language: parseLanguage(env.ECS_LANGUAGE),
    adminToken: nonEmpty(env.ECS_ADMIN_TOKEN),
    readerToken: nonEmpty(env.ECS_READER_TOKEN),
    loginThrottle: parseLoginThrottle(env),
    secretKey: nonEmpty(env.ECS_SECRET_KEY),
    pluginDirs: nonEmpty(env.ECS_PLUGIN_DIRS)?.split(path.delimiter).filter(Boolean).map((dir) => path.resolve(dir)),
    graphqlLimits: {
      maxDepth: wholeNumber(env, "ECS_GRAPHQL_MAX_DEPTH", 20),
      maxAliases: wholeNumber(env, "ECS_GRAPHQL_MAX_ALIASES", 10, 0),
      maxFields: wholeNumber(env, "ECS_GRAPHQL_MAX_FIELDS", 500),
      maxCost: wholeNumber(env, "ECS_GRAPHQL_MAX_COST", 100_000),
      listCostFactor: wholeNumber(env, "ECS_GRAPHQL_LIST_COST_FACTOR", 10),
      maxTokens: wholeNumber(env, "ECS_GRAPHQL_MAX_TOKENS", 1000),
    },
    introspection: parseIntrospection(env.ECS_GRAPHQL_INTROSPECTION),
    recentLogLines: wholeNumber(env, "ECS_LOG_RECENT_LINES", 500, 1, 100_000),
    metricsToken: strongToken("ECS_METRICS_TOKEN", nonEmpty(env.ECS_METRICS_TOKEN), "to scrape with the reader token instead"),
    env: { ...env },
  };
}

/**
 * Failed access-token attempts allowed before answering 429 with `Retry-After` (POST /login and bearer
 * tokens on /graphql). Only failures count; a successful sign-in is never delayed. 0 turns a limit off.
 */
export interface LoginThrottleSettings {
  /** Failures per client address (IPv6: per /64) per window; `ECS_LOGIN_MAX_FAILURES_PER_ADDRESS`, default 10 (a person mistyping never gets there). */
  maxFailuresPerAddress: number;
  /** Failures from all addresses together per window; `ECS_LOGIN_MAX_FAILURES_GLOBAL`, default 100 (ceiling against many-address guessing; a lock-out lasts one window at most). */
  maxFailuresGlobal: number;
  /** Window length in seconds; `ECS_LOGIN_FAILURE_WINDOW_SECONDS`, default 60. */
  windowSeconds: number;
}

function parseLoginThrottle(env: Record<string, string | undefined>): LoginThrottleSettings {
  return {
    maxFailuresPerAddress: wholeNumber(env, "ECS_LOGIN_MAX_FAILURES_PER_ADDRESS", 10, 0, 1_000_000),
    maxFailuresGlobal: wholeNumber(env, "ECS_LOGIN_MAX_FAILURES_GLOBAL", 100, 0, 1_000_000),
    windowSeconds: wholeNumber(env, "ECS_LOGIN_FAILURE_WINDOW_SECONDS", 60, 1, 1_000_000),
  };
}

export const INTROSPECTION_POLICIES = ["signed-in", "everyone", "nobody"] as const;
export type IntrospectionPolicy = (typeof INTROSPECTION_POLICIES)[number];

function parseIntrospection(value: string | undefined): IntrospectionPolicy {
  const text = nonEmpty(value)?.toLowerCase();
  if (text === undefined) return "signed-in";
  const found = INTROSPECTION_POLICIES.find((policy) => policy === text);
  if (!found) throw new Error(`ECS_GRAPHQL_INTROSPECTION must be one of ${INTROSPECTION_POLICIES.join(", ")}, got "${text}"`);
  return found;
}

/** A whole-number setting in [min, max] (`_` allowed as a digit separator); throws naming the variable on anything else. */
function wholeNumber(env: Record<string, string | undefined>, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const text = nonEmpty(env[name]);
  if (text === undefined) return fallback;
  const value = Number(text.replace(/_/g, ""));
  if (!/^\d[\d_]*$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new Error(`${name} must be a whole number ${range}, got "${text}"`);
  }
  return value;
}

/** The languages the Management Site and the plugin's tab have catalogues for. */
export const SITE_LANGUAGES = ["en-GB", "de-DE"] as const;
export type SiteLanguage = (typeof SITE_LANGUAGES)[number];

function parseLanguage(value: string | undefined): SiteLanguage {
  const text = nonEmpty(value);
  if (text === undefined) return "en-GB";
  const found = SITE_LANGUAGES.find((l) => l.toLowerCase() === text.toLowerCase().replace("_", "-"));
  if (!found) throw new Error(`ECS_LANGUAGE must be one of ${SITE_LANGUAGES.join(", ")}, got "${text}"`);
  return found;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(value: string | undefined): number {
  const text = nonEmpty(value);
  if (text === undefined) return 4000;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${text}"`);
  }
  return port;
}

function strongToken(variable: string, token: string | undefined, whenUnset: string): string | undefined {
  requireStrongToken(variable, token, whenUnset);
  return token;
}
