/** GraphQL views of the web farm (docs/farm.md): its hosts and each host's listener of a registration. */
import { Field, ObjectType } from "type-graphql";
import { RelayState } from "./relay-status.type";

@ObjectType({ simpleResolvers: true, description: "Why a host's listener last failed (code and message; the advice is on that host's own status)." })
export class HostListenerError {
  @Field({ description: "Stable code, e.g. RELAY_UNAUTHORIZED." }) code!: string;
  @Field() message!: string;
}

@ObjectType({ simpleResolvers: true, description: "One host's listener of one registration, as that host last reported it." })
export class HostListener {
  @Field({ description: "The host (ECS_HOST_ID) running this listener." }) hostId!: string;
  @Field() registrationId!: string;
  @Field(() => RelayState) state!: RelayState;
  @Field({ description: "When the listener entered this state." }) since!: Date;
  @Field(() => HostListenerError, { nullable: true }) lastError!: HostListenerError | null;
}

@ObjectType({ simpleResolvers: true, description: "A host of the web farm whose heartbeat has not expired (this host included)." })
export class FarmHost {
  @Field() hostId!: string;
  @Field({ description: "The host contract version the host implements." }) contractVersion!: string;
  @Field() startedAt!: Date;
  @Field() lastHeartbeat!: Date;
  @Field(() => [HostListener], { description: "Every listener of that host, one per registration." }) listeners!: HostListener[];
}
