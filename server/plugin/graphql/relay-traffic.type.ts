/** GraphQL view of a listener's traffic counters. Counts are Float because they may pass 2^31. */
import { Field, Float, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "Requests that did not get the target's answer, by cause." })
export class RelayFailedRequests {
  @Field(() => Float, { description: "The target could not be reached (502)." }) targetUnreachable!: number;
  @Field(() => Float, { description: "The target did not answer in time (504)." }) targetTimeout!: number;
  @Field(() => Float, { description: "The request body was over the limit (413)." }) tooLarge!: number;
  @Field(() => Float, { description: "The target answered with a 5xx status." }) targetError!: number;
  @Field(() => Float, { description: "The sender went away before the answer was complete." }) aborted!: number;
  @Field(() => Float) total!: number;
}

@ObjectType({ simpleResolvers: true, description: "Latency percentiles in milliseconds over the last 1 000 requests." })
export class RelayLatency {
  @Field(() => Float) p50!: number;
  @Field(() => Float) p95!: number;
  @Field(() => Float) p99!: number;
}

@ObjectType({ simpleResolvers: true, description: "Traffic of one registration since its listener started." })
export class RelayTraffic {
  @Field(() => Float) requests!: number;
  @Field(() => RelayFailedRequests) failedRequests!: RelayFailedRequests;
  @Field(() => Float) bytesIn!: number;
  @Field(() => Float) bytesOut!: number;
  @Field(() => Float, { description: "Answers in which several values of one header (e.g. Set-Cookie) were folded into one: the relay carries one value per header name." })
  foldedHeaders!: number;
  @Field(() => Date, { nullable: true }) lastRequestAt!: Date | null;
  @Field(() => RelayLatency, { nullable: true }) latencyMs!: RelayLatency | null;
}
