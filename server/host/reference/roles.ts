/** The reference host's two roles; manifests grant permissions to them (`contributes.permissions[].defaultRoles`). */
export type Role = "admin" | "reader";
