/** The relay status subscription over graphql-ws. @Authorized on a subscription is checked when it starts. */
import type { PubSub } from "@graphql-yoga/subscription";
import { Arg, Authorized, ID, Resolver, Root, Subscription } from "type-graphql";
import { Permissions } from "./permissions";
import { RelayStatusEvent } from "./relay-status.type";

export const RELAY_STATUS_TOPIC = "RELAY_STATUS_CHANGED";
/** The request journal's live tail (journal-pubsub.ts): subscribed with the registration id, never published to. */
export const RELAY_REQUEST_TOPIC = "RELAY_REQUEST_RECORDED";
export type RelayPubSub = PubSub<{ [RELAY_STATUS_TOPIC]: [RelayStatusEvent] }>;

@Resolver()
export class StatusResolver {
  @Authorized(Permissions.read)
  @Subscription(() => RelayStatusEvent, {
    topics: RELAY_STATUS_TOPIC,
    filter: ({ payload, args }) => !args.registrationId || payload.registrationId === args.registrationId,
    description: "Status changes of every registration's listener, or of one when registrationId is given.",
  })
  relayStatusChanged(
    @Root() event: RelayStatusEvent,
    @Arg("registrationId", () => ID, { nullable: true }) _registrationId?: string | null,
  ): RelayStatusEvent {
    return event;
  }
}
