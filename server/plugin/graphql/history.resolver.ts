/** History per registration, the status webhook's state and the diagnostics bundle: thin over server/plugin/history, webhook, diagnostics. */
import { Arg, Authorized, FieldResolver, Int, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { ErrorMapping } from "./error-mapping";
import { GraphQLJSON } from "graphql-scalars";
import { badInput } from "../errors";
import { RelayApi } from "./relay-api";
import { RelayRegistration } from "./relay-registration.type";
import { RelayState } from "./relay-status.type";
import { RelayStatusHistory, StatusWebhookStatus } from "./history.type";
import { Permissions } from "./permissions";

@Resolver(() => RelayRegistration)
@UseMiddleware(ErrorMapping)
export class RegistrationHistoryResolver {
  constructor(private readonly api: RelayApi) {}

  @FieldResolver(() => RelayStatusHistory, { description: "State changes of the last `days` days (1–7) on this host, with uptime and flaps over 24 h and 7 days." })
  history(@Root() registration: RelayRegistration, @Arg("days", () => Int, { nullable: true, defaultValue: 7 }) days: number | null): RelayStatusHistory {
    days ??= 7;
    if (!Number.isInteger(days) || days < 1 || days > 7) throw badInput("days", `days is ${days} — use a whole number from 1 to 7 (history is kept for 7 days).`, { min: 1, max: 7 });
    const h = this.api.operations.history.history(registration.id, days);
    return { ...h, changes: h.changes.map((c) => ({ at: new Date(c.at), state: RelayState[c.state], previousState: c.previousState && RelayState[c.previousState], hostId: c.hostId, code: c.code })) };
  }
}

@Resolver()
@UseMiddleware(ErrorMapping)
export class OperationsInsightResolver {
  constructor(private readonly api: RelayApi) {}

  @Authorized(Permissions.read)
  @Query(() => StatusWebhookStatus, { description: "The host's status webhook: configured, failing, last delivery, counts." })
  statusWebhook(): StatusWebhookStatus {
    return this.api.operations.webhook.status();
  }

  @Authorized(Permissions.write)
  @Query(() => GraphQLJSON, { description: "A redacted diagnostics bundle for a support ticket: versions, settings (no secrets), registrations with status, history and journal, recent host log lines. Admins only (it holds host log lines)." })
  diagnostics(): Promise<unknown> {
    return this.api.operations.diagnostics();
  }
}
