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

@ObjectType({ simpleResolvers: true, description: "Why a host of the farm could not do its part." })
export class FarmHostProblem {
  @Field({ description: "A stable code (NOT_FOUND, INTERNAL_SERVER_ERROR, …)." }) code!: string;
  @Field() message!: string;
}

@ObjectType({ simpleResolvers: true, description: "What one host of the web farm did for Clear consumer website caches." })
export class HostCachesCleared {
  @Field() hostId!: string;
  @Field(() => [ConsumerCacheCleared]) caches!: ConsumerCacheCleared[];
  @Field(() => [ListenerRestart]) listeners!: ListenerRestart[];
  @Field(() => Float, { description: "How long the host took, by its own clock." }) durationMs!: number;
  @Field(() => FarmHostProblem, { nullable: true, description: "Set when the host answered that it failed (then caches and listeners are empty)." })
  error!: FarmHostProblem | null;
}

@ObjectType({ simpleResolvers: true, description: "What Clear consumer website caches did, on every host of the web farm." })
export class ClearConsumerCachesReport implements Report {
  @Field(() => [ConsumerCacheCleared], { description: "This host's caches (every host's are in hosts)." }) caches!: ConsumerCacheCleared[];
  @Field(() => [ListenerRestart], { description: "This host's listeners (every host's are in hosts)." }) listeners!: ListenerRestart[];
  @Field(() => Float, { description: "The whole operation across the farm, in ms." }) durationMs!: number;
  @Field(() => [HostCachesCleared], { description: "Each host that answered, by host id (a single host: just this one)." }) hosts!: HostCachesCleared[];
  @Field(() => [String], { description: "Hosts of the farm that did not answer within deadlineMs." }) notAnswering!: string[];
  @Field(() => Int, { description: "How long the operation waited for the hosts (setting azure-relay.farm.operationDeadlineMs)." }) deadlineMs!: number;
  @Field(() => OperationMessage, { description: "What was done, in one sentence (across the farm when more than one host was asked)." }) summary!: OperationMessage;
  @Field(() => [OperationMessage], { description: "One line per cache cleared and per listener; across a farm, one line per host." }) lines!: OperationMessage[];
}
