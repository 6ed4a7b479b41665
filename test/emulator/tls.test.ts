/** TLS from given PEM files (`--tls-cert/--tls-key`) and the WebSocket sender path over wss. */
import http from "node:http";
import { generate } from "selfsigned";
import WebSocket from "ws";
import { emulatorAdmin, listenToken, sendToken, startTestEmulator, type RelayEmulator } from "../support/emulator";
import { dial, dialListener } from "./helpers";

let emu: RelayEmulator;
let cert: string;

beforeAll(async () => {
  const pems = await generate([{ name: "commonName", value: "test" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    extensions: [{ name: "basicConstraints", cA: true }, { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
  });
  cert = pems.cert;
  emu = await startTestEmulator({ tls: { cert: pems.cert, key: pems.private } });
});
afterAll(() => emu.stop());

test("given certificate: https admin API trusted through `ca`; plain http on the TLS port fails; no caCert is invented", async () => {
  expect(emu.tls).toBe(true);
  expect(emu.httpUrl).toBe(`https://${emu.namespaceHost}`);
  expect(emu.caCert).toBeUndefined();
  const withCa = { ...emu, caCert: cert } as RelayEmulator;
  expect((await emulatorAdmin(withCa, "GET", "stats")).status).toBe(200);
  await expect(emulatorAdmin(emu, "GET", "stats")).rejects.toThrow(/certificate/);
  const plain = await new Promise<string>((resolve) => {
    const req = http.get(`http://${emu.namespaceHost}/$emulator/stats`, { agent: false }, (res) => resolve(String(res.statusCode)));
    req.on("error", (e) => resolve(e.message));
  });
  expect(plain).not.toBe("200");
});

test("WebSocket sender over wss reaches a wss listener through accept", async () => {
  const withCa = { ...emu, caCert: cert } as RelayEmulator;
  const control = (await dialListener(withCa, "ecs-core", listenToken(emu))).ws!;
  const legs: WebSocket[] = [];
  control.on("message", (data) => {
    const { accept } = JSON.parse(data.toString());
    expect(accept.address.startsWith(`wss://${emu.namespaceHost}/$hc/ecs-core?sb-hc-action=accept`)).toBe(true);
    const leg = new WebSocket(accept.address, { ca: cert, perMessageDeflate: false });
    legs.push(leg);
    leg.on("message", (d) => leg.send(`echo:${d.toString()}`));
  });
  const sender = (await dial(withCa, "/$hc/ecs-core?sb-hc-action=connect", sendToken(emu))).ws!;
  const reply = new Promise<string>((r) => sender.once("message", (d) => r(d.toString())));
  sender.send("hi");
  expect(await reply).toBe("echo:hi");
  sender.close();
  legs.forEach((l) => l.terminate());
  control.close();
});
