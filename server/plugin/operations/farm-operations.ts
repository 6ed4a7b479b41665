/**
 * System operations across the web farm (docs/farm.md "System operations across the farm"): this host answers the
 * plugin's farm requests (clear its caches and restart its listeners; restart one listener), and asks every host —
 * or one — through the host's `farm.request` (contract 2.2), each host acknowledging with its reply. A farm of one
 * asks itself, so one code path serves both.
 */
import type { Disposable, Farm, FarmReply, FarmRequestOutcome } from "../../host/contract";
import { RELAY_ERROR_CODES, RelayPluginError, type RelayErrorCode } from "../errors";
import type { HostWork } from "./host-caches-report";

/** The farm request names this plugin answers (scoped to the plugin by the host). */
export const FARM_REQUESTS = { clearCaches: "clear-consumer-caches", restartListener: "restart-listener" } as const;

/** Default of `azure-relay.farm.operationDeadlineMs`: how long an operation waits for the farm's hosts. */
export const DEFAULT_OPERATION_DEADLINE_MS = 10_000;
/** The longest deadline the host accepts for a farm request (contract 2.2: 120 s). */
export const MAX_OPERATION_DEADLINE_MS = 120_000;

/** What this host does when asked. */
export interface FarmOperationHandlers {
  clearCaches(): Promise<HostWork>;
  restartListener(registrationId: string): Promise<void>;
}

export class FarmOperations {
  constructor(
    private readonly farm: Farm,
    /** This host's id (`HostConfig.hostId`). */
    readonly hostId: string,
    /** Hosts silent for this long are reported as not answering; setting `azure-relay.farm.operationDeadlineMs`, default 10 000. */
    readonly deadlineMs: number = DEFAULT_OPERATION_DEADLINE_MS,
  ) {
    // The host refuses longer waits (an operation across the farm is interactive): say so at start, not at first use.
    if (deadlineMs > MAX_OPERATION_DEADLINE_MS) throw new Error(`Setting azure-relay.farm.operationDeadlineMs is ${deadlineMs} — use at most ${MAX_OPERATION_DEADLINE_MS} ms.`);
  }

  /** Answers the farm's requests on this host until disposed. */
  serve(handlers: FarmOperationHandlers): Disposable {
    const served = [
      this.farm.handleRequests(FARM_REQUESTS.clearCaches, () => handlers.clearCaches()),
      this.farm.handleRequests(FARM_REQUESTS.restartListener, async (payload) => {
        const registrationId = (payload as { registrationId?: unknown } | null)?.registrationId;
        if (typeof registrationId !== "string" || registrationId.length === 0 || registrationId.length > 200) {
          throw new RelayPluginError("BAD_USER_INPUT", "The restart request names no registration id.", "id");
        }
        await handlers.restartListener(registrationId);
        return { restarted: true };
      }),
    ];
    return { dispose: () => served.forEach((s) => s.dispose()) };
  }

  /** Asks every host of the farm (this one included) to run `name`. */
  async onEveryHost(name: string, payload: unknown = null): Promise<FarmRequestOutcome> {
    this.assertAvailable();
    return this.farm.request(name, payload, { deadlineMs: this.deadlineMs });
  }

  /**
   * Asks one host to run `name` and returns its result. FARM_HOST_NOT_FOUND when `hostId` is not a member (never
   * was, or gone), FARM_HOST_NOT_ANSWERING when it stays silent past the deadline; the host's own error otherwise.
   */
  async onHost(name: string, payload: unknown, hostId: string): Promise<unknown> {
    this.assertAvailable();
    const members = (await this.farm.members()).map((m) => m.hostId);
    if (!members.includes(hostId)) {
      throw new RelayPluginError("FARM_HOST_NOT_FOUND", `No host "${hostId}" is in the web farm now (hosts: ${members.join(", ")}). It may have stopped; see farmHosts.`, "hostId", { params: { hostId } });
    }
    const { replies } = await this.farm.request(name, payload, { deadlineMs: this.deadlineMs, hostIds: [hostId] });
    const reply: FarmReply | undefined = replies.find((r) => r.hostId === hostId);
    if (!reply) {
      const seconds = Math.round(this.deadlineMs / 100) / 10;
      throw new RelayPluginError("FARM_HOST_NOT_ANSWERING", `Host "${hostId}" did not answer within ${seconds} s; it may be overloaded or stuck. Try again, or restart that host.`, "hostId", { params: { hostId, seconds } });
    }
    if (reply.error) throw new RelayPluginError(FarmOperations.codeOf(reply.error.code), `Host "${hostId}": ${reply.error.message}`, undefined, { params: { hostId } });
    return reply.result;
  }

  /** A host id from a script, checked before it is used or echoed. */
  checkHostId(hostId: string): string {
    const id = hostId.trim();
    if (id.length === 0 || id.length > 200 || /[\u0000-\u001f\u007f]/.test(id)) {
      throw new RelayPluginError("BAD_USER_INPUT", "hostId must be a host id as farmHosts lists it (1 to 200 printable characters).", "hostId");
    }
    return id;
  }

  /** Passes a known code of the other host through (NOT_FOUND stays NOT_FOUND); anything else is INTERNAL_SERVER_ERROR. */
  private static codeOf(code: string): RelayErrorCode {
    return Object.hasOwn(RELAY_ERROR_CODES, code) ? (code as RelayErrorCode) : "INTERNAL_SERVER_ERROR";
  }

  private assertAvailable(): void {
    if (this.farm.available) return;
    throw new RelayPluginError("FARM_UNAVAILABLE", "The web farm's shared store (Redis) cannot be reached, so the operation cannot reach the other hosts; try again when it is back. Every host keeps serving with the configuration it has.");
  }
}
