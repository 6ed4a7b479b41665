/**
 * The host contract test suite: what any implementation of server/host/contract.ts must do.
 * Run it against each host (`describeHostContract("reference host", makeHarness)`); the harness
 * hands over HostServices scoped to a plugin whose manifest declares the permissions and the
 * operation named in the harness, plus the host-specific bits a contract cannot know (callers, logs).
 */
import { buildSchema, GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { isIP } from "node:net";
import { SECRET_DIRECTIVE_SDL, type Caller, type HostServices } from "../../server/host/contract";
import { eventually } from "./eventually";

export interface HostContractHarness {
  /** Services of plugin A. */
  services: HostServices;
  /** Services of another plugin B (store isolation). */
  otherServices: HostServices;
  callers: { admin: Caller; reader: Caller; anonymous: Caller };
  /** `read` is granted to admin and reader, `write` to admin only (by A's manifest). */
  permissions: { read: string; write: string };
  /** Declared in A's manifest (permission: admin only) and not registered yet. */
  declaredOperationId: string;
  /** Every line the host's logger wrote so far. */
  logLines(): string[];
  /** Sends one GraphQL request to the host's endpoint as an admin (contract 1.1: secret fields). */
  graphql(query: string, variables?: Record<string, unknown>): Promise<{ data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Stops the host (runs lifecycle hooks). */
  stop(): Promise<void>;
}

// Secret-shaped samples. The key is 32 random-looking bytes in base64, as Azure issues them.
const KEY = "q3W6n4Jm0Vr9YtB2xK8pLs5dHf1Ce7Ga/Zu+Ni0Ro4M=";
const CONNECTION = `Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${KEY};EntityPath=hc1`;
const SAS = "SharedAccessSignature sr=http%3a%2f%2fcontoso.servicebus.windows.net%2fhc1&sig=AbCdEf0123456789abcdefGHIJKL%2bmnopq%3d&se=1893456000&skn=RootManageSharedAccessKey";

export function describeHostContract(name: string, makeHarness: () => Promise<HostContractHarness>): void {
  describe(`host contract: ${name}`, () => {
    let h: HostContractHarness;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h?.stop();
    });

    it("states the contract version it implements", () => {
      expect(h.services.contractVersion).toMatch(/^2\.\d+\.\d+$/);
    });

    it("logger redacts keys, SAS tokens and connection strings in messages and fields", () => {
      const log = h.services.logger.child({ unit: "contract-suite" });
      log.warn(`could not add ${CONNECTION} (key ${KEY})`, { input: CONNECTION, nested: { token: SAS, list: [`sig=${KEY}`] }, error: new Error(`bad ${SAS}`) });
      log.info("plain message stays readable", { count: 3 });
      const text = h.logLines().join("\n");
      for (const secret of [KEY, CONNECTION, "sig=AbCdEf0123456789", "AbCdEf0123456789abcdefGHIJKL", "q3W6n4Jm0Vr9"]) expect(text).not.toContain(secret);
      expect(text).toContain("plain message stays readable");
      expect(text).toContain("contract-suite");
      expect(text).toContain("could not add");
    });

    it("store round-trips JSON values, deletes, and lists entries by prefix", async () => {
      const store = h.services.store;
      await store.set("reg:1", { name: "one", tags: ["a"] });
      await store.set("reg:2", { name: "two", tags: [] });
      await store.set("meta", 7);
      expect(await store.get("reg:1")).toEqual({ name: "one", tags: ["a"] });
      expect((await store.entries("reg:")).map(([k]) => k).sort()).toEqual(["reg:1", "reg:2"]);
      expect((await store.entries()).length).toBeGreaterThanOrEqual(3);
      expect(await store.delete("reg:1")).toBe(true);
      expect(await store.delete("reg:1")).toBe(false);
      expect(await store.get("reg:1")).toBeUndefined();
      expect(await store.entries("reg:")).toEqual([["reg:2", { name: "two", tags: [] }]]);
    });

    it("store namespaces are isolated between plugins", async () => {
      await h.services.store.set("shared-name", "from A");
      await h.otherServices.store.set("shared-name", "from B");
      expect(await h.services.store.get("shared-name")).toBe("from A");
      expect(await h.otherServices.store.get("shared-name")).toBe("from B");
      expect((await h.otherServices.store.entries("reg:")).length).toBe(0);
    });

    it("secret sealer round-trips, hides the plaintext, and varies per seal", () => {
      const sealed = h.services.secrets.seal(KEY);
      expect(sealed).not.toContain(KEY);
      expect(sealed).not.toContain(Buffer.from(KEY).toString("base64"));
      expect(h.services.secrets.seal(KEY)).not.toBe(sealed);
      expect(h.services.secrets.open(sealed)).toBe(KEY);
      expect(h.services.secrets.open(h.services.secrets.seal("ünïcödé ✓"))).toBe("ünïcödé ✓");
    });

    it("secret sealer detects tampering", () => {
      const sealed = h.services.secrets.seal("top secret, a little longer than one AES block");
      // Flip one character at several places (IV, tag, ciphertext in the reference format); skip separators.
      const positions = [0.25, 0.5, 0.75, 0.9].map((f) => Math.floor(sealed.length * f)).filter((i) => /[A-Za-z0-9]/.test(sealed[i]));
      expect(positions.length).toBeGreaterThan(0);
      for (const i of positions) {
        const flipped = sealed.slice(0, i) + (sealed[i] === "A" ? "B" : "A") + sealed.slice(i + 1);
        expect(() => h.services.secrets.open(flipped)).toThrow();
      }
      expect(() => h.services.secrets.open("not sealed at all")).toThrow();
    });

    it("event bus delivers to subscribers until disposed, isolating a throwing handler", () => {
      const seen: unknown[] = [];
      const bad = h.services.events.subscribe("contract/test/v1", () => {
        throw new Error("handler bug");
      });
      const sub = h.services.events.subscribe<{ n: number }>("contract/test/v1", (p) => seen.push(p.n));
      h.services.events.publish("contract/test/v1", { n: 1 });
      h.services.events.publish("contract/other/v1", { n: 99 });
      sub.dispose();
      bad.dispose();
      h.services.events.publish("contract/test/v1", { n: 2 });
      expect(seen).toEqual([1]);
    });

    it("auth grants permissions by role and never to anonymous callers", () => {
      const { admin, reader, anonymous } = h.callers;
      const { read, write } = h.permissions;
      expect([h.services.auth.can(admin, read), h.services.auth.can(admin, write)]).toEqual([true, true]);
      expect([h.services.auth.can(reader, read), h.services.auth.can(reader, write)]).toEqual([true, false]);
      expect([h.services.auth.can(anonymous, read), h.services.auth.can(anonymous, write)]).toEqual([false, false]);
      expect(h.services.auth.can(admin, "unknown.thing:do")).toBe(false);
    });

    it("system operations: only declared ids register; run checks permission; dispose removes", async () => {
      const ops = h.services.systemOperations;
      const run = jest.fn(async () => ({ ok: true, summary: "done", details: { n: 1 } }));
      expect(() => ops.register({ id: "never-declared", title: "x", description: "x", permission: h.permissions.write, confirm: false, run })).toThrow(/not declared/);
      const reg = ops.register({ id: h.declaredOperationId, title: "ignored", description: "ignored", permission: "ignored", confirm: false, run });
      const info = ops.list().find((op) => op.id === h.declaredOperationId);
      expect(info?.title).not.toBe("ignored");
      expect(info).not.toHaveProperty("run");
      await expect(ops.run(h.declaredOperationId, h.callers.admin)).resolves.toEqual({ ok: true, summary: "done", details: { n: 1 } });
      await expect(ops.run(h.declaredOperationId, h.callers.reader)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(ops.run(h.declaredOperationId, h.callers.anonymous)).rejects.toMatchObject({ code: expect.stringMatching(/UNAUTHENTICATED|FORBIDDEN/) });
      expect(run).toHaveBeenCalledTimes(1);
      reg.dispose();
      expect(ops.list().some((op) => op.id === h.declaredOperationId)).toBe(false);
      await expect(ops.run(h.declaredOperationId, h.callers.admin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("consumer caches report what each held when cleared", async () => {
      const first = await h.services.consumerCaches.clearAll();
      expect(first.length).toBeGreaterThan(0);
      for (const report of first) {
        expect(typeof report.name).toBe("string");
        expect(Number.isInteger(report.entriesCleared)).toBe(true);
      }
      const second = await h.services.consumerCaches.clearAll();
      expect(second.every((r) => r.entriesCleared === 0)).toBe(true);
    });

    it("config exposes host id, default target URL and plugin-scoped settings", () => {
      expect(h.services.config.hostId.length).toBeGreaterThan(0);
      expect(() => new URL(h.services.config.defaultTargetUrl)).not.toThrow();
      expect(h.services.config.get("surely-not-set-anywhere")).toBeUndefined();
    });

    it("config lists the host's own listening sockets, known at activation (contract 1.1)", () => {
      const sockets = h.services.config.listenAddresses;
      expect(sockets.length).toBeGreaterThan(0);
      for (const { address, port } of sockets) {
        expect(isIP(address)).not.toBe(0);
        expect(Number.isInteger(port) && port > 0 && port < 65536).toBe(true);
      }
      expect(Object.isFrozen(sockets)).toBe(true);
    });

    it("graphql registry accepts a schema and its registration can be disposed", () => {
      const query = new GraphQLObjectType({ name: "Query", fields: { contractSuiteProbe: { type: GraphQLString, resolve: () => "ok" } } });
      const reg = h.services.graphql.registerSchema(new GraphQLSchema({ query }));
      expect(typeof reg.dispose).toBe("function");
      reg.dispose();
      reg.dispose(); // twice is harmless
    });

    it("never echoes the value of an input field marked @secret (contract 1.1), naming the field instead", async () => {
      const schema = buildSchema(`${SECRET_DIRECTIVE_SDL}
        input ContractSuiteLogin { user: String! passphrase: String @secret }
        type Query { contractSuiteLogin(login: ContractSuiteLogin!, pin: String @secret): String }`);
      const reg = h.services.graphql.registerSchema(schema);
      try {
        const missing = await h.graphql(`query($l: ContractSuiteLogin!) { contractSuiteLogin(login: $l) }`, { l: { passphrase: "contract-secret-1" } });
        const wrongType = await h.graphql(`query($l: ContractSuiteLogin!) { contractSuiteLogin(login: $l) }`, { l: { user: "u", passphrase: { nested: ["contract-secret-2"] } } });
        const literal = await h.graphql(`{ contractSuiteLogin(login: { user: "u" }, pin: ["contract-secret-3"]) }`);
        // The log masks a field by its declared name too, at any depth.
        h.services.logger.warn("login refused", { login: { user: "u", passphrase: "contract-secret-4" } });
        const answers = JSON.stringify([missing, wrongType, literal]);
        expect(answers).not.toContain("contract-secret");
        expect(h.logLines().join("\n")).not.toContain("contract-secret");
        expect(missing.errors?.[0].message).toMatch(/"user".*not provided/);
        expect(wrongType.errors?.[0].message).toContain("l.passphrase");
        expect(h.logLines().join("\n")).toContain("login refused");
        expect(literal.errors?.length).toBeGreaterThan(0);
        for (const answer of [missing, wrongType, literal]) expect(typeof answer.errors?.[0].extensions?.code).toBe("string");
      } finally {
        reg.dispose();
      }
    });

    it("farm (contract 2.1): announces changes with increasing versions to its subscribers and lists this host with the plugin's presence", async () => {
      const farm = h.services.farm;
      const seen: Array<{ version: number; topic: string; hostId: string }> = [];
      const subscription = farm.onChange((change) => seen.push(change));
      const before = await farm.configVersion();
      const first = await farm.announceChange("contract-suite");
      const second = await farm.announceChange("contract-suite");
      expect([first, second]).toEqual([before + 1, before + 2]);
      expect(await farm.configVersion()).toBe(second);
      await eventually(() => seen.length >= 2, 2_000);
      expect(seen).toEqual([
        { version: first, topic: "contract-suite", hostId: h.services.config.hostId },
        { version: second, topic: "contract-suite", hostId: h.services.config.hostId },
      ]);
      subscription.dispose();
      await farm.announceChange("after-dispose");
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toHaveLength(2);

      farm.setPresence({ listeners: 3 });
      let me: { presence: unknown; startedAt: string; lastHeartbeat: string; contractVersion: string } | undefined;
      await eventually(async () => {
        me = (await farm.members()).find((m) => m.hostId === h.services.config.hostId);
        return JSON.stringify(me?.presence) === JSON.stringify({ listeners: 3 });
      }, 2_000);
      expect(me).toMatchObject({ presence: { listeners: 3 }, contractVersion: h.services.contractVersion });
      expect(Date.parse(me!.lastHeartbeat)).toBeGreaterThanOrEqual(Date.parse(me!.startedAt));
    });

    it("farm (contract 2.1): exclusive runs one holder of a lock at a time and releases it after a failure", async () => {
      const farm = h.services.farm;
      const order: string[] = [];
      const hold = (label: string, ms: number) => farm.exclusive("contract-suite", async () => {
        order.push(`${label} in`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        order.push(`${label} out`);
        return label;
      });
      expect(await Promise.all([hold("first", 60), hold("second", 0)])).toEqual(["first", "second"]);
      expect(order).toEqual(["first in", "first out", "second in", "second out"]);
      await expect(farm.exclusive("contract-suite", async () => { throw new Error("work failed"); })).rejects.toThrow("work failed");
      expect(await farm.exclusive("contract-suite", async () => "free again")).toBe("free again");
    });

    it("farm (contract 2.2): request asks the plugin's handler on every member, this host included, and each host acknowledges", async () => {
      const farm = h.services.farm;
      const me = h.services.config.hostId;
      const seen: Array<{ payload: unknown; from: string }> = [];
      const handling = farm.handleRequests("contract-suite", async (payload, from) => (seen.push({ payload, from }), { echoed: payload }));
      try {
        const all = await farm.request("contract-suite", { n: 1 }, { deadlineMs: 5_000 });
        expect(all.notAnswering).toEqual([]);
        expect(all.replies.find((r) => r.hostId === me)).toEqual({ hostId: me, result: { echoed: { n: 1 } }, elapsedMs: expect.any(Number) });
        expect(seen).toContainEqual({ payload: { n: 1 }, from: me });
        // Only the hosts named; an id that is no member is reported as not answering at once (no wait for the deadline).
        const named = await farm.request("contract-suite", null, { deadlineMs: 60_000, hostIds: [me, "no-such-host"] });
        expect(named.replies.map((r) => r.hostId)).toEqual([me]);
        expect(named.notAnswering).toEqual(["no-such-host"]);
        // A name nobody handles answers NOT_FOUND; a failing handler answers with its code.
        const unhandled = await farm.request("contract-suite-nobody", null, { deadlineMs: 5_000, hostIds: [me] });
        expect(unhandled.replies[0]).toMatchObject({ hostId: me, error: { code: "NOT_FOUND" } });
        const failing = farm.handleRequests("contract-suite-fails", async () => { throw Object.assign(new Error("nothing to restart"), { code: "CONFLICT" }); });
        const failed = await farm.request("contract-suite-fails", null, { deadlineMs: 5_000, hostIds: [me] });
        failing.dispose();
        expect(failed.replies[0]).toMatchObject({ hostId: me, error: { code: "CONFLICT", message: "nothing to restart" } });
        await expect(farm.request("contract-suite", null, { deadlineMs: 0 })).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
      } finally {
        handling.dispose();
      }
    });

    it("farm (contract 2.2): a host that does not answer within the deadline is reported as not answering", async () => {
      const farm = h.services.farm;
      const me = h.services.config.hostId;
      let release = (): void => undefined;
      const handling = farm.handleRequests("contract-suite-slow", () => new Promise((resolve) => (release = () => resolve("late"))));
      try {
        const outcome = await farm.request("contract-suite-slow", null, { deadlineMs: 200 });
        expect(outcome).toEqual({ replies: [], notAnswering: [me] });
      } finally {
        release();
        handling.dispose();
      }
    });

    it("farm (contract 2.2): the condition is ok, an event is never delivered back to its publisher, handlers are disposable", async () => {
      const farm = h.services.farm;
      expect(farm.condition).toMatchObject({ state: "ok", detail: "" });
      expect(Number.isNaN(Date.parse(farm.condition.since))).toBe(false);
      const heard: unknown[] = [];
      const onEvent = farm.onEvent((event) => heard.push(event));
      const onCondition = farm.onConditionChanged(() => undefined);
      farm.publishEvent("contract-suite", { n: 1 });
      // An announcement after the event: once it is heard, an echo of the event would have been delivered too.
      const seen: number[] = [];
      const onChange = farm.onChange((change) => seen.push(change.version));
      const version = await farm.announceChange("contract-suite");
      await eventually(() => seen.includes(version), 2_000);
      expect(heard).toEqual([]);
      for (const d of [onEvent, onCondition, onChange]) d.dispose();
    });

    it("health accepts readiness checks (contract 2.1): a name twice is refused until the first is disposed", () => {
      const check = { name: "contract-suite", check: () => ({ ready: true }) };
      const registered = h.services.health.registerReadinessCheck(check);
      expect(() => h.services.health.registerReadinessCheck(check)).toThrow(/contract-suite/);
      registered.dispose();
      h.services.health.registerReadinessCheck(check).dispose();
    });

    it("metrics accepts collectors (contract 2.1) and their registration can be disposed", () => {
      const registered = h.services.metrics.registerCollector({ collect: () => [] });
      expect(typeof registered.dispose).toBe("function");
      registered.dispose();
    });

    it("log gives the host's recent lines (contract 2.2), oldest first, bounded by the limit and redacted", () => {
      h.services.logger.info("contract-suite recent line", { connectionString: CONNECTION, token: SAS });
      const lines = h.services.log.recent(5);
      expect(lines.length).toBeLessThanOrEqual(5);
      expect(lines[lines.length - 1]).toContain("contract-suite recent line");
      expect(lines.join("\n")).not.toContain(KEY);
      expect(lines.join("\n")).not.toContain("sig=AbCdEf");
      expect(h.services.log.recent(0)).toEqual([]);
    });

    it("lifecycle runs onShutdown hooks at stop (not disposed ones) and aborts the signal", async () => {
      const own = await makeHarness();
      const ran: string[] = [];
      own.services.lifecycle.onShutdown(async () => void ran.push("kept"));
      own.services.lifecycle.onShutdown(() => void ran.push("disposed")).dispose();
      expect(own.services.lifecycle.signal.aborted).toBe(false);
      await own.stop();
      expect(ran).toEqual(["kept"]);
      expect(own.services.lifecycle.signal.aborted).toBe(true);
    });
  });
}
