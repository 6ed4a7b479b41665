/** Builds the plugin's executable GraphQL schema, bound to one plugin instance's services. */
import type { GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { createAuthChecker } from "./auth-checker";
import { OperationsResolver } from "./operations.resolver";
import { RelayApi } from "./relay-api";
import { RegistrationResolver } from "./registration.resolver";
import { RegistrationRuntimeResolver } from "./registration-runtime.resolver";
import { StatusResolver, type RelayPubSub } from "./status.resolver";
import { RegistrationRelayResolver, RelayResolver } from "./relay.resolver";
import { ManagementResolver } from "./management.resolver";
import { secretDirective } from "./secret.directive";
import { FarmResolver, RegistrationFarmResolver } from "./farm.resolver";
import { CallerResolver } from "./caller.resolver";
import { OperationsInsightResolver, RegistrationHistoryResolver } from "./history.resolver";
import { ProbeResolver } from "./probe.resolver";
import { FarmStatusResolver, RegistrationFarmWarningResolver } from "./farm-status.resolver";
import { RelayErrorResolver } from "./relay-error.resolver";
import { JournalResolver } from "./journal.resolver";

export const relayResolvers = [RegistrationResolver, RegistrationRuntimeResolver, StatusResolver, OperationsResolver, RelayResolver, RegistrationRelayResolver, ManagementResolver, FarmResolver, RegistrationFarmResolver, FarmStatusResolver, RegistrationFarmWarningResolver, ProbeResolver, RelayErrorResolver, JournalResolver, RegistrationHistoryResolver, OperationsInsightResolver, CallerResolver] as const;

export function buildRelaySchema(api: RelayApi, pubSub: RelayPubSub): GraphQLSchema {
  const instances = new Map<Function, unknown>();
  return buildSchemaSync({
    resolvers: [...relayResolvers],
    pubSub,
    authChecker: createAuthChecker(api.auth),
    // Every resolver (and the ErrorMapping middleware) takes the RelayApi; one instance per class per schema.
    container: {
      get: (someClass: new (api: RelayApi) => unknown) => {
        if (!instances.has(someClass)) instances.set(someClass, new someClass(api));
        return instances.get(someClass);
      },
    },
    validate: false,
    directives: [secretDirective],
  });
}
