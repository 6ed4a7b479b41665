/**
 * RelayViewService with an injected clock: a suspicion is reported only once its condition has held for the grace
 * period, and clears as soon as it stops holding. Azure's side is the emulator's ARM endpoint with a raw listener.
 */
import WebSocket from "ws";
import type { Caller, PluginStore, SecretSealer } from "../../../server/host/contract";
import { ManagementAccessRepository } from "../../../server/plugin/management/management-access.repository";
import { ManagementAccessService } from "../../../server/plugin/management/management-access.service";
import { RelayViewService } from "../../../server/plugin/management/relay-view.service";
import type { PublicRegistration } from "../../../server/plugin/registrations/registration";
import type { RelayState } from "../../../server/plugin/supervisor/relay-status";
import { emulatorAdmin, listenToken, listenUri, startTestEmulator, type RelayEmulator } from "../../support/emulator";

const caller: Caller = { id: "admin", kind: "token", roles: ["admin"] };

function memoryStore(): PluginStore & { dump(): string } {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(k: string) => map.get(k) as T | undefined,
    set: async (k, v) => void map.set(k, v),
    delete: async (k) => map.delete(k),
    entries: async <T>(prefix = "") => [...map].filter(([k]) => k.startsWith(prefix)) as Array<[string, T]>,
    dump: () => JSON.stringify([...map]),
  };
}
/** A reversible stand-in for the host's AES-GCM sealer: enough to see that the service seals. */
const sealer: SecretSealer = { seal: (s) => `sealed(${Buffer.from(s).toString("base64")})`, open: (s) => Buffer.from(s.slice(7, -1), "base64").toString() };

let emu: RelayEmulator;
let listener: WebSocket;
let access: ManagementAccessService;
let store: ReturnType<typeof memoryStore>;
const registration = { id: "r1", namespace: "", hybridConnectionName: "ecs-core", enabled: true } as PublicRegistration;

beforeAll(async () => {
  emu = await startTestEmulator({ arm: true });
  registration.namespace = emu.namespaceHost;
  store = memoryStore();
  access = new ManagementAccessService(new ManagementAccessRepository(store), sealer);
  const arm = emu.arm!;
  await access.set(
    {
      namespace: emu.namespaceHost,
      subscriptionId: arm.subscriptionId,
      resourceGroup: arm.resourceGroup,
      namespaceName: arm.namespaceName,
      endpoint: arm.url,
      caCertificate: arm.caCert,
      credential: { kind: "static-token", token: "unit-token" },
    },
    caller,
  );
  listener = new WebSocket(`${listenUri(emu)}&sb-hc-token=${encodeURIComponent(listenToken(emu))}`);
  await new Promise((resolve, reject) => listener.once("open", resolve).once("error", reject));
});
afterAll(async () => {
  await new Promise<void>((resolve) => (listener.once("close", () => resolve()), listener.close()));
  await emu.stop();
});

function service(clock: () => number, state: RelayState = "ONLINE", farmHosts = 1): RelayViewService {
  return new RelayViewService({ listRegistrations: async () => [registration], stateOf: () => state, access }, { graceMs: 30_000, clock, farmHosts });
}

test("the token is sealed in the store and only its fingerprint is public", async () => {
  expect(store.dump()).not.toContain("unit-token");
  const [pub] = await access.list();
  expect(pub).toMatchObject({ credentialKind: "static-token", secretFingerprint: expect.stringMatching(/^sha256:/) });
  expect(JSON.stringify(pub)).not.toContain("unit-token");
});

test("half-open is suspected only after the grace period, and clears when Azure counts the listener again", async () => {
  let now = 1_000_000;
  const relays = service(() => now);
  expect((await relays.relayOf(registration))?.listenerCount).toBe(1);

  await emulatorAdmin(emu, "POST", "faults/hide-listeners", { hybridConnection: "ecs-core" });
  expect(await relays.relayOf(registration)).toMatchObject({ listenerCount: 0, halfOpen: { suspected: false } });
  now += 29_999;
  expect((await relays.relayOf(registration))?.halfOpen.suspected).toBe(false);
  now += 1;
  const suspected = await relays.relayOf(registration);
  expect(suspected?.halfOpen).toEqual({ suspected: true, advice: expect.stringContaining("more than 30 s") });

  await emulatorAdmin(emu, "POST", "faults/clear");
  expect((await relays.relayOf(registration))?.halfOpen.suspected).toBe(false);
  // The clock starts over: a new drop needs a full grace period again.
  await emulatorAdmin(emu, "POST", "faults/hide-listeners", { hybridConnection: "ecs-core" });
  now += 60_000;
  expect((await relays.relayOf(registration))?.halfOpen.suspected).toBe(false);
  await emulatorAdmin(emu, "POST", "faults/clear");
});

test("half-open needs our listener ONLINE: a CONNECTING listener with Azure at 0 is not suspicious", async () => {
  let now = 0;
  const relays = service(() => now, "CONNECTING");
  await emulatorAdmin(emu, "POST", "faults/hide-listeners", { hybridConnection: "ecs-core" });
  await relays.relayOf(registration);
  now += 60_000;
  expect((await relays.relayOf(registration))?.halfOpen.suspected).toBe(false);
  await emulatorAdmin(emu, "POST", "faults/clear");
});

test("foreign listeners: Azure counts one, we run none (disabled) → suspected after the grace; farmHosts widens what we expect", async () => {
  let now = 0;
  const disabled = service(() => now, "DISABLED");
  await disabled.relayOf(registration);
  now += 30_000;
  expect(await disabled.relayOf(registration)).toMatchObject({ listenerCount: 1, foreignListeners: { suspected: true } });

  const farm = service(() => now, "ONLINE", 2);
  await farm.relayOf(registration);
  now += 30_000;
  expect((await farm.relayOf(registration))?.foreignListeners.suspected).toBe(false);
});
