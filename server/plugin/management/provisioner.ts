/**
 * Creates a registration's hybrid connection through ARM when the namespace has management access and the
 * hybrid connection does not exist yet (issue 7 item 3). Without management access it does nothing: the listener
 * then reports NOT_FOUND, whose advice names both remedies.
 */
import type { Logger } from "../../host/contract";
import type { ManagementAccessService } from "./management-access.service";

/** Who owns a hybrid connection the plugin creates; recorded in its userMetadata. */
export interface HybridConnectionOwner {
  registrationId: string;
  registrationName: string;
}

/** What the registrations service calls before a listener starts (an optional dependency there). */
export interface HybridConnectionProvisioner {
  ensureHybridConnection(namespace: string, hybridConnectionName: string, owner: HybridConnectionOwner): Promise<void>;
}

/** userMetadata of a hybrid connection the plugin created: who made it, for whom (Azure allows 1024 characters). */
export function ownerMetadata(hostId: string, owner: HybridConnectionOwner): string {
  return JSON.stringify({ createdBy: "ecs-core-azure-relay", hostId, registrationId: owner.registrationId, registration: owner.registrationName.slice(0, 200) });
}

export class ArmProvisioner implements HybridConnectionProvisioner {
  constructor(
    private readonly access: ManagementAccessService,
    private readonly hostId: string,
    private readonly logger: Logger,
  ) {}

  async ensureHybridConnection(namespace: string, hybridConnectionName: string, owner: HybridConnectionOwner): Promise<void> {
    await this.create(namespace, hybridConnectionName, owner);
  }

  /** Like `ensureHybridConnection`; true when it created the hybrid connection (false: it existed, no access, or failed). */
  async create(namespace: string, hybridConnectionName: string, owner: HybridConnectionOwner): Promise<boolean> {
    const client = await this.access.clientFor(namespace);
    if (!client) return false;
    try {
      if (await client.getHybridConnection(hybridConnectionName)) return false;
      await client.createHybridConnection(hybridConnectionName, ownerMetadata(this.hostId, owner));
      this.logger.info("created hybrid connection through Azure Resource Manager", { namespace, hybridConnectionName, registrationId: owner.registrationId });
      return true;
    } catch (error) {
      // The registration is still saved: its listener shows NOT_FOUND, and the admin sees why here and in the log.
      this.logger.warn("could not ensure the hybrid connection through Azure Resource Manager", {
        namespace,
        hybridConnectionName,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }
}
