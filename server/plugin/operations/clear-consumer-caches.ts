/**
 * *Clear consumer website caches*: clears the host's consumer caches and restarts every relay listener — the recycle
 * the original product required after each change. Here changes already apply at once; the operation remains for the
 * host's caches and for a full restart.
 *
 * It runs on every host of the web farm (docs/farm.md "System operations across the farm"): this host asks each
 * one through the farm (FarmOperations) and reports each host's work and which hosts did not answer in time.
 *
 * One way in: the host's system-operation registry. *Settings > System Operations* runs it there, and so does the
 * tab's GraphQL mutation (`runAs`), so there is one permission check (the registry's, against the permission
 * plugin.json declares) and one report (`ClearConsumerCachesReport`, the result's `details`).
 */
import { HostError, type Caller, type ConsumerCacheReport, type ConsumerCaches, type OperationMessage, type SystemOperation, type SystemOperationRegistry, type SystemOperationResult } from "../../host/contract";
import type { RelayControl } from "../registrations/relay-control";
import type { RegistrationService } from "../registrations/registration.service";
import manifest from "../../../plugin.json";
import { FARM_REQUESTS, type FarmOperations } from "./farm-operations";
import { hostReportOf, type HostCachesReport, type HostWork } from "./host-caches-report";
import { farmMessages, isFarmWide } from "./farm-summary";
import { clearCachesMessages, clearCachesTexts } from "./clear-caches-messages";

/** Namespaced by the plugin id, like its permissions and events; plugin.json declares it. */
export const CLEAR_CONSUMER_CACHES_ID = "azure-relay.clear-consumer-website-caches";

/** What the operation did: the one report, for the System Operations page (as `details`) and for the tab. */
export interface ClearConsumerCachesReport {
  /** This host's caches (as before the farm, for older scripts); every host's are in `hosts`. */
  caches: ConsumerCacheReport[];
  /** This host's listeners (as before the farm); every host's are in `hosts`. */
  listeners: Array<{ registrationId: string; name: string; restarted: boolean }>;
  /** The whole operation, from asking the farm to the last answer (or the deadline). */
  durationMs: number;
  /** Each host that answered, sorted by host id (a farm of one: this host). */
  hosts: HostCachesReport[];
  /** Hosts that were members when the operation started and did not answer within `deadlineMs`. */
  notAnswering: string[];
  deadlineMs: number;
  /** The summary by code + params (English in `text`), for a client to say in its language. */
  summary: OperationMessage;
  /** One message per cache cleared and per listener (or that none was running), in order. */
  lines: OperationMessage[];
}

export class ClearConsumerCaches {
  constructor(
    private readonly caches: ConsumerCaches,
    private readonly relay: RelayControl,
    private readonly registrations: RegistrationService,
    /** The host's registry: where the operation is registered and the only place it is run from. */
    private readonly operations: SystemOperationRegistry,
    /** The web farm: where every host is asked to do its part. */
    private readonly farm: FarmOperations,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The operation for the host's registry; title, texts and permission come from plugin.json. */
  asSystemOperation(): SystemOperation {
    const declared = manifest.contributes.systemOperations.find((op) => op.id === CLEAR_CONSUMER_CACHES_ID);
    if (!declared) throw new Error(`plugin.json does not declare the system operation ${CLEAR_CONSUMER_CACHES_ID}`);
    return { ...declared, texts: clearCachesTexts(), run: () => this.run() };
  }

  /**
   * Runs the operation through the registry as `caller` (the registry answers UNAUTHENTICATED / FORBIDDEN) and
   * returns its report.
   */
  async runAs(caller: Caller): Promise<ClearConsumerCachesReport> {
    const result = await this.operations.run(CLEAR_CONSUMER_CACHES_ID, caller);
    if (!isReport(result.details)) {
      throw new HostError("INTERNAL_SERVER_ERROR", `The host ran ${CLEAR_CONSUMER_CACHES_ID} but returned no report from it.`);
    }
    return result.details;
  }

  /** This host's part: clear its caches, restart its listeners (what every host runs when asked). */
  async clearHere(): Promise<HostWork> {
    const started = this.clock();
    const caches = await this.caches.clearAll();
    const names = new Map((await this.registrations.list()).map((r) => [r.id, r.name]));
    const restarts = await this.relay.restartAll();
    const listeners = restarts.map((r) => ({ ...r, name: names.get(r.registrationId) ?? r.registrationId }));
    return { caches, listeners, durationMs: this.since(started) };
  }

  private async run(): Promise<SystemOperationResult & { details: ClearConsumerCachesReport }> {
    const started = this.clock();
    const outcome = await this.farm.onEveryHost(FARM_REQUESTS.clearCaches);
    const hosts = outcome.replies.map(hostReportOf);
    const here = hosts.find((h) => h.hostId === this.farm.hostId);
    const parts = { caches: here?.caches ?? [], listeners: here?.listeners ?? [], durationMs: this.since(started), hosts, notAnswering: [...outcome.notAnswering], deadlineMs: this.farm.deadlineMs };
    const { summary, lines } = isFarmWide(parts) ? farmMessages(parts) : clearCachesMessages(parts.caches, parts.listeners, parts.durationMs);
    const report: ClearConsumerCachesReport = { ...parts, summary, lines };
    const ok = report.notAnswering.length === 0 && hosts.every((h) => h.error === null);
    return { ok, summary: summary.text, summaryMessage: summary, lines, details: report };
  }

  private since(started: number): number {
    return Math.round((this.clock() - started) * 10) / 10;
  }
}

/** The report's shape, checked: `details` crossed the host, which may hand back whatever it kept. */
function isReport(details: unknown): details is ClearConsumerCachesReport {
  const r = details as Partial<ClearConsumerCachesReport> | null | undefined;
  return typeof r === "object" && r !== null && Array.isArray(r.caches) && Array.isArray(r.listeners) && typeof r.durationMs === "number"
    && Array.isArray(r.hosts) && Array.isArray(r.notAnswering) && Array.isArray(r.lines) && typeof r.summary?.code === "string";
}
