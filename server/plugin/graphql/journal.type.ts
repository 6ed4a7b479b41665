/** GraphQL views and inputs of the request journal, the traffic series and replay (docs/operations.md, "Request journal"). */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { RelayErrorInfo } from "./relay-status.type";

export enum RelayRequestOutcome {
  FORWARDED = "FORWARDED",
  TOO_LARGE = "TOO_LARGE",
  BAD_GATEWAY = "BAD_GATEWAY",
  GATEWAY_TIMEOUT = "GATEWAY_TIMEOUT",
  ABORTED = "ABORTED",
}
registerEnumType(RelayRequestOutcome, {
  name: "RelayRequestOutcome",
  description: "How a relayed request ended.",
  valuesConfig: {
    FORWARDED: { description: "The target's answer went to the sender (whatever its status)." },
    TOO_LARGE: { description: "The body was over maxBodyBytes: 413." },
    BAD_GATEWAY: { description: "The target could not be reached, was refused by the target rules, or broke off its answer: 502." },
    GATEWAY_TIMEOUT: { description: "The target did not answer within targetTimeoutMs: 504." },
    ABORTED: { description: "The sender went away (or the listener stopped) before the answer was complete." },
  },
});

@ObjectType({ simpleResolvers: true, description: "One header as recorded; Authorization, Cookie, Set-Cookie, ServiceBusAuthorization, sb-hc-token and the configured ones are never recorded." })
export class RelayHeader {
  @Field() name!: string;
  @Field() value!: string;
}

@ObjectType({ simpleResolvers: true, description: "A recorded body: at most 4 kB of text; binary and streamed bodies as size only." })
export class RelayRequestBody {
  @Field(() => Float) size!: number;
  @Field(() => String, { nullable: true, description: "The first bytes as text; null for binary or streamed bodies." }) text!: string | null;
  @Field() binary!: boolean;
  @Field({ description: "Only part (or none) of the body is in text." }) truncated!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "One finished relayed request, as this host's journal recorded it." })
export class RelayRequestEntry {
  @Field(() => ID) id!: string;
  @Field({ description: "When the request arrived at the listener." }) at!: Date;
  @Field(() => String, { nullable: true, description: "The host whose listener served it." }) hostId!: string | null;
  @Field() method!: string;
  @Field({ description: "Path below the hybrid connection; query values are REDACTED unless the installation keeps them." }) path!: string;
  @Field(() => Int, { nullable: true, description: "The status the sender got; null when it went away before an answer." }) status!: number | null;
  @Field(() => Float) durationMs!: number;
  @Field(() => Float) bytesIn!: number;
  @Field(() => Float) bytesOut!: number;
  @Field(() => String, { nullable: true }) senderAddress!: string | null;
  @Field(() => String, { nullable: true, description: "The relay's id of the request." }) trackingId!: string | null;
  @Field(() => RelayRequestOutcome) outcome!: RelayRequestOutcome;
  @Field(() => [RelayHeader], { description: "Request headers; redacted ones are absent." }) headers!: RelayHeader[];
  @Field(() => [RelayHeader], { description: "Response headers; redacted ones (Set-Cookie…) are absent." }) responseHeaders!: RelayHeader[];
  @Field(() => RelayRequestBody, { nullable: true, description: "Only when the registration records bodies." }) body!: RelayRequestBody | null;
  @Field(() => RelayRequestBody, { nullable: true, description: "Only when the registration records bodies." }) responseBody!: RelayRequestBody | null;
  @Field({ description: "True when it can be replayed as recorded (no redacted query values; no body, or all of it recorded as text)." }) replayable!: boolean;
}

@InputType({ description: "Narrows relayRequests; all given conditions must hold." })
export class RelayRequestFilter {
  @Field(() => RelayRequestOutcome, { nullable: true }) outcome?: RelayRequestOutcome | null;
  @Field(() => Int, { nullable: true, description: "1–5 for 1xx–5xx; 0 for requests without an answer." }) statusClass?: number | null;
  @Field(() => String, { nullable: true }) method?: string | null;
  @Field(() => String, { nullable: true, description: "Case-insensitive part of the recorded path." }) pathContains?: string | null;
  @Field(() => Int, { nullable: true, description: "At most this many, newest first." }) limit?: number | null;
}

@ObjectType({ simpleResolvers: true, description: "One minute of a registration's relayed traffic on this host." })
export class RelayTrafficPoint {
  @Field({ description: "Start of the minute." }) at!: Date;
  @Field(() => Int) requests!: number;
  @Field(() => Int, { description: "Requests not answered by the target below 500 (413, 502, 504, aborted, target 5xx)." }) errors!: number;
  @Field(() => Float, { nullable: true, description: "Median duration (within 25 %); null without requests." }) p50Ms!: number | null;
  @Field(() => Float, { nullable: true, description: "95th percentile duration (within 25 %); null without requests." }) p95Ms!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "What a replay to the local target got." })
export class RelayReplayResult {
  @Field({ description: "The target answered (any status)." }) ok!: boolean;
  @Field(() => Int, { nullable: true }) status!: number | null;
  @Field(() => Float, { nullable: true }) durationMs!: number | null;
  @Field(() => RelayErrorInfo, { nullable: true, description: "Why it was not sent or got no answer." }) problem!: RelayErrorInfo | null;
}

@ObjectType({ simpleResolvers: true, description: "The registration's request journal settings (per host, in memory)." })
export class RelayJournalSettingsView {
  @Field(() => Int, { description: "Requests kept per host. Default 200." }) size!: number;
  @Field({ description: "Record up to 4 kB of each body. Default false." }) recordBodies!: boolean;
}

@InputType({ description: "Journal settings; omitted fields keep their value (defaults on add)." })
export class RelayJournalSettingsInput {
  @Field(() => Int, { nullable: true, description: "0 to 5000." }) size?: number | null;
  @Field(() => Boolean, { nullable: true, description: "Record up to 4 kB of each body (restarts the listener without downtime)." }) recordBodies?: boolean | null;
}
