/**
 * The plugin's error family: a stable code, the input at fault, parameters a UI can translate with, and the
 * cause kept. Recognised by a brand (a registered symbol) rather than by `instanceof` alone: a host, a test or a
 * second bundle may load its own copy of this module, and its errors must still be recognised as ours.
 * Never holds a secret: messages and params name fields and say what is wrong, never the value given.
 */
import type { RelayErrorCode } from "./codes";

/** Shared across module copies and realms: `Symbol.for` returns the same symbol for the same key. */
export const RELAY_ERROR_BRAND: unique symbol = Symbol.for("ecs-core.azure-relay.error");

/** Values a UI can put into its own translated message (`{namespace}`, `{limit}` …). */
export type RelayErrorParams = Readonly<Record<string, string | number | boolean>>;

export interface RelayErrorOptions {
  /** Values for a translated message; default none. */
  params?: RelayErrorParams;
  /** The error this one explains; kept for the log, never sent to a client. */
  cause?: unknown;
  /**
   * The stable code of the specific problem (e.g. TARGET_URL_SCHEME), finer than `code`: sent with `field`, `params`
   * and the message as `extensions.problems[0]` so a client can translate it. Default none.
   */
  problemCode?: string;
}

/** What every member of the family has, whichever copy of the class made it. */
export interface RelayErrorShape extends Error {
  readonly [RELAY_ERROR_BRAND]: true;
  readonly code: RelayErrorCode;
  readonly field?: string;
  readonly params?: RelayErrorParams;
  readonly problemCode?: string;
}

export class RelayPluginError extends Error implements RelayErrorShape {
  readonly [RELAY_ERROR_BRAND] = true as const;
  readonly params?: RelayErrorParams;
  readonly problemCode?: string;

  constructor(
    readonly code: RelayErrorCode,
    message: string,
    /** The input at fault (`connectionString`, `targetUrl`, `id` …), if one is. */
    readonly field?: string,
    options: RelayErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RelayPluginError";
    if (options.params) this.params = options.params;
    if (options.problemCode) this.problemCode = options.problemCode;
  }
}

/** True for any error of the family, whichever copy of this module made it. */
export function isRelayPluginError(value: unknown): value is RelayErrorShape {
  return typeof value === "object" && value !== null && (value as Partial<RelayErrorShape>)[RELAY_ERROR_BRAND] === true && typeof (value as { code?: unknown }).code === "string";
}

/** An input error at `field`: the one helper every validator uses. */
export function badInput(field: string, message: string, params?: RelayErrorParams): RelayPluginError {
  return new RelayPluginError("BAD_USER_INPUT", message, field, { params });
}
