/**
 * `restartRelayListener(id, hostId)`: restarts one registration's listener on one host of the web farm — this host
 * by default, another through a farm request that host acknowledges (docs/farm.md "System operations across the farm").
 */
import { RelayPluginError } from "../errors";
import type { PublicRegistration } from "../registrations/registration";
import type { RegistrationService } from "../registrations/registration.service";
import { FARM_REQUESTS, type FarmOperations } from "./farm-operations";

export class ListenerRestarts {
  constructor(
    private readonly registrations: RegistrationService,
    private readonly farm: FarmOperations,
  ) {}

  /**
   * Restarts `id`'s listener on `hostId` (default this host). NOT_FOUND for an unknown registration,
   * FARM_HOST_NOT_FOUND for a host that is not in the farm, FARM_HOST_NOT_ANSWERING for one silent past the deadline.
   */
  async restart(id: string, hostId?: string | null): Promise<PublicRegistration> {
    const host = hostId === undefined || hostId === null ? this.farm.hostId : this.farm.checkHostId(hostId);
    if (host === this.farm.hostId) return this.registrations.restart(id);
    const registration = await this.registrations.get(id);
    if (!registration) throw new RelayPluginError("NOT_FOUND", `No relay registration with id ${JSON.stringify(id)} — list them with relayRegistrations.`, "id", { params: { id } });
    await this.farm.onHost(FARM_REQUESTS.restartListener, { registrationId: id }, host);
    return registration;
  }
}
