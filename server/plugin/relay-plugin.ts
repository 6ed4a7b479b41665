/**
 * One activation of the Azure Relay plugin: builds the services over the host contract, starts the supervisor and
 * its data-plane worker, registers the GraphQL schema, the system operation and the status events. Wiring only.
 */
import { createPubSub } from "@graphql-yoga/subscription";
import type { Disposable, HostServices, PluginInstance } from "../host/contract";
import { DataPlane } from "../relay/data-plane";
import { RelayApi } from "./graphql/relay-api";
import { buildRelaySchema } from "./graphql/schema";
import { RELAY_STATUS_TOPIC, type RelayPubSub } from "./graphql/status.resolver";
import { statusEventView } from "./graphql/views";
import { ClearConsumerCaches } from "./operations/clear-consumer-caches";
import { RegistrationRepository } from "./registrations/registration.repository";
import { RegistrationService } from "./registrations/registration.service";
import { STATUS_CHANGED_EVENT, toStatusChangedV1 } from "./status-events";
import { Supervisor } from "./supervisor/supervisor";
import { dataPlaneOptionsFrom } from "./data-plane-config";
import { createManagement } from "./management/management-wiring";
import { ConfigSync } from "./farm/config-sync";
import { farmSetting } from "./farm/farm-settings";
import { PresencePublisher, presenceOf } from "./farm/farm-presence";

export class RelayPlugin implements PluginInstance {
  private readonly disposables: Disposable[] = [];
  private readonly supervisor: Supervisor;
  private stopping: Promise<void> | undefined;

  private constructor(private readonly host: HostServices) {
    this.supervisor = new Supervisor({
      dataPlane: new DataPlane(),
      dataPlaneOptions: dataPlaneOptionsFrom(host.config),
      logger: host.logger.child({ plugin: "azure-relay", part: "supervisor" }),
    });
  }

  static async activate(host: HostServices): Promise<RelayPlugin> {
    const plugin = new RelayPlugin(host);
    await plugin.start();
    return plugin;
  }

  private async start(): Promise<void> {
    const { host, supervisor } = this;
    const logger = host.logger.child({ plugin: "azure-relay" });
    const sync = new ConfigSync({ farm: host.farm, hostId: host.config.hostId, logger, resyncMs: farmSetting(host.config, "farm.resyncMs", 5000) });
    const management = createManagement(host, sync);
    const registrations = new RegistrationService({
      repository: new RegistrationRepository(host.store),
      secrets: host.secrets,
      relay: supervisor,
      config: host.config,
      provisioner: management.provisioner,
      changes: sync,
    });
    const clearCaches = new ClearConsumerCaches(host.consumerCaches, supervisor, registrations, host.systemOperations);
    const pubSub: RelayPubSub = createPubSub();
    const api = new RelayApi(registrations, supervisor, clearCaches, host.auth, logger, host.farm);
    const presence = new PresencePublisher(host.farm, async () => presenceOf((await registrations.list()).map((r) => r.id), (id) => supervisor.status(id)));
    management.attach(api, registrations, supervisor);

    this.disposables.push(
      supervisor.onStatusChanged((change) => {
        pubSub.publish(RELAY_STATUS_TOPIC, statusEventView(change));
        host.events.publish(STATUS_CHANGED_EVENT, toStatusChangedV1(change));
        logger.info("relay listener status", { registrationId: change.registrationId, state: change.status.state });
        presence.refresh();
      }),
      host.graphql.registerSchema(buildRelaySchema(api, pubSub)),
      host.systemOperations.register(clearCaches.asSystemOperation()),
    );
    await supervisor.start();
    await sync.start({ resync: () => registrations.reloadFromStore(), afterChange: () => presence.refresh() });
    this.disposables.push({ dispose: () => sync.stop() });
    await registrations.applyDesiredState();
    presence.refresh();
  }

  /** Idempotent: the second call waits for the first. */
  deactivate(): Promise<void> {
    this.stopping ??= (async () => {
      for (const d of this.disposables.splice(0).reverse()) d.dispose();
      await this.supervisor.stop();
    })();
    return this.stopping;
  }
}
