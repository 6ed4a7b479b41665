/** GraphQL view of a hybrid connection as Azure reports it beside what this host runs (issue 7 item 2). */
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { RelayRegistration } from "./relay-registration.type";

export enum RelaySource {
  AZURE = "AZURE",
  REGISTRATIONS = "REGISTRATIONS",
}
registerEnumType(RelaySource, {
  name: "RelaySource",
  description: "Where a relay's data comes from.",
  valuesConfig: {
    AZURE: { description: "Listed through management access: Azure's own numbers." },
    REGISTRATIONS: { description: "Known only from this host's registrations: Azure's numbers are unknown (no management access, or Azure could not be asked)." },
  },
});

@ObjectType({ simpleResolvers: true, description: "A hybrid connection of a relay namespace: what Azure reports (with management access) and what this host runs on it." })
export class Relay {
  @Field(() => ID, { description: "namespace/name, lower case." }) id!: string;
  @Field({ description: "The hybrid connection's name." }) name!: string;
  @Field({ description: "Relay namespace host, e.g. contoso.servicebus.windows.net." }) namespace!: string;
  @Field(() => RelaySource) source!: RelaySource;
  @Field(() => Boolean, { nullable: true, description: "Whether Azure has this hybrid connection; null when Azure was not asked." }) existsInAzure!: boolean | null;
  @Field(() => Int, { nullable: true, description: "Listeners Azure counts on it (every server and program listening); null when unknown." }) listenerCount!: number | null;
  @Field(() => Int, { description: "This host's listeners that are ONLINE on it." }) ourListenersOnline!: number;
  @Field(() => Boolean, { nullable: true, description: "Senders need a Send token (Azure's setting); null when unknown." }) requiresClientAuthorization!: boolean | null;
  @Field(() => String, { nullable: true, description: "Azure's free-text metadata; the plugin records the owning host and registration there when it creates one." }) userMetadata!: string | null;
  @Field(() => Date, { nullable: true }) createdAt!: Date | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
  @Field(() => [RelayRegistration], { description: "This host's registrations that listen on it." }) registrations!: RelayRegistration[];
  @Field({ description: "Our listener is ONLINE but Azure has counted no listener for longer than the grace period (default 30 s): probably a half-open connection." })
  halfOpenSuspected!: boolean;
  @Field(() => String, { nullable: true, description: "What to do about a half-open connection; null unless suspected." }) halfOpenAdvice!: string | null;
  @Field({ description: "Azure has counted more listeners than ECS Core runs for longer than the grace period: someone else listens with a key of this namespace." })
  foreignListenersSuspected!: boolean;
  @Field(() => String, { nullable: true, description: "What to do about foreign listeners; null unless suspected." }) foreignListenersAdvice!: string | null;
  @Field(() => String, { nullable: true, description: "Why Azure's numbers are missing although management access is configured." }) managementError!: string | null;
}
