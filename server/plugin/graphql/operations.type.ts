/** The report of Clear consumer website caches (operations/clear-consumer-caches.ts), as GraphQL types. */
import { Field, Float, Int, ObjectType } from "type-graphql";
import type { ClearConsumerCachesReport as Report } from "../operations/clear-consumer-caches";

@ObjectType({ simpleResolvers: true })
export class ConsumerCacheCleared {
  @Field() name!: string;
  @Field(() => Int) entriesCleared!: number;
}

@ObjectType({ simpleResolvers: true })
export class ListenerRestart {
  @Field() registrationId!: string;
  @Field() name!: string;
  @Field() restarted!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "What Clear consumer website caches did." })
export class ClearConsumerCachesReport implements Report {
  @Field(() => [ConsumerCacheCleared]) caches!: ConsumerCacheCleared[];
  @Field(() => [ListenerRestart]) listeners!: ListenerRestart[];
  @Field(() => Float) durationMs!: number;
}
