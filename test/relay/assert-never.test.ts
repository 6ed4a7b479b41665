import { assertNever } from "../../server/relay/assert-never";

/** A value the compiler believes impossible, as one arriving from another thread or a newer peer would be. */
const stray = <T>(value: T): never => value as never;

test("names the stray tag of a union member", () => {
  expect(() => assertNever(stray({ type: "resize", listenerId: "r#1" }), "command")).toThrow('Unexpected command: type "resize"');
  expect(() => assertNever(stray({ phase: "paused" }), "supervisor phase")).toThrow('Unexpected supervisor phase: phase "paused"');
});

test("never echoes the rest of the value (it may hold a key)", () => {
  const key = "SharedAccessKey=c2VjcmV0LWtleS12YWx1ZQ==";
  let message = "";
  try {
    assertNever(stray({ type: "start", listener: { key } }), "command");
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toBe('Unexpected command: type "start"');
  expect(message).not.toContain(key);
  expect(() => assertNever(stray({ secret: key }))).toThrow("Unexpected value: an object without a known tag");
});
