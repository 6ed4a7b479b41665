import { problemText } from "../../../components/src/detail/problem-text";
import { replayText } from "../../../components/src/detail/replay-view";
import { translator } from "../../../components/src/i18n";

const en = translator("en-GB");
const de = translator("de-DE");

describe("a result's problem is translated by its code", () => {
  test("a listener code: the catalogue's message and advice, not the server's English", () => {
    const text = problemText({ code: "RELAY_UNAUTHORIZED", message: "server words", advice: "server advice" }, de);
    expect(text.message).toBe("Das Relay hat den Schlüssel abgelehnt (HTTP 401).");
    expect(text.advice).not.toBe("server advice");
  });

  test("a GraphQL error code: its error text", () => {
    expect(problemText({ code: "NOT_FOUND", message: "gone", advice: "" }, en).message).toBe("It no longer exists; another admin may have removed it.");
  });

  test("an unknown code: the server's own text", () => {
    expect(problemText({ code: "SOMETHING_NEW", message: "server words", advice: "server advice" }, de)).toEqual({ message: "server words", advice: "server advice" });
  });
});

test("a replay's result in words: answered, failed with its problem, or the request itself refused", () => {
  expect(replayText({ kind: "done", result: { ok: true, status: 204, durationMs: 12.4, problem: null } }, en)).toBe("Replayed to the local target: 204 in 12 ms.");
  expect(replayText({ kind: "done", result: { ok: false, status: null, durationMs: null, problem: { code: "NOT_FOUND", message: "x", advice: "" } } }, en)).toBe(
    "Not replayed: It no longer exists; another admin may have removed it.",
  );
  expect(replayText({ kind: "failed", message: "You are not allowed to do this — ask an administrator." }, en)).toBe("You are not allowed to do this — ask an administrator.");
  expect(replayText({ kind: "busy" }, de)).toBe("Wird erneut gesendet…");
});
