/**
 * The Azure view's foreign-listener suspicion counts the farm's live hosts (docs/farm.md; management.farmHosts is
 * only an override now): two hosts of one farm listening on `ecs-core` are two listeners Azure should count, not a
 * foreign one; a host told by the override to expect one server sees the others as foreign. Grace 0: the timing is
 * relay-view.test.ts's job.
 */
import { startArmEndpoint, type ArmEndpoint } from "../../../server/emulator/arm/arm-endpoint";
import { waitUntil } from "../../support/eventually";
import { startFarm, type TestFarm } from "../../support/farm";
import type { TestHost } from "../../support/host";
import { useRedis } from "../../support/redis";
import { waitForState } from "../../support/stack";
import { accessInput, SET_ACCESS } from "../management/arm-stack";

const redis = useRedis();
let farm: TestFarm;
let arm: ArmEndpoint;
let id: string;

beforeAll(async () => {
  farm = await startFarm(redis.url, ["azure-a", "azure-b"], { ECS_PLUGIN_AZURE_RELAY_MANAGEMENT_SUSPICIONGRACEMS: "0" });
  const emu = farm.emulator;
  arm = await startArmEndpoint({ namespace: emu.namespace, subscriptionId: "sub-test", resourceGroup: "rg-test", namespaceHost: () => emu.namespaceHost, connectionStringSuffix: ";UseDevelopmentEmulator=true" });
  const { body } = await farm.hosts[0]!.gql(SET_ACCESS, { input: accessInput(emu.namespaceHost, arm) });
  expect(body.errors).toBeUndefined();
  id = await farm.addRegistration(farm.hosts[0]!);
  for (const host of farm.hosts) await waitForState(host, id, "ONLINE", 20_000);
}, 90_000);
afterAll(async () => {
  await farm?.stop();
  await arm?.stop();
});

interface RelayAnswer { relays: Array<{ name: string; listenerCount: number | null; foreignListenersSuspected: boolean; foreignListenersAdvice: string | null }> }
const relayOn = async (host: TestHost) => (await host.gql<RelayAnswer>(`{ relays { name listenerCount foreignListenersSuspected foreignListenersAdvice } }`)).body.data?.relays.find((r) => r.name === "ecs-core");

it("two hosts of the farm on one hybrid connection: Azure counts 2, and neither host suspects a foreign listener", async () => {
  await waitUntil("Azure counts both hosts' listeners", async () => (await relayOn(farm.hosts[0]!))?.listenerCount === 2, 20_000, 100);
  for (const host of farm.hosts) expect(await relayOn(host)).toMatchObject({ listenerCount: 2, foreignListenersSuspected: false, foreignListenersAdvice: null });
}, 60_000);

it("management.farmHosts overrides the discovered count: a host told to expect one server takes the others for foreign", async () => {
  const overridden = await farm.startHost("azure-override", { ECS_PLUGIN_AZURE_RELAY_MANAGEMENT_FARMHOSTS: "1" });
  await waitForState(overridden, id, "ONLINE", 20_000);
  await waitUntil("Azure counts three listeners", async () => (await relayOn(farm.hosts[0]!))?.listenerCount === 3, 20_000, 100);
  expect(await relayOn(overridden)).toMatchObject({ listenerCount: 3, foreignListenersSuspected: true, foreignListenersAdvice: expect.stringContaining("management.farmHosts") });
  // The others discover three live hosts.
  expect(await relayOn(farm.hosts[0]!)).toMatchObject({ listenerCount: 3, foreignListenersSuspected: false });
}, 60_000);
