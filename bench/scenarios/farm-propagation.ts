/**
 * Farm goal 1: a change on one host applied on all. Each change disables or enables the registration on the next host
 * in turn (a change every host's supervisor must act on); timed from sending the mutation until every host reports
 * its own listener in the new state (DISABLED, or ONLINE: enabling includes the listener connecting to the relay).
 * Hosts are polled every 10 ms, so a figure includes up to one poll interval and one query.
 */
import { gqlOrThrow } from "../lib/gql";
import type { HostChild } from "../lib/stack";
import { stateOn } from "../lib/farm-hosts";
import { nowMs } from "../lib/status-watch";

const UPDATE = `mutation($id: ID!, $input: UpdateRelayRegistrationInput!) { updateRelayRegistration(id: $id, input: $input) { id } }`;
/** A change not seen on every host within this long counts as this long (and as missed). */
const GIVE_UP_MS = 10_000;

export interface PropagationTimes {
  disable: number[];
  enable: number[];
  /** Changes not applied on every host within GIVE_UP_MS. */
  missed: number;
}

export async function measurePropagation(hosts: readonly HostChild[], id: string, changes: number, progress: (m: string) => void): Promise<PropagationTimes> {
  const times: PropagationTimes = { disable: [], enable: [], missed: 0 };
  for (let k = 0; k < changes; k++) {
    const enabled = k % 2 === 1; // starts enabled: disable, enable, disable, …
    const want = enabled ? "ONLINE" : "DISABLED";
    const started = nowMs();
    await gqlOrThrow(hosts[k % hosts.length].info, UPDATE, { id, input: { enabled } });
    const reached = await Promise.all(hosts.map((host) => pollUntil(host, id, want, started + GIVE_UP_MS)));
    const seconds = (Math.max(...reached) - started) / 1000;
    if (reached.some((at) => at - started >= GIVE_UP_MS)) times.missed++;
    (enabled ? times.enable : times.disable).push(seconds);
    if ((k + 1) % 10 === 0) progress(`  change ${k + 1}/${changes}: applied on all ${hosts.length} hosts after ${seconds.toFixed(3)} s`);
    await new Promise((r) => setTimeout(r, 100)); // let listeners settle between changes
  }
  return times;
}

/** The monotonic time `host` first reported `state`, or `deadlineMs` if it never did. */
async function pollUntil(host: HostChild, id: string, state: string, deadlineMs: number): Promise<number> {
  for (;;) {
    const answered = await stateOn(host, id).catch(() => undefined);
    const now = nowMs();
    if (answered === state) return now;
    if (now >= deadlineMs) return deadlineMs;
    await new Promise((r) => setTimeout(r, 10));
  }
}
