/** What the resolvers reach: the plugin's services and the host's auth. Resolvers stay thin over these. */
import type { Auth, Farm, Logger } from "../../host/contract";
import type { FarmWarning } from "../farm/farm-warning";
import type { RequestReplayer } from "../journal/replay";
import type { RequestJournal } from "../journal/request-journal";
import type { ClearConsumerCaches } from "../operations/clear-consumer-caches";
import type { ListenerRestarts } from "../operations/listener-restarts";
import type { RegistrationService } from "../registrations/registration.service";
import type { RelayControl } from "../registrations/relay-control";
import type { HistoryRecorder } from "../history/history-recorder";
import type { StatusWebhook } from "../webhook/status-webhook";

/** History, webhook and diagnostics (issue 12 items 5 and 7). */
export interface OperationsInsight {
  history: HistoryRecorder;
  webhook: StatusWebhook;
  /** The redacted diagnostics bundle (server/plugin/diagnostics/). */
  diagnostics(): Promise<unknown>;
}

export interface FarmState {
  /** The host answering (ECS_HOST_ID). */
  hostId: string;
  warning(): FarmWarning | null;
}

export class RelayApi {
  constructor(
    readonly registrations: RegistrationService,
    readonly relay: RelayControl,
    readonly clearConsumerCaches: ClearConsumerCaches,
    readonly auth: Auth,
    readonly logger: Logger,
    /** The web farm (hosts and their listeners). */
    readonly farm: Farm,
    /** Restarts a listener on one host of the farm (`restartRelayListener`). */
    readonly listenerRestarts: ListenerRestarts,
    /** This host's id and the farm warning now (Redis unreachable, or came back reset); docs/farm.md. */
    readonly farmState: FarmState = { hostId: "", warning: () => null },
    /** Status history, status webhook and diagnostics. */
    readonly operations: OperationsInsight,
    /** The request journal and its replay (server/plugin/journal/). */
    readonly journal?: { journal: RequestJournal; replayer: RequestReplayer },
  ) {}
}
