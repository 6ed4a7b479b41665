/** GraphQL view of a listener's runtime status (docs/design.md §6). */
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import type { RelayState as RelayStateName } from "../supervisor/relay-status";
import { JSONScalar } from "./json.scalar";

export enum RelayState {
  DISABLED = "DISABLED",
  CONNECTING = "CONNECTING",
  ONLINE = "ONLINE",
  DEGRADED = "DEGRADED",
  RECONNECTING = "RECONNECTING",
  UNAUTHORIZED = "UNAUTHORIZED",
  NOT_FOUND = "NOT_FOUND",
  FAILED = "FAILED",
  STOPPING = "STOPPING",
}
registerEnumType(RelayState, { name: "RelayState", description: "Where a registration's listener stands." });

// Keeps the GraphQL enum and the supervisor's state names identical at compile time.
const _sameStates: Record<RelayStateName, RelayState> = RelayState;

@ObjectType("RelayError", { simpleResolvers: true, description: "Why the last connection attempt failed, and what an admin can do about it." })
export class RelayErrorInfo {
  @Field({ description: "Stable code, e.g. RELAY_UNAUTHORIZED." }) code!: string;
  @Field() message!: string;
  @Field({ description: "What to do next, in plain words." }) advice!: string;
  @Field(() => JSONScalar, { description: "The values message and advice are built from, by name (e.g. { seconds: 30 }); {} when none. A client translates code + params." })
  params?: Record<string, string | number | boolean>; // resolved by relay-error.resolver.ts ({} when absent)
}

@ObjectType("RelayStatus", { simpleResolvers: true, description: "A listener's state; fields that do not apply to the state are null." })
export class RelayStatusView {
  @Field(() => RelayState) state!: RelayState;
  @Field({ description: "When the listener entered this state." }) since!: Date;
  @Field(() => Int, { nullable: true, description: "Connection attempts since the listener was last online." }) attempt!: number | null;
  @Field(() => Date, { nullable: true, description: "When the next connection attempt is due." }) nextRetryAt!: Date | null;
  @Field(() => RelayErrorInfo, { nullable: true }) lastError!: RelayErrorInfo | null;
}

@ObjectType({ simpleResolvers: true, description: "A status change of one registration's listener on one host of the farm (this host's are also published as azure-relay/status-changed/v1)." })
export class RelayStatusEvent {
  @Field(() => String, { description: "The host (ECS_HOST_ID) whose listener changed; `relayFarm.hostId` is the host answering." }) hostId!: string;
  @Field(() => String) registrationId!: string;
  @Field(() => RelayState, { nullable: true }) previousState!: RelayState | null;
  @Field(() => RelayStatusView) status!: RelayStatusView;
}
