/** GraphQL views and input of the end-to-end probe (server/plugin/probe/, docs/operations.md section Probe). */
import { Directive, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { RelayErrorInfo } from "./relay-status.type";
import { SECRET } from "./secret.directive";

@ObjectType({ simpleResolvers: true, description: "One hop of a probe's path and what happened there." })
export class RelayProbeHop {
  @Field({ description: "sender → relay, relay → listener, or listener → sender." }) name!: string;
  @Field({ description: "e.g. connected, delivered, answered by host-a, refused: HTTP 401, not reached." }) outcome!: string;
  @Field(() => Float, { nullable: true, description: "Milliseconds from the probe's start to the end of this hop, where measured." }) ms!: number | null;
  @Field({ description: "True when ms compares two wall clocks (this host's and the answering listener's host's): as exact as their synchronisation (NTP) across hosts." }) clockSourced!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "What an end-to-end probe through the relay's public address found." })
export class RelayProbeResult {
  @Field(() => ID) registrationId!: string;
  @Field({ description: "True when a listener holding the probe's grant (of any host of the farm) answered the probe through the relay." }) ok!: boolean;
  @Field({ description: "When the probe started." }) at!: Date;
  @Field(() => Float, { nullable: true, description: "Round trip through the relay (ms); null when no answer came back." }) roundTripMs!: number | null;
  @Field(() => String, { nullable: true, description: "Host id of the listener that answered." }) answeredBy!: string | null;
  @Field(() => [String], { description: "Hosts of the web farm whose listeners held the probe's one-time grant (this host alone on a farm of one)." }) grantedOn!: string[];
  @Field(() => [String], { description: "Hosts of the web farm that did not confirm the grant in time; a probe the relay hands to one of them is not answered (PROBE_NOT_ANSWERED). A note, not a failure." }) notGranted!: string[];
  @Field(() => [RelayProbeHop], { description: "In order: sender → relay, relay → listener, listener → sender." }) hops!: RelayProbeHop[];
  @Field(() => RelayErrorInfo, { nullable: true, description: "Why it failed, e.g. PROBE_NEEDS_SEND_KEY; null when ok." }) problem!: RelayErrorInfo | null;
}

@ObjectType({ simpleResolvers: true, description: "A registration's probe settings. The Send connection string is never returned." })
export class RelayProbeSettingsView {
  @Field(() => Int, { description: "Seconds between periodic probes; 0 = off (default)." }) intervalSeconds!: number;
  @Field({ description: "A Send connection string for probing is set." }) hasSendConnectionString!: boolean;
}

@InputType({ description: "Probe settings; omitted fields keep their value (defaults on add)." })
export class RelayProbeSettingsInput {
  @Field(() => Int, { nullable: true, description: "0 (off) or 10 to 86400 seconds between periodic probes." }) intervalSeconds?: number | null;
  @Field(() => String, { nullable: true, description: "Connection string of a policy with Send rights on the same namespace and hybrid connection, used only to probe. Write-only; empty removes it." })
  @Directive(SECRET)
  sendConnectionString?: string | null;
}
