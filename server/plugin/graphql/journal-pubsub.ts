/**
 * The PubSub the schema gets: the status topic as before, and the request journal's live tail answered straight
 * from the journal (request-journal.ts `tail`) for the registration given as topic id. Nothing is published per
 * request, so the journal costs nothing extra while nobody follows a registration.
 */
import type { RequestJournal } from "../journal/request-journal";
import { RELAY_REQUEST_TOPIC, type RelayPubSub } from "./status.resolver";

export { RELAY_REQUEST_TOPIC };

export function withJournalTail(pubSub: RelayPubSub, journal: RequestJournal): RelayPubSub {
  const subscribe = ((topic: string, id?: string) =>
    topic === RELAY_REQUEST_TOPIC ? journal.tail(id ?? "") : (pubSub.subscribe as (t: string, i?: string) => unknown)(topic, id)) as RelayPubSub["subscribe"];
  return { publish: pubSub.publish, subscribe };
}
