/**
 * Builds the management services for one plugin activation, so relay-plugin.ts needs only three lines:
 * `createManagement(host)`, the provisioner in the registrations service's deps, and `attach(api, …)`.
 * Settings (host config, `azure-relay.<key>`): `management.suspicionGraceMs` (default 30000),
 * `management.farmHosts` (default: unset, the farm's live hosts as discovered; a number overrides it).
 */
import type { HostConfig, HostServices } from "../../host/contract";
import type { RegistrationService } from "../registrations/registration.service";
import type { RelayControl } from "../registrations/relay-control";
import { proxySettingsFrom } from "../data-plane-config";
import { attachManagementApi } from "./management-api";
import { ManagementAccessRepository } from "./management-access.repository";
import { ManagementAccessService } from "./management-access.service";
import { ArmProvisioner } from "./provisioner";
import { RelayViewService } from "./relay-view.service";
import { farmHostCount } from "./farm-host-count";
import { SecureRegistrationService } from "./secure-registration.service";

export interface Management {
  provisioner: ArmProvisioner;
  /** Links the management services to the schema's RelayApi. */
  attach(api: object, registrations: RegistrationService, relay: RelayControl): void;
}

export function createManagement(host: HostServices, changes?: { announce(topic: string): Promise<void>; assertAvailable(): void }): Management {
  const logger = host.logger.child({ plugin: "azure-relay", part: "management" });
  // The same outbound proxy as the native engine's relay connections (settings proxyUrl / proxyBypass, else the environment).
  const access = new ManagementAccessService(new ManagementAccessRepository(host.store), host.secrets, undefined, changes, proxySettingsFrom(host.config));
  const provisioner = new ArmProvisioner(access, host.config.hostId, logger);
  return {
    provisioner,
    attach(api, registrations, relay) {
      const relays = new RelayViewService(
        { listRegistrations: () => registrations.list(), stateOf: (id) => relay.status(id).state, access },
        { graceMs: setting(host.config, "management.suspicionGraceMs", 30_000), farmHosts: farmHostCount(host.farm, optionalSetting(host.config, "management.farmHosts")) },
      );
      const secure = new SecureRegistrationService({ registrations, access, hostId: host.config.hostId });
      attachManagementApi(api, { access, relays, secure, provisionExisting: (namespace) => provisionExisting(namespace, registrations, relay, provisioner) });
    },
  };
}

/**
 * Once access is set, the enabled registrations of that namespace get their missing hybrid connections too, and
 * those listeners (waiting in NOT_FOUND, a fatal state) reconnect at once. Returns the hybrid connections created.
 */
async function provisionExisting(namespace: string, registrations: RegistrationService, relay: RelayControl, provisioner: ArmProvisioner): Promise<string[]> {
  const created: string[] = [];
  for (const r of await registrations.list()) {
    if (!r.enabled || r.namespace.toLowerCase() !== namespace.toLowerCase()) continue;
    if (!(await provisioner.create(r.namespace, r.hybridConnectionName, { registrationId: r.id, registrationName: r.name }))) continue;
    created.push(r.hybridConnectionName);
    await relay.restart(r.id);
  }
  return created;
}

function optionalSetting(config: HostConfig, key: string): number | undefined {
  const raw = config.get(key);
  return raw === undefined || raw.trim() === "" ? undefined : setting(config, key, 1);
}

function setting(config: HostConfig, key: string, fallback: number): number {
  const raw = config.get(key);
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`Setting azure-relay.${key} is ${JSON.stringify(raw)} — use a number ≥ 0.`);
  return value;
}
