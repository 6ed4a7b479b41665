/** The per-registration WebSocket senders choice as the service checks it (callers other than GraphQL's enum). */
import { validWebSocketSenders, webSocketSendersOf } from "../../../server/plugin/registrations/web-socket-senders";

it("keeps pass and refuse, stores nothing for default (follow the installation)", () => {
  expect(validWebSocketSenders("pass")).toBe("pass");
  expect(validWebSocketSenders("refuse")).toBe("refuse");
  expect(validWebSocketSenders("default")).toBeUndefined();
  expect(validWebSocketSenders(undefined)).toBeUndefined();
  expect(webSocketSendersOf({})).toBe("default");
  expect(webSocketSendersOf({ webSockets: "refuse" })).toBe("refuse");
});

it("refuses anything else with a BAD_USER_INPUT on field webSockets that lists the choices", () => {
  expect(() => validWebSocketSenders("REFUSE ")).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", field: "webSockets", message: expect.stringMatching(/use default \(follow the installation\), pass or refuse/) }));
  expect(() => validWebSocketSenders(true)).toThrow(expect.objectContaining({ field: "webSockets" }));
});
