/**
 * What the management resolvers reach, attached to the plugin's RelayApi without changing it: the schema container
 * builds every resolver from the RelayApi alone, so this side table links one to the other per plugin instance.
 */
import type { ManagementAccessService } from "./management-access.service";
import type { RelayViewService } from "./relay-view.service";
import type { SecureRegistrationService } from "./secure-registration.service";

export interface ManagementApi {
  access: ManagementAccessService;
  relays: RelayViewService;
  secure: SecureRegistrationService;
  /** After access is set: creates the missing hybrid connections of the namespace's enabled registrations; returns their names. */
  provisionExisting(namespace: string): Promise<string[]>;
}

const byApi = new WeakMap<object, ManagementApi>();

export function attachManagementApi(api: object, management: ManagementApi): void {
  byApi.set(api, management);
}

export function managementApiOf(api: object): ManagementApi {
  const found = byApi.get(api);
  // Only a wiring mistake gets here (the SDL printer never calls resolvers).
  if (!found) throw new Error("management services are not wired to this RelayApi");
  return found;
}
