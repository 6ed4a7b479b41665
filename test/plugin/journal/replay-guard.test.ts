/**
 * Replay passes the same SSRF target guard as relayed requests (target-guard.ts): a target the rules deny — this
 * host's own port, cloud metadata — is refused before anything is sent; an allowed one gets the recorded request,
 * a recorded text body included. Real sockets, a real guard.
 */
import type { JournalEntry } from "../../../server/plugin/journal/request-journal";
import { RequestReplayer } from "../../../server/plugin/journal/replay";
import { TargetGuard } from "../../../server/relay/target-guard";
import { startTestTarget, type TestTarget } from "../../support/target";

let target: TestTarget;
beforeAll(async () => (target = await startTestTarget("/")));
afterAll(() => target.close());

function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return { id: "e-1", registrationId: "r", hostId: "h", at: Date.now(), method: "GET", path: "/echo/x", durationMs: 1, bytesIn: 0, bytesOut: 10, outcome: "FORWARDED", headers: "x-trace: t\n", responseHeaders: "", status: 200, ...overrides };
}

const relayTarget = (targetUrl: string) => ({ targetUrl, hybridConnectionName: "ecs-core", namespace: "ns.example", secure: true });

test("a target the guard denies (this host's own port, cloud metadata) is refused and sees nothing", async () => {
  const guarded = new RequestReplayer(new TargetGuard({ hostEndpoints: [{ address: "127.0.0.1", port: target.port }] }));
  try {
    const before = target.requests.length;
    const own = await guarded.replay(relayTarget(target.url), entry());
    expect(own).toMatchObject({ ok: false, problem: { code: "REPLAY_TARGET_REFUSED" } });
    const metadata = await guarded.replay(relayTarget("http://169.254.169.254/"), entry());
    expect(metadata).toMatchObject({ ok: false, problem: { code: "REPLAY_TARGET_REFUSED" } });
    expect(target.requests.length).toBe(before);
  } finally {
    guarded.close();
  }
});

test("an allowed target gets the recorded request: method, path, headers and a fully recorded text body", async () => {
  const replayer = new RequestReplayer(new TargetGuard());
  try {
    const posted = entry({ method: "POST", path: "/hash", bytesIn: 5, requestBody: { size: 5, text: "hello", binary: false, truncated: false } });
    const result = await replayer.replay(relayTarget(target.url), posted);
    expect(result).toMatchObject({ ok: true, status: 200 });
    const seen = target.requests.at(-1)!;
    expect(seen).toMatchObject({ method: "POST", url: "/hash" });
    expect(seen.headers).toMatchObject({ "x-trace": "t", "x-azure-relay-replay": "e-1", "content-length": "5", "x-forwarded-host": "ns.example" });
    expect(replayer.refusal(entry({ bytesIn: 5, requestBody: { size: 5000, text: "x", binary: false, truncated: true } }))).toBe("REPLAY_BODY_NOT_RECORDED");
  } finally {
    replayer.close();
  }
});
