/**
 * FarmProbeGrants over the real host contract of two reference hosts sharing one Redis (a fixture plugin, no relay
 * plugin: the worker's part is a recorded callback): every host hands the grant to its own worker naming itself;
 * a host without a worker, or without the handler (an older plugin), is listed as not granted; nonce and answer
 * never appear in clear on Redis.
 */
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import type { HostServices } from "../../../server/host/contract";
import { REQUESTS_CHANNEL } from "../../../server/host/reference/farm/redis-requests";
import { FarmProbeGrants } from "../../../server/plugin/probe/farm-grants";
import type { ProbeGrant } from "../../../server/relay/protocol";
import { waitUntil } from "../../support/eventually";
import { startTestHost, type TestHost } from "../../support/host";
import { useRedis } from "../../support/redis";

const redis = useRedis();
const hosts: TestHost[] = [];

beforeAll(async () => {
  const env = { ECS_STORE_URL: redis.url, ECS_SECRET_KEY: randomBytes(32).toString("base64"), ECS_FARM_HEARTBEAT_MS: "200", ECS_FARM_HOST_TTL_MS: "5000" };
  for (const hostId of ["grant-a", "grant-b"]) {
    hosts.push(await startTestHost({ env: { ...env, ECS_HOST_ID: hostId }, pluginDirs: [path.join(__dirname, "../../host/fixtures/fixture-plugin")] }));
  }
  await waitUntil("both hosts are members", async () => (await servicesOf(0).farm.members()).length === 2, 10_000, 100);
}, 60_000);
afterAll(async () => {
  await Promise.all(hosts.map((h) => h.stop()));
});

function servicesOf(i: number): HostServices {
  return hosts[i].services.forPlugin("fixture") as HostServices;
}

/** A host's FarmProbeGrants whose "worker" records what it got and holds it when `holds` says so. */
function grantsOn(i: number, hostId: string, holds: () => boolean) {
  const got: ProbeGrant[] = [];
  const services = servicesOf(i);
  const grants = new FarmProbeGrants({ farm: services.farm, hostId, secrets: services.secrets, grantHere: async (g) => (got.push(g), holds()), deadlineMs: 2000 });
  return { grants, got, serving: grants.serve() };
}

const grant = (): ProbeGrant => ({ registrationId: "reg-1", nonce: randomBytes(24).toString("base64url"), answer: randomBytes(24).toString("base64url"), hostId: "grant-a", ttlMs: 12_000 });

it("each host holds the grant under its own host id; nonce and answer are sealed on Redis", async () => {
  const a = grantsOn(0, "grant-a", () => true);
  const b = grantsOn(1, "grant-b", () => true);
  const client = await redis.client();
  const tap = client.duplicate();
  tap.on("error", () => undefined);
  await tap.connect();
  const onTheWire: string[] = [];
  await tap.subscribe(REQUESTS_CHANNEL, (message) => onTheWire.push(message));
  try {
    const g = grant();
    expect(await a.grants.grant(g)).toEqual({ grantedOn: ["grant-a", "grant-b"], notGranted: [], farmReached: true });
    expect(a.got).toEqual([{ ...g, hostId: "grant-a" }]);
    expect(b.got).toEqual([{ ...g, hostId: "grant-b" }]);
    await waitUntil("the request was seen on Redis", async () => onTheWire.length > 0, 5000, 20);
    expect(onTheWire.join()).toContain("probe-grant");
    expect(onTheWire.join()).not.toContain(g.nonce);
    expect(onTheWire.join()).not.toContain(g.answer);
  } finally {
    a.serving.dispose();
    b.serving.dispose();
    await tap.close();
  }
});

it("a host whose worker does not hold it, or that has no handler, is listed as not granted", async () => {
  const a = grantsOn(0, "grant-a", () => true);
  const b = grantsOn(1, "grant-b", () => false);
  try {
    expect(await a.grants.grant(grant())).toEqual({ grantedOn: ["grant-a"], notGranted: ["grant-b"], farmReached: true });
    b.serving.dispose(); // as a host running an older plugin without the probe-grant handler answers: NOT_FOUND
    expect(await a.grants.grant(grant())).toEqual({ grantedOn: ["grant-a"], notGranted: ["grant-b"], farmReached: true });
    expect(b.got).toHaveLength(1);
  } finally {
    a.serving.dispose();
    b.serving.dispose();
  }
});
