/** What `npm run farm` prints: Redis, each host, one sign-in for both, and the relay part `npm start` prints too. */
import type { RelayEmulator } from "../../server/emulator";
import type { ReferenceHost } from "../../server/host/reference/host";
import type { SampleService } from "../../server/sample-service/sample-service";
import { generatedTokenLines, relayLines } from "../start/banner";
import type { DemoRegistration } from "../start/demo-registration";
import type { FarmCredentials } from "./farm-credentials";
import type { RedisServer } from "./redis-server";

export interface FarmBannerParts {
  farmDir: string;
  redis: RedisServer;
  hosts: Array<{ id: string; host: ReferenceHost }>;
  credentials: FarmCredentials;
  emulator: RelayEmulator;
  sample: SampleService;
  demo: DemoRegistration;
  /** Host ids whose demo listener is ONLINE. */
  online: string[];
}

export function printFarmBanner(parts: FarmBannerParts): void {
  const { farmDir, redis, hosts, credentials } = parts;
  const lines = [
    "",
    `Web farm: ${hosts.length} ECS Core reference hosts sharing one Redis (data in ${farmDir})`,
    ...generatedTokenLines(credentials.generated, credentials.adminTokenFile),
    `Redis                     ${redis.url}   (pid ${redis.pid}; data in ${farmDir}/redis)`,
    ...hosts.map(({ id, host }) => `Host ${id.padEnd(21)}${host.url}/settings/azure-relay   (GraphQL ${host.url}/graphql; data in ${host.dataDir})`),
    `Sign in on any host at <host>/login with the same admin token: ${credentials.adminTokenFile === "ECS_ADMIN_TOKEN" ? "the value of ECS_ADMIN_TOKEN" : `cat ${credentials.adminTokenFile}`}`,
    parts.online.length
      ? `Registrations ONLINE on ${parts.online.length} of ${hosts.length} hosts (${parts.online.join(", ")}); the relay spreads each one's requests over its listeners.`
      : "Registrations are not ONLINE on any host yet: see the Azure Relay tab of either host.",
    ...relayLines(parts.emulator, parts.sample, parts.demo).slice(0, -1),
    "A change on one host reaches the others within a second; what is shared and what happens when Redis or a host dies: docs/farm.md.",
    "",
    "Ctrl+C stops everything.",
  ];
  console.log(lines.join("\n"));
}
