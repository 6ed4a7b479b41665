/** Ends an exhaustive `switch` over a discriminated union: the compiler proves it unreachable. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
