/** The request journal over GraphQL: list, live tail, traffic series and replay. Thin over server/plugin/journal/. */
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription, UseMiddleware } from "type-graphql";
import type { GraphQLContext } from "../../host/contract";
import { RelayPluginError } from "../errors";
import type { JournalEntry } from "../journal/request-journal";
import { SERIES_MINUTES } from "../journal/traffic-stats";
import { ErrorMapping } from "./error-mapping";
import { journalEntryView } from "./journal-views";
import { RelayReplayResult, RelayRequestEntry, RelayRequestFilter, RelayTrafficPoint } from "./journal.type";
import { Permissions } from "./permissions";
import { RelayApi } from "./relay-api";
import { RELAY_REQUEST_TOPIC } from "./journal-pubsub";


@Resolver()
@UseMiddleware(ErrorMapping)
export class JournalResolver {
  constructor(private readonly api: RelayApi) {}

  @Authorized(Permissions.read)
  @Query(() => [RelayRequestEntry], { description: "The registration's last requests on this host, newest first (the journal, in memory)." })
  async relayRequests(@Arg("registrationId", () => ID) registrationId: string, @Arg("filter", () => RelayRequestFilter, { nullable: true }) filter?: RelayRequestFilter | null): Promise<RelayRequestEntry[]> {
    await this.requireRegistration(registrationId);
    const journal = this.journal();
    return journal.journal.list(registrationId, filter ?? {}).map((e) => journalEntryView(e, journal.replayer));
  }

  @Authorized(Permissions.read)
  @Query(() => [RelayTrafficPoint], { description: "Per-minute requests, errors and p50/p95 of the last `minutes` (1–60) on this host, oldest first." })
  async relayTrafficSeries(@Arg("registrationId", () => ID) registrationId: string, @Arg("minutes", () => Int, { nullable: true, defaultValue: SERIES_MINUTES }) minutesArg?: number | null): Promise<RelayTrafficPoint[]> {
    const minutes = minutesArg ?? SERIES_MINUTES;
    await this.requireRegistration(registrationId);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > SERIES_MINUTES) {
      throw new RelayPluginError("BAD_USER_INPUT", `minutes must be a whole number from 1 to ${SERIES_MINUTES}; got ${minutes}.`, "minutes");
    }
    const traffic = this.journal().journal.trafficOf(registrationId);
    if (traffic) return traffic.series(Date.now(), minutes);
    const empty = (i: number) => ({ at: new Date((Math.floor(Date.now() / 60_000) - minutes + 1 + i) * 60_000), requests: 0, errors: 0, p50Ms: null, p95Ms: null });
    return Array.from({ length: minutes }, (_, i) => empty(i));
  }

  @Authorized(Permissions.read)
  @Subscription(() => RelayRequestEntry, {
    // The topic id is the registration: journal-pubsub.ts answers it with that registration's tail straight from the
    // journal, so no event is published per request while nobody follows a registration.
    topics: RELAY_REQUEST_TOPIC,
    topicId: ({ args }) => (args as { registrationId: string }).registrationId,
    description: "Live tail: each request of the registration as this host's journal records it (batched by the data plane, about 20 times a second).",
  })
  relayRequestRecorded(@Root() entry: JournalEntry, @Arg("registrationId", () => ID) _registrationId: string): RelayRequestEntry {
    return journalEntryView(entry, this.journal().replayer);
  }

  @Authorized(Permissions.write)
  @Mutation(() => RelayReplayResult, { description: "Sends a recorded request again to the registration's local target (never through the relay), through the same target rules." })
  async replayRelayRequest(@Arg("registrationId", () => ID) registrationId: string, @Arg("requestId", () => ID) requestId: string, @Ctx() { caller }: GraphQLContext): Promise<RelayReplayResult> {
    const registration = await this.requireRegistration(registrationId);
    const { journal, replayer } = this.journal();
    const entry = journal.get(registrationId, requestId);
    if (!entry) throw new RelayPluginError("NOT_FOUND", `No journal entry ${JSON.stringify(requestId)} for this registration on this host — it may have rotated out; list them with relayRequests.`, "requestId");
    const result = await replayer.replay(registration, entry);
    this.api.logger.info("relay request replayed", { registrationId, requestId, by: caller.id, ok: result.ok, status: result.status, problem: result.problem?.code });
    return { ok: result.ok, status: result.status ?? null, durationMs: result.durationMs ?? null, problem: result.problem ?? null };
  }

  private async requireRegistration(id: string) {
    const found = await this.api.registrations.get(id);
    if (!found) throw new RelayPluginError("NOT_FOUND", `No relay registration with id ${JSON.stringify(id)} — list them with relayRegistrations.`, "registrationId", { params: { id } });
    return found;
  }

  private journal(): NonNullable<RelayApi["journal"]> {
    if (!this.api.journal) throw new RelayPluginError("INTERNAL_SERVER_ERROR", "The request journal is not available in this activation.");
    return this.api.journal;
  }
}
