/** Where a WebSocket sender goes: the accept address's path and query (Azure keeps the sender's there). */
import { refusalOf, senderTarget } from "../../../server/relay/native/accept";
import { sendableCloseCode } from "../../../server/relay/native/ws-splice";

describe("senderTarget", () => {
  it("drops $hc and the relay's own sb-hc-* pairs, keeping the sender's path and query byte for byte", () => {
    expect(senderTarget("wss://g1-prod.servicebus.windows.net/$hc/ecs-core/room/7?app=1&sb-hc-action=accept&sb-hc-id=abc_G1")).toBe("/ecs-core/room/7?app=1");
    expect(senderTarget("ws://127.0.0.1:9351/$hc/ecs-core?sb-hc-action=accept&sb-hc-id=1")).toBe("/ecs-core");
    expect(senderTarget("ws://h/$hc/a/b?x=%20y&&sb-hc-token=t&z")).toBe("/a/b?x=%20y&&z");
  });
});

describe("sendableCloseCode", () => {
  it("passes codes a close frame may carry and maps the others to 1001", () => {
    expect(sendableCloseCode(4001)).toBe(4001);
    expect(sendableCloseCode(1000)).toBe(1000);
    expect(sendableCloseCode(1006)).toBe(1001);
    expect(sendableCloseCode(1005)).toBe(1001);
  });
});

describe("refusalOf", () => {
  it("passes the target's error status and reason; an answer that is no refusal (200, 3xx) becomes 502 saying so", () => {
    expect(refusalOf(403, "Forbidden")).toEqual([403, "Forbidden"]);
    expect(refusalOf(404, "")).toEqual([404, "Refused by the local service"]);
    expect(refusalOf(200, "OK")).toEqual([502, "The local service has no WebSocket endpoint here (it answered the upgrade with 200)"]);
    expect(refusalOf(302, "Found")[0]).toBe(502);
  });
});
