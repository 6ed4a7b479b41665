/**
 * The credentials every host of `npm run farm` shares: one sealing key (a farm needs one: docs/farm.md, "One secret
 * key") and one admin and one reader token, so one sign-in works on both hosts. Kept (0600) in the farm's folder by
 * the reference host's own credential code; ECS_ADMIN_TOKEN / ECS_READER_TOKEN / ECS_SECRET_KEY override them.
 */
import { join } from "node:path";
import { loadHostConfig } from "../../server/host/reference/config";
import { ADMIN_TOKEN_FILE, ensureCredentials, type HostCredentials } from "../../server/host/reference/credentials";

export interface FarmCredentials {
  /** The variables each host starts with (never printed; handed over in memory to the in-process hosts). */
  hostEnv: Record<string, string>;
  /** Tokens created by this start, to print once. */
  generated: HostCredentials["generated"];
  /** Where the admin token lives (or a note that it came from the environment). */
  adminTokenFile: string;
}

export function farmCredentials(farmDir: string, env: NodeJS.ProcessEnv = process.env): FarmCredentials {
  const config = loadHostConfig({ ECS_DATA_DIR: farmDir, ECS_ADMIN_TOKEN: env.ECS_ADMIN_TOKEN, ECS_READER_TOKEN: env.ECS_READER_TOKEN, ECS_SECRET_KEY: env.ECS_SECRET_KEY });
  const credentials = ensureCredentials(config);
  return {
    hostEnv: {
      ECS_ADMIN_TOKEN: credentials.adminToken,
      ECS_READER_TOKEN: credentials.readerToken,
      // Base64 of the 32-byte key: the host reads it back as the same key (credentials.ts toKey).
      ECS_SECRET_KEY: credentials.secretKey.toString("base64"),
    },
    generated: credentials.generated,
    adminTokenFile: config.adminToken ? "ECS_ADMIN_TOKEN" : join(farmDir, ADMIN_TOKEN_FILE),
  };
}
