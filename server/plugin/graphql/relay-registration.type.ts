/** GraphQL view of a relay registration. Never a key, token or connection string: only key name and fingerprint. */
import { Field, ID, ObjectType } from "type-graphql";
import { RelayJournalSettingsView } from "./journal.type";
import { TargetHealthSettingsView } from "./target-health.type";
import { WebSocketSenders } from "./web-socket-senders.type";
import { RelayProbeSettingsView } from "./probe.type";

@ObjectType({ simpleResolvers: true, description: "An Azure Relay hybrid connection this host listens on, and where it forwards requests." })
export class RelayRegistration {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: "Relay namespace host, e.g. contoso.servicebus.windows.net." }) namespace!: string;
  @Field() hybridConnectionName!: string;
  @Field({ description: "Name of the shared access policy whose key the listener uses." }) keyName!: string;
  @Field({ description: "A short one-way fingerprint of the key, to tell keys apart. The key itself is never returned." }) keyFingerprint!: string;
  @Field({ description: "Base URL of the local web services relayed requests are forwarded to." }) targetUrl!: string;
  @Field() enabled!: boolean;
  @Field(() => TargetHealthSettingsView, { description: "How the local target is checked." }) targetHealth!: TargetHealthSettingsView;
  @Field(() => WebSocketSenders, { description: "What the listener does with WebSocket senders; DEFAULT follows the installation's setting." }) webSockets!: WebSocketSenders;
  @Field(() => RelayProbeSettingsView, { description: "End-to-end probe settings (interval, whether a Send connection string is set)." }) probe!: RelayProbeSettingsView;
  @Field(() => RelayJournalSettingsView, { description: "What this host's request journal keeps for this registration." }) journal!: RelayJournalSettingsView;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field() createdBy!: string;
}
