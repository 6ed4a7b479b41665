/** The report of Clear consumer website caches (operations/clear-consumer-caches.ts), as GraphQL types. */
import { Field, Float, Int, ObjectType } from "type-graphql";
import type { OperationMessage as Message } from "../../host/contract";
import type { ClearConsumerCachesReport as Report } from "../operations/clear-consumer-caches";
import { JSONScalar } from "./json.scalar";

@ObjectType({ simpleResolvers: true, description: "A message by stable code with the values its text needs; a client translates code + params, text is the English." })
export class OperationMessage implements Message {
  @Field({ description: "Stable code, e.g. CLEAR_CACHES_SUMMARY." }) code!: string;
  @Field(() => JSONScalar, { description: "The values the text needs, by name." }) params!: Record<string, string | number | boolean>;
  @Field({ description: "The message in English." }) text!: string;
}

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
  @Field(() => OperationMessage, { description: "What was done, in one sentence." }) summary!: OperationMessage;
  @Field(() => [OperationMessage], { description: "One line per cache cleared and per listener." }) lines!: OperationMessage[];
}
