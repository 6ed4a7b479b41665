/** GraphQL views and input of target health (server/plugin/health/, docs/operations.md). */
import { Field, InputType, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "How the plugin checks a registration's local target." })
export class TargetHealthSettingsView {
  @Field({ description: "Check at all. Default true." }) enabled!: boolean;
  @Field({ description: "HEAD, GET or OPTIONS. Default HEAD." }) method!: string;
  @Field({ description: "Path below the target URL. Default /." }) path!: string;
  @Field(() => Int, { description: "Time between checks (ms). Default 10000." }) intervalMs!: number;
  @Field(() => Int, { description: "A check with no answer within this fails (ms). Default 5000." }) timeoutMs!: number;
  @Field(() => Int, { description: "Failed checks in a row that make the registration DEGRADED. Default 3." }) failures!: number;
  @Field({ description: "Statuses counted healthy, e.g. 200-399,404. Default 100-499." }) healthyStatuses!: string;
  @Field({ description: "Stop listening while the target is down (the relay routes to other hosts). Default false." }) withdrawOnFailure!: boolean;
}

@InputType({ description: "Target health settings; omitted fields keep their value (defaults on add)." })
export class TargetHealthInput {
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
  @Field(() => String, { nullable: true, description: "HEAD, GET or OPTIONS." }) method?: "HEAD" | "GET" | "OPTIONS" | null;
  @Field(() => String, { nullable: true, description: "Starts with /, e.g. /healthz." }) path?: string | null;
  @Field(() => Int, { nullable: true, description: "100 to 3600000." }) intervalMs?: number | null;
  @Field(() => Int, { nullable: true, description: "50 to 60000, at most intervalMs." }) timeoutMs?: number | null;
  @Field(() => Int, { nullable: true, description: "1 to 100." }) failures?: number | null;
  @Field(() => String, { nullable: true, description: "Statuses or ranges from 100 to 599, e.g. 200-399." }) healthyStatuses?: string | null;
  @Field(() => Boolean, { nullable: true }) withdrawOnFailure?: boolean | null;
}

@ObjectType({ simpleResolvers: true, description: "What the last health checks of the local target found." })
export class TargetHealthView {
  @Field({ description: "UNKNOWN before the first check, then HEALTHY or UNHEALTHY." }) state!: string;
  @Field({ description: "When this state was entered." }) since!: Date;
  @Field(() => Int) consecutiveFailures!: number;
  @Field(() => String, { nullable: true, description: "The last check's outcome, e.g. HEAD / answered 200." }) lastDetail!: string | null;
  @Field(() => Date, { nullable: true }) lastCheckedAt!: Date | null;
  @Field({ description: "True while the listener is withdrawn from the relay because the target is down." }) withdrawn!: boolean;
}
