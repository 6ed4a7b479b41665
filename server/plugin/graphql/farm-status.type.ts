/** GraphQL views of the farm's state as this host sees it (docs/farm.md): its id, its store, the farm warning. */
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "Why the web farm needs attention: Redis unreachable (FARM_UNAVAILABLE) or back without the farm's data (FARM_STORE_RESET)." })
export class RelayFarmWarning {
  @Field({ description: "FARM_UNAVAILABLE or FARM_STORE_RESET." }) code!: string;
  @Field() message!: string;
  @Field({ description: "What to do next, in plain words." }) advice!: string;
  @Field({ description: "Since when." }) since!: Date;
}

@ObjectType({ simpleResolvers: true, description: "The web farm as the host answering sees it." })
export class RelayFarmStatus {
  @Field({ description: "The host answering (ECS_HOST_ID); compare with relayStatusChanged.hostId." }) hostId!: string;
  @Field({ description: "True when the store is Redis, shared by the hosts of a farm; false for a single host's embedded store." }) shared!: boolean;
  @Field({ description: "False while changes are refused (Redis unreachable or reset); traffic flows either way." }) available!: boolean;
  @Field(() => Int, { description: "Hosts whose heartbeat is live, this one included (1 for a single host; the last count known while Redis cannot be read)." }) hostCount!: number;
  @Field(() => RelayFarmWarning, { nullable: true, description: "Null while the farm is fine." }) warning!: RelayFarmWarning | null;
}
