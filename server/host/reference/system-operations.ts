/**
 * The host's system-operation registry (*Settings > System Operations*). Only operations declared
 * in some manifest's `contributes.systemOperations` can be registered; the declared texts and
 * permission are authoritative, so code cannot quietly widen what the manifest promised.
 */
import { HostError, type Auth, type Caller, type Disposable, type SystemOperation, type SystemOperationInfo, type SystemOperationRegistry, type SystemOperationResult } from "../contract";
import type { SystemOperationContribution } from "./manifest-types";

/** A registry accepting the `declared` operations, checking permissions with `auth`. */
export function createSystemOperationRegistry(declared: SystemOperationContribution[], auth: Auth): SystemOperationRegistry {
  const declarations = new Map(declared.map((op) => [op.id, op]));
  const registered = new Map<string, SystemOperation>();
  return {
    register(operation): Disposable {
      const declaration = declarations.get(operation.id);
      if (!declaration) {
        throw new HostError("BAD_USER_INPUT", `system operation "${operation.id}" is not declared in any plugin.json contributes.systemOperations`, "id");
      }
      if (registered.has(operation.id)) throw new HostError("CONFLICT", `system operation "${operation.id}" is already registered`, "id");
      // The manifest's id, texts and permission win over whatever the code passed; translations come from the code.
      const entry: SystemOperation = { ...declaration, ...(operation.texts ? { texts: operation.texts } : {}), run: (caller) => operation.run(caller) };
      registered.set(operation.id, entry);
      return {
        dispose() {
          if (registered.get(operation.id) === entry) registered.delete(operation.id);
        },
      };
    },
    list(): SystemOperationInfo[] {
      return [...registered.values()].map(({ id, title, description, permission, confirm, texts }) => ({ id, title, description, permission, confirm, ...(texts ? { texts } : {}) }));
    },
    async run(id: string, caller: Caller): Promise<SystemOperationResult> {
      const operation = registered.get(id);
      if (!operation) throw new HostError("NOT_FOUND", `no system operation "${id}"`, "id");
      if (caller.kind === "anonymous") throw new HostError("UNAUTHENTICATED", "sign in to run system operations");
      if (!auth.can(caller, operation.permission)) {
        throw new HostError("FORBIDDEN", `running "${id}" needs the permission ${operation.permission}`);
      }
      return operation.run(caller);
    },
  };
}
