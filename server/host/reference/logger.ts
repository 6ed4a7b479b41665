/**
 * The reference host's logger: one line per entry to a writable (stdout by default), JSON lines or
 * readable text, every message and field passed through the redactor first.
 */
import type { LogFields, Logger } from "../contract";
import { redactText, redactValue } from "./redact";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LoggerOptions {
  /** Where lines go; default `process.stdout`. Tests pass a collector. */
  write?: (line: string) => void;
  /** `json` (default when not a TTY) or `text`. */
  format?: "json" | "text";
  /** Lowest level written; default `info` (`ECS_LOG_LEVEL`). */
  level?: LogLevel;
  /**
   * More field names whose values are never written, beside the built-in credential names. Default none; the
   * reference host passes the names of every `@secret` field of its merged GraphQL schema, kept up to date.
   */
  secretFieldNames?: ReadonlySet<string>;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Creates the root logger; `child()` adds bindings to every line. */
export function createLogger(options: LoggerOptions = {}, bindings: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line + "\n"));
  const format = options.format ?? (process.stdout.isTTY ? "text" : "json");
  const min = ORDER[options.level ?? "info"];
  const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (ORDER[level] < min) return;
    const safeFields = redactValue({ ...bindings, ...fields }, undefined, options.secretFieldNames) as Record<string, unknown>;
    const safeMessage = redactText(String(message));
    const time = new Date().toISOString();
    write(format === "json" ? JSON.stringify({ time, level, msg: safeMessage, ...safeFields }) : textLine(time, level, safeMessage, safeFields));
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (more) => createLogger({ ...options, write, format }, { ...bindings, ...more }),
  };
}

function textLine(time: string, level: LogLevel, message: string, fields: Record<string, unknown>): string {
  const extra = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return [time, level.toUpperCase().padEnd(5), message, ...extra].join(" ");
}
