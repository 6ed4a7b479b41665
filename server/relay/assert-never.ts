/**
 * Ends an exhaustive `switch` over a discriminated union: the compiler proves the call unreachable. At run time (a
 * message from another thread, a newer peer) it names only the stray value's tag — the value itself may hold a key.
 * The one copy in the codebase; the relay worker imports nothing but server/relay, so it lives here.
 */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unexpected ${what}: ${describeTag(value)}`);
}

/** The discriminant fields our unions use, in the order they are looked for. */
const TAG_FIELDS = ["type", "name", "phase", "state", "kind"] as const;

function describeTag(value: unknown): string {
  if (typeof value !== "object" || value === null) return typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  const record = value as Record<string, unknown>;
  const tag = TAG_FIELDS.find((field) => field in record);
  return tag ? `${tag} ${JSON.stringify(String(record[tag]).slice(0, 40))}` : "an object without a known tag";
}
