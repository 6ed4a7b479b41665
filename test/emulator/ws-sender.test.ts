/**
 * WebSocket senders (`sb-hc-action=connect`) with a plain `ws` listener that handles `accept` itself (hyco-https's
 * accept path crashes, relay-protocol-notes.md §5): splice, sub-protocol, close codes, rejection (checklist 7, 18, 19).
 */
import WebSocket from "ws";
import { listenToken, sendToken, startTestEmulator, type RelayEmulator } from "../support/emulator";
import { closed, dial, dialListener } from "./helpers";

interface Accept {
  address: string;
  id: string;
  connectHeaders: Record<string, string>;
}

let emu: RelayEmulator;
let control: WebSocket;
const legs: WebSocket[] = [];
/** What the listener does with the next accept. */
let onAccept: (a: Accept) => void = () => undefined;

beforeAll(async () => {
  emu = await startTestEmulator();
  control = (await dialListener(emu, "ecs-core", listenToken(emu))).ws!;
  control.on("message", (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.accept) onAccept(msg.accept);
  });
});
afterAll(async () => {
  legs.forEach((l) => l.terminate());
  control.close();
  await emu.stop();
});

/** Listener side: dial the accept address and echo upper-cased text. */
function acceptAndEcho(protocol?: string): Promise<WebSocket> {
  return new Promise((resolve) => {
    onAccept = (a) => {
      const leg = new WebSocket(a.address, protocol ? [protocol] : [], { perMessageDeflate: false });
      legs.push(leg);
      leg.on("message", (d, isBinary) => leg.send(isBinary ? d : d.toString().toUpperCase(), { binary: isBinary }));
      leg.on("open", () => resolve(leg));
    };
  });
}

test("accept splices both legs: frames flow both ways, the listener's sub-protocol is the sender's", async () => {
  const listenerLeg = acceptAndEcho("v2");
  const offered = await new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://${emu.namespaceHost}/$hc/ecs-core/suffix?sb-hc-action=connect&app=1`, ["v1", "v2"], {
      headers: { ServiceBusAuthorization: sendToken(emu) },
      perMessageDeflate: false,
    });
    legs.push(ws);
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
  await listenerLeg;
  expect(offered.protocol).toBe("v2");
  const reply = new Promise<string>((r) => offered.once("message", (d) => r(d.toString())));
  offered.send("hello");
  expect(await reply).toBe("HELLO");
  const bin = new Promise<Buffer>((r) => offered.once("message", (d) => r(d as Buffer)));
  offered.send(Buffer.from([1, 2, 3]));
  expect([...(await bin)]).toEqual([1, 2, 3]);
});

test("a close on the sender reaches the listener with its code", async () => {
  const listenerLeg = acceptAndEcho();
  const sender = await dial(emu, "/$hc/ecs-core?sb-hc-action=connect", sendToken(emu));
  const leg = await listenerLeg;
  const legClosed = closed(leg);
  sender.ws!.close(4001, "bye");
  expect(await legClosed).toEqual({ code: 4001, reason: "bye" });
});

test.each([
  ["sb-hc-statusCode", "&sb-hc-statusCode=400&sb-hc-statusDescription=Rejected%20by%20user%20code"],
  ["statusCode (node packages' form)", "&statusCode=403&statusDescription=Go%20away"],
])("reject via %s: the listener gets 410, the sender the listener's status and text", async (_form, suffix) => {
  const rejected = new Promise<{ status?: number }>((resolve) => {
    onAccept = (a) => {
      const ws = new WebSocket(a.address + suffix, { perMessageDeflate: false });
      ws.once("unexpected-response", (req, res) => {
        resolve({ status: res.statusCode });
        req.destroy();
      });
    };
  });
  const sender = await dial(emu, "/$hc/ecs-core?sb-hc-action=connect", sendToken(emu));
  expect((await rejected).status).toBe(410);
  const [, code, text] = /statusCode=(\d+)&(?:sb-hc-)?statusDescription=(.*)$/.exec(suffix)!;
  expect(sender.status).toBe(Number(code));
  expect(sender.reason).toBe(decodeURIComponent(text));
});

test("accept addresses are single-use", async () => {
  let address = "";
  const first = new Promise<void>((resolve) => {
    onAccept = (a) => {
      address = a.address;
      const leg = new WebSocket(a.address, { perMessageDeflate: false });
      legs.push(leg);
      leg.once("open", () => resolve());
    };
  });
  const sender = await dial(emu, "/$hc/ecs-core?sb-hc-action=connect", sendToken(emu));
  await first;
  legs.push(sender.ws!);
  const again = await dial(emu, address.replace(/^ws:\/\/[^/]+/, ""));
  expect(again.status).toBe(403);
});

test("a sender without Send is refused before any accept reaches the listener", async () => {
  let accepts = 0;
  onAccept = () => accepts++;
  const r = await dial(emu, "/$hc/ecs-core?sb-hc-action=connect", listenToken(emu));
  expect(r.status).toBe(403);
  expect(accepts).toBe(0);
});
