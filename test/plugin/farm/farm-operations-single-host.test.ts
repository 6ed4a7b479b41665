/**
 * A single host (SQLite, no Redis) is a farm of one (docs/farm.md "System operations across the farm"): Clear
 * consumer website caches gives the same report shape with one host, restartRelayListener takes this host's id, and
 * any other host id is refused with a code.
 */
import { useStackWithOnlineRegistration } from "../../support/stack";

const rig = useStackWithOnlineRegistration();
const RESTART = `mutation($id: ID!, $hostId: String) { restartRelayListener(id: $id, hostId: $hostId) { id } }`;

interface Report {
  caches: Array<{ name: string; entriesCleared: number }>;
  listeners: Array<{ registrationId: string; restarted: boolean }>;
  hosts: Array<{ hostId: string; caches: Array<{ name: string; entriesCleared: number }>; listeners: Array<{ registrationId: string; restarted: boolean }>; error: unknown }>;
  notAnswering: string[];
  deadlineMs: number;
}

it("clear caches reports one host — this one — with what it cleared and restarted, and nobody not answering", async () => {
  const { host } = rig.stack;
  const { body } = await host.gql<{ clearConsumerWebsiteCaches: Report }>(
    `mutation { clearConsumerWebsiteCaches { caches { name entriesCleared } listeners { registrationId restarted } hosts { hostId caches { name entriesCleared } listeners { registrationId restarted } error { code } } notAnswering deadlineMs } }`,
  );
  expect(body.errors).toBeUndefined();
  const report = body.data!.clearConsumerWebsiteCaches;
  expect(report.hosts).toEqual([{ hostId: "test-host", caches: report.caches, listeners: [{ registrationId: rig.registrationId, restarted: true }], error: null }]);
  expect(report.listeners).toEqual(report.hosts[0].listeners);
  expect(report.notAnswering).toEqual([]);
  expect(report.deadlineMs).toBe(10_000);
  await rig.stack.waitForState(rig.registrationId, "ONLINE", 20_000);

  const run = await host.gql<{ runSystemOperation: { ok: boolean; summary: string } }>(`mutation { runSystemOperation(id: "azure-relay.clear-consumer-website-caches") { ok summary } }`);
  // The summary of a farm of one is the single host's sentence, as before.
  expect(run.body.data?.runSystemOperation).toEqual({ ok: true, summary: expect.stringMatching(/^Cleared 3 consumer caches \(\d+ entries\) and restarted 1 of 1 relay listeners in [\d.]+ ms\.$/) });
  await rig.stack.waitForState(rig.registrationId, "ONLINE", 20_000);
}, 60_000);

it("restartRelayListener takes this host's id (or none), and refuses any other with FARM_HOST_NOT_FOUND", async () => {
  const { host } = rig.stack;
  for (const hostId of [undefined, "test-host"]) {
    const { body } = await host.gql(RESTART, { id: rig.registrationId, hostId });
    expect(body.errors).toBeUndefined();
  }
  const other = await host.gql(RESTART, { id: rig.registrationId, hostId: "elsewhere" });
  expect(other.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('No host "elsewhere" is in the web farm'), extensions: { code: "FARM_HOST_NOT_FOUND", field: "hostId", params: { hostId: "elsewhere" } } });
  const blank = await host.gql(RESTART, { id: rig.registrationId, hostId: "  " });
  expect(blank.body.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "hostId" } });
  const unknownRegistration = await host.gql(RESTART, { id: "no-such-registration", hostId: "test-host" });
  expect(unknownRegistration.body.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND", field: "id" } });
}, 30_000);
