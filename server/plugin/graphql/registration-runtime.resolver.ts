/** Live status and traffic of a registration's listener: cheap reads from the supervisor, no middleware on the way. */
import { FieldResolver, Resolver, Root } from "type-graphql";
import { RelayApi } from "./relay-api";
import { RelayRegistration } from "./relay-registration.type";
import { RelayStatusView } from "./relay-status.type";
import { RelayTraffic } from "./relay-traffic.type";
import { TargetHealthView } from "./target-health.type";
import { statusView, trafficView } from "./views";

@Resolver(() => RelayRegistration)
export class RegistrationRuntimeResolver {
  constructor(private readonly api: RelayApi) {}

  @FieldResolver(() => RelayStatusView)
  status(@Root() registration: RelayRegistration): RelayStatusView {
    return statusView(this.api.relay.status(registration.id));
  }

  @FieldResolver(() => RelayTraffic)
  traffic(@Root() registration: RelayRegistration): RelayTraffic {
    return trafficView(this.api.relay.traffic(registration.id));
  }

  @FieldResolver(() => TargetHealthView, { nullable: true, description: "The local target's last health checks; null when not checked (disabled, or check off)." })
  targetHealthCheck(@Root() registration: RelayRegistration): TargetHealthView | null {
    const view = this.api.relay.targetHealth?.(registration.id);
    if (!view) return null;
    const { health } = view;
    return { state: health.state.toUpperCase(), since: health.since, consecutiveFailures: health.consecutiveFailures, lastDetail: health.lastDetail, lastCheckedAt: health.lastCheckedAt, withdrawn: view.withdrawn };
  }
}
