/**
 * System operations this plugin contributes, as GraphQL mutations for the tab and scripts: thin calls into the host's
 * system-operation registry, which checks the permission (as for *Settings > System Operations*).
 */
import { Ctx, Mutation, Resolver, UseMiddleware } from "type-graphql";
import type { GraphQLContext } from "../../host/contract";
import { ErrorMapping } from "./error-mapping";
import { ClearConsumerCachesReport } from "./operations.type";
import { RelayApi } from "./relay-api";

@UseMiddleware(ErrorMapping)
@Resolver()
export class OperationsResolver {
  constructor(private readonly api: RelayApi) {}

  @Mutation(() => ClearConsumerCachesReport, {
    description: "Clears the consumer website caches and restarts every relay listener on every host of the web farm; reports each host's part and the hosts that did not answer within the deadline.",
  })
  async clearConsumerWebsiteCaches(@Ctx() ctx: GraphQLContext): Promise<ClearConsumerCachesReport> {
    return this.api.clearConsumerCaches.runAs(ctx.caller);
  }
}
