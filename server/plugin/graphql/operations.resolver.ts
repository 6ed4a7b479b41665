/** System operations this plugin contributes, as GraphQL mutations. */
import { Authorized, Mutation, Resolver, UseMiddleware } from "type-graphql";
import { ErrorMapping } from "./error-mapping";
import { ClearConsumerCachesReport } from "./operations.type";
import { Permissions } from "./permissions";
import { RelayApi } from "./relay-api";

@UseMiddleware(ErrorMapping)
@Resolver()
export class OperationsResolver {
  constructor(private readonly api: RelayApi) {}

  @Authorized(Permissions.runOperations)
  @Mutation(() => ClearConsumerCachesReport, {
    description: "Clears the host's consumer website caches and restarts every relay listener; reports what was done.",
  })
  async clearConsumerWebsiteCaches(): Promise<ClearConsumerCachesReport> {
    return this.api.clearConsumerCaches.run();
  }
}
