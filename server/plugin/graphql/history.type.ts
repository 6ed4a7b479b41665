/** GraphQL views of the status history, the status webhook and (JSON) the diagnostics bundle (docs/operations.md). */
import { Field, Float, Int, ObjectType } from "type-graphql";
import { RelayErrorInfo, RelayState } from "./relay-status.type";

@ObjectType({ simpleResolvers: true, description: "One change of a registration's listener state on one host." })
export class RelayStateChange {
  @Field({ description: "When the state was entered." }) at!: Date;
  @Field(() => RelayState) state!: RelayState;
  @Field(() => RelayState, { nullable: true, description: "The state before; null for the first status on this host." }) previousState!: RelayState | null;
  @Field(() => String, { nullable: true, description: "The host whose listener changed state." }) hostId!: string | null;
  @Field(() => String, { nullable: true, description: "The status's error code (RELAY_UNAUTHORIZED, TARGET_UNHEALTHY, HOST_STOPPED, …)." }) code!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A registration's state changes on this host and its uptime (ONLINE time; DEGRADED does not count)." })
export class RelayStatusHistory {
  @Field(() => [RelayStateChange], { description: "Oldest first; at most 1000, none older than 7 days." }) changes!: RelayStateChange[];
  @Field(() => Float, { nullable: true, description: "Share of the last 24 h spent ONLINE (0..1), disabled time left out; null when nothing was observed." }) uptime24h!: number | null;
  @Field(() => Float, { nullable: true, description: "Share of the last 7 days spent ONLINE (0..1); null when nothing was observed." }) uptime7d!: number | null;
  @Field(() => Int, { description: "Times the listener left ONLINE for anything but DISABLED or STOPPING in the last 24 h." }) flaps24h!: number;
  @Field(() => Int, { description: "The same over the last 7 days." }) flaps7d!: number;
}

@ObjectType({ simpleResolvers: true, description: "The host's status webhook (setting azure-relay.statusWebhook.url)." })
export class StatusWebhookStatus {
  @Field() configured!: boolean;
  @Field(() => String, { nullable: true, description: "Scheme, host and port only (a path or query may hold a token: shown as /…)." }) url!: string | null;
  @Field({ description: "The last attempt failed and none succeeded since." }) failing!: boolean;
  @Field(() => Date, { nullable: true }) lastDeliveryAt!: Date | null;
  @Field(() => RelayErrorInfo, { nullable: true, description: "Code STATUS_WEBHOOK_FAILED with what went wrong." }) lastError!: RelayErrorInfo | null;
  @Field(() => Int, { description: "Events waiting, and the one being delivered." }) pending!: number;
  @Field(() => Int, { description: "Events delivered since the plugin started." }) delivered!: number;
  @Field(() => Int, { description: "Events given up after every attempt failed." }) givenUp!: number;
  @Field(() => Int, { description: "Events dropped unsent because the queue was full (oldest first)." }) dropped!: number;
}
