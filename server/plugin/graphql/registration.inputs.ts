/** Inputs of the registration mutations. Validation lives in the service, so scripts and the UI get the same field errors. */
import { Directive, Field, InputType } from "type-graphql";
import { RelayJournalSettingsInput } from "./journal.type";
import { SECRET } from "./secret.directive";
import { TargetHealthInput } from "./target-health.type";
import { WebSocketSenders } from "./web-socket-senders.type";
import { RelayProbeSettingsInput } from "./probe.type";

@InputType()
export class AddRelayRegistrationInput {
  @Field({ description: "The Primary Connection String of a shared access policy (Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…). Write-only." })
  @Directive(SECRET)
  connectionString!: string;
  @Field(() => String, { nullable: true, description: "Display name. Default: the hybrid connection's name." }) name?: string | null;
  @Field(() => String, { nullable: true, description: "Hybrid connection to listen on. Default: EntityPath of the connection string (required if it has none)." })
  hybridConnectionName?: string | null;
  @Field(() => String, { nullable: true, description: "Base URL of the local web services. Default: the host's configured target." }) targetUrl?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Start listening at once. Default true." }) enabled?: boolean | null;
  @Field(() => TargetHealthInput, { nullable: true, description: "How the local target is checked. Default: HEAD / every 10 s, 5 s timeout, 3 failures, any status below 500." })
  targetHealth?: TargetHealthInput | null;
  @Field(() => WebSocketSenders, { nullable: true, description: "WebSocket senders: PASS, REFUSE (403), or DEFAULT — follow the installation's setting. Default DEFAULT." })
  webSockets?: WebSocketSenders | null;
  @Field(() => RelayProbeSettingsInput, { nullable: true, description: "End-to-end probe: periodic interval (default 0 = off) and an optional Send connection string." })
  probe?: RelayProbeSettingsInput | null;
  @Field(() => RelayJournalSettingsInput, { nullable: true, description: "Request journal: size (default 200) and recordBodies (default false)." })
  journal?: RelayJournalSettingsInput | null;
}

@InputType()
export class UpdateRelayRegistrationInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) targetUrl?: string | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
  @Field(() => TargetHealthInput, { nullable: true, description: "Changes only the given target health settings." }) targetHealth?: TargetHealthInput | null;
  @Field(() => WebSocketSenders, { nullable: true, description: "PASS, REFUSE, or DEFAULT to follow the installation again; restarts the listener." })
  webSockets?: WebSocketSenders | null;
  @Field(() => RelayProbeSettingsInput, { nullable: true, description: "Changes only the given probe settings; an empty sendConnectionString removes it." })
  probe?: RelayProbeSettingsInput | null;
  @Field(() => RelayJournalSettingsInput, { nullable: true, description: "Changes only the given journal settings." }) journal?: RelayJournalSettingsInput | null;
  @Field(() => String, { nullable: true, description: "A new connection string for the same namespace and hybrid connection: rotates the key with no downtime." })
  @Directive(SECRET)
  connectionString?: string | null;
}
