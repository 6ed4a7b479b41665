/** `probeRelayRegistration` and `RelayRegistration.lastProbe`: thin over the ProbeService (server/plugin/probe/). */
import { Arg, Authorized, FieldResolver, ID, Mutation, Resolver, Root, UseMiddleware } from "type-graphql";
import { probeServiceOf } from "../probe/probe-api";
import type { ProbeResult } from "../probe/probe-verdict";
import { ErrorMapping } from "./error-mapping";
import { Permissions } from "./permissions";
import { RelayProbeResult } from "./probe.type";
import { RelayApi } from "./relay-api";
import { RelayRegistration } from "./relay-registration.type";

@UseMiddleware(ErrorMapping)
@Resolver(() => RelayRegistration)
export class ProbeResolver {
  constructor(private readonly api: RelayApi) {}

  @Authorized(Permissions.write)
  @Mutation(() => RelayProbeResult, { description: "Sends a request through the relay's public address to this registration's listener and back; reports the round trip and each hop." })
  async probeRelayRegistration(@Arg("id", () => ID) id: string): Promise<RelayProbeResult> {
    return probeView(await probeServiceOf(this.api).probe(id));
  }

  @FieldResolver(() => RelayProbeResult, { nullable: true, description: "The last end-to-end probe on this host (manual or periodic); null before the first." })
  lastProbe(@Root() registration: RelayRegistration): RelayProbeResult | null {
    const last = probeServiceOf(this.api).lastProbe(registration.id);
    return last ? probeView(last) : null;
  }
}

function probeView(result: ProbeResult): RelayProbeResult {
  return { ...result, grantedOn: [...result.grantedOn], notGranted: [...result.notGranted], hops: result.hops.map((hop) => ({ ...hop })) };
}
