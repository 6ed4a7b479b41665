/**
 * One activation of the Azure Relay plugin: builds the services over the host contract, starts the supervisor and
 * its data-plane worker, registers the GraphQL schema, the system operation and the status events. Wiring only.
 */
import { createPubSub } from "@graphql-yoga/subscription";
import type { Disposable, HostServices, PluginInstance } from "../host/contract";
import { DataPlane } from "../relay/data-plane";
import { RelayApi } from "./graphql/relay-api";
import { buildRelaySchema } from "./graphql/schema";
import type { RelayPubSub } from "./graphql/status.resolver";
import { ClearConsumerCaches } from "./operations/clear-consumer-caches";
import { DEFAULT_OPERATION_DEADLINE_MS, FarmOperations } from "./operations/farm-operations";
import { ListenerRestarts } from "./operations/listener-restarts";
import { RegistrationRepository } from "./registrations/registration.repository";
import { RegistrationService } from "./registrations/registration.service";
import { Supervisor } from "./supervisor/supervisor";
import { dataPlaneOptionsFrom } from "./data-plane-config";
import { createManagement } from "./management/management-wiring";
import { ConfigSync } from "./farm/config-sync";
import { farmSetting } from "./farm/farm-settings";
import { PresencePublisher, presenceOf } from "./farm/farm-presence";
import { currentFarmWarning, followFarmStatus } from "./farm/farm-status-wiring";
import { HealthAwareRelay } from "./health/health-aware-relay";
import { relayReadinessCheck } from "./health/relay-readiness";
import { relayMetricsCollector } from "./metrics/relay-metrics";
import { StatusCounters } from "./metrics/status-counters";
import { TargetChecker } from "./health/target-check";
import { TargetGuard } from "../relay/target-guard";
import { proxySettingsFrom, targetGuardSettingsFrom } from "./data-plane-config";
import { ProbeService } from "./probe/probe.service";
import { probeGrantDeadlineSetting, probeTimeoutSetting } from "./probe/probe-settings";
import { FarmProbeGrants } from "./probe/farm-grants";
import { ProbeAwareRelay } from "./probe/probe-aware-relay";
import { attachProbeService } from "./probe/probe-api";
import { probeMetricsCollector } from "./metrics/probe-metrics";
import { journalAwareRelay } from "./journal/journal-aware-relay";
import { RequestReplayer } from "./journal/replay";
import { RequestJournal } from "./journal/request-journal";
import { withJournalTail } from "./graphql/journal-pubsub";
import { HistoryRecorder } from "./history/history-recorder";
import { historySettingsFrom } from "./history/history-settings";
import { StatusWebhook } from "./webhook/status-webhook";
import { webhookSettingsFrom } from "./webhook/webhook-settings";
import { webhookMetricsCollector } from "./webhook/webhook-metrics";
import { buildDiagnostics } from "./diagnostics/diagnostics";

export class RelayPlugin implements PluginInstance {
  private readonly disposables: Disposable[] = [];
  private readonly supervisor: Supervisor;
  /** The supervisor with target health applied. */
  private readonly health: HealthAwareRelay;
  /** The supervisor with target health and the end-to-end probe applied: what every service and resolver sees. */
  private readonly relay: ProbeAwareRelay;
  private readonly prober: ProbeService;
  private readonly probeGrants: FarmProbeGrants;
  private readonly checker: TargetChecker;
  private readonly dataPlane = new DataPlane();
  private readonly journal: RequestJournal;
  private readonly replayer: RequestReplayer;
  /** State changes per registration, kept in the store (server/plugin/history/). */
  private readonly history: HistoryRecorder;
  /** The host's status webhook (server/plugin/webhook/); inert without `statusWebhook.url`. Set in start(). */
  private webhook: StatusWebhook | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(private readonly host: HostServices) {
    this.supervisor = new Supervisor({
      dataPlane: this.dataPlane,
      dataPlaneOptions: dataPlaneOptionsFrom(host.config),
      logger: host.logger.child({ plugin: "azure-relay", part: "supervisor" }),
    });
    // Health checks pass the same SSRF guard as relayed requests (same settings as the worker's guard).
    this.checker = new TargetChecker(new TargetGuard(targetGuardSettingsFrom(host.config)));
    this.journal = new RequestJournal(host.config.hostId);
    // Replays pass the same SSRF guard as relayed requests and health checks.
    this.replayer = new RequestReplayer(new TargetGuard(targetGuardSettingsFrom(host.config)));
    this.health = new HealthAwareRelay(this.supervisor, (url, settings) => this.checker.check(url, settings), host.logger.child({ plugin: "azure-relay", part: "target-health" }));
    // Every host of the farm holds a probe's grant, so whichever listener the relay picks can answer it.
    const grantDeadlineMs = probeGrantDeadlineSetting(host.config);
    this.probeGrants = new FarmProbeGrants({ farm: host.farm, hostId: host.config.hostId, secrets: host.secrets, grantHere: (grant, ackMs) => this.supervisor.grantProbe(grant, ackMs), deadlineMs: grantDeadlineMs });
    this.prober = new ProbeService({ grant: (grant) => this.probeGrants.grant(grant), hostId: host.config.hostId, timeoutMs: probeTimeoutSetting(host.config), grantDeadlineMs, proxy: proxySettingsFrom(host.config) });
    this.relay = new ProbeAwareRelay(this.health, this.prober, host.logger.child({ plugin: "azure-relay", part: "probe" }));
    this.history = new HistoryRecorder({ store: host.store, hostId: host.config.hostId, logger: host.logger.child({ plugin: "azure-relay", part: "history" }), settings: historySettingsFrom(host.config) });
  }

  static async activate(host: HostServices): Promise<RelayPlugin> {
    const plugin = new RelayPlugin(host);
    await plugin.start();
    return plugin;
  }

  private async start(): Promise<void> {
    const { host, supervisor, relay } = this;
    const logger = host.logger.child({ plugin: "azure-relay" });
    const sync = new ConfigSync({ farm: host.farm, hostId: host.config.hostId, logger, resyncMs: farmSetting(host.config, "farm.resyncMs", 5000) });
    const management = createManagement(host, sync);
    const registrations = new RegistrationService({
      repository: new RegistrationRepository(host.store),
      secrets: host.secrets,
      relay: journalAwareRelay(relay, this.journal),
      config: host.config,
      provisioner: management.provisioner,
      changes: sync,
    });
    const farmOps = new FarmOperations(host.farm, host.config.hostId, farmSetting(host.config, "farm.operationDeadlineMs", DEFAULT_OPERATION_DEADLINE_MS));
    const clearCaches = new ClearConsumerCaches(host.consumerCaches, relay, registrations, host.systemOperations, farmOps);
    const pubSub: RelayPubSub = createPubSub();
    const { history } = this;
    const webhook = (this.webhook = new StatusWebhook(webhookSettingsFrom(host.config), {
      hostId: host.config.hostId,
      nameOf: async (id) => (await registrations.get(id))?.name,
      logger: host.logger.child({ plugin: "azure-relay", part: "status-webhook" }),
    }));
    const diagnostics = () => buildDiagnostics({ host, list: () => registrations.list(), relay, history, webhook, lastProbe: (id) => this.prober.lastProbe(id), journal: (id, limit) => this.journal.list(id, { limit }) });
    const farmState = { hostId: host.config.hostId, warning: () => currentFarmWarning(host, sync) };
    const journal = { journal: this.journal, replayer: this.replayer };
    const api = new RelayApi(registrations, relay, clearCaches, host.auth, logger, host.farm, new ListenerRestarts(registrations, farmOps), farmState, { history, webhook, diagnostics }, journal);
    const presence = new PresencePublisher(host.farm, async () => presenceOf((await registrations.list()).map((r) => r.id), (id) => relay.status(id)));
    management.attach(api, registrations, relay);
    attachProbeService(api, this.prober);

    const counters = new StatusCounters();
    await history.load();
    this.disposables.push(
      this.dataPlane.onEvent(this.journal.onWorkerEvent),
      counters.follow(relay),
      history.follow(relay),
      webhook.follow(relay),
      ...followFarmStatus({ host, relay, pubSub, presence, logger }),
      host.graphql.registerSchema(buildRelaySchema(api, withJournalTail(pubSub, this.journal))),
      host.systemOperations.register(clearCaches.asSystemOperation()),
      this.probeGrants.serve(),
      farmOps.serve({ clearCaches: () => clearCaches.clearHere(), restartListener: async (id) => void (await registrations.restart(id)) }),
      host.health.registerReadinessCheck(relayReadinessCheck(() => registrations.list(), relay)),
      host.metrics.registerCollector(relayMetricsCollector(() => registrations.list(), relay, counters, this.journal)),
      host.metrics.registerCollector(probeMetricsCollector(() => registrations.list(), this.prober)),
      host.metrics.registerCollector(webhookMetricsCollector(webhook)),
    );
    await supervisor.start();
    await sync.start({ resync: (verify) => registrations.reloadFromStore(verify), afterChange: () => presence.refresh() });
    this.disposables.push({ dispose: () => sync.stop() });
    await registrations.applyDesiredState();
    presence.refresh();
  }

  /** Idempotent: the second call waits for the first. */
  deactivate(): Promise<void> {
    this.stopping ??= (async () => {
      for (const d of this.disposables.splice(0).reverse()) d.dispose();
      this.prober.dispose();
      this.webhook?.stop();
      await this.history.close().catch((error: unknown) => this.host.logger.warn("status history could not be written at shutdown", { error: (error as Error).message }));
      this.relay.dispose();
      this.health.dispose();
      await this.supervisor.stop();
      this.checker.close();
      this.replayer.close();
    })();
    return this.stopping;
  }
}
