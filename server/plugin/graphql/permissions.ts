/** The permission actions this plugin declares in plugin.json (`contributes.permissions`); a test cross-checks them. */
export const Permissions = {
  read: "azure-relay.registrations:read",
  write: "azure-relay.registrations:write",
  runOperations: "azure-relay.operations:run",
} as const;
