/**
 * *Settings > System Operations > Clear consumer website caches*: clears the host's consumer caches and restarts every
 * relay listener — the recycle the original product required after each change. Here changes already apply at once;
 * the operation remains for the host's caches and for a full restart.
 */
import type { ConsumerCacheReport, ConsumerCaches, SystemOperation } from "../../host/contract";
import type { RelayControl } from "../registrations/relay-control";
import type { RegistrationService } from "../registrations/registration.service";
import manifest from "../../../plugin.json";

export const CLEAR_CONSUMER_CACHES_ID = "clear-consumer-website-caches";

export interface ClearConsumerCachesReport {
  caches: ConsumerCacheReport[];
  listeners: Array<{ registrationId: string; name: string; restarted: boolean }>;
  durationMs: number;
}

export class ClearConsumerCaches {
  constructor(
    private readonly caches: ConsumerCaches,
    private readonly relay: RelayControl,
    private readonly registrations: RegistrationService,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async run(): Promise<ClearConsumerCachesReport> {
    const started = this.clock();
    const caches = await this.caches.clearAll();
    const names = new Map((await this.registrations.list()).map((r) => [r.id, r.name]));
    const restarts = await this.relay.restartAll();
    const listeners = restarts.map((r) => ({ ...r, name: names.get(r.registrationId) ?? r.registrationId }));
    return { caches, listeners, durationMs: Math.round((this.clock() - started) * 10) / 10 };
  }

  /** The same operation for the host's system-operation registry; title and texts come from plugin.json. */
  asSystemOperation(): SystemOperation {
    const declared = manifest.contributes.systemOperations.find((op) => op.id === CLEAR_CONSUMER_CACHES_ID);
    if (!declared) throw new Error(`plugin.json does not declare the system operation ${CLEAR_CONSUMER_CACHES_ID}`);
    return {
      ...declared,
      run: async () => {
        const report = await this.run();
        const cleared = report.caches.reduce((sum, c) => sum + c.entriesCleared, 0);
        const restarted = report.listeners.filter((l) => l.restarted).length;
        return {
          ok: true,
          summary: `Cleared ${report.caches.length} consumer caches (${cleared} entries) and restarted ${restarted} of ${report.listeners.length} relay listeners in ${report.durationMs} ms.`,
          details: report,
        };
      },
    };
  }
}
