/** Runs the host contract suite against the reference host's HostServices. */
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { describeHostContract, type HostContractHarness } from "../support/host-contract-suite";
import { startTestHost } from "../support/host";
import { useRedis } from "../support/redis";

const FIXTURES = path.join(__dirname, "fixtures");

const redis = useRedis();

describeHostContract("reference host", () => harness());
// Every host sharing the Redis store needs the same secret key (the lifecycle test starts a second one).
const SHARED_SECRET = randomBytes(32).toString("base64");
describeHostContract("reference host on Redis (web farm store)", () => harness({ ECS_STORE_URL: redis.url, ECS_SECRET_KEY: SHARED_SECRET }));

async function harness(env: Record<string, string> = {}): Promise<HostContractHarness> {
  const host = await startTestHost({ env, pluginDirs: [path.join(FIXTURES, "fixture-plugin"), path.join(FIXTURES, "fixture-b")] });
  return {
    services: host.services.forPlugin("fixture"),
    otherServices: host.services.forPlugin("fixture-b"),
    callers: { admin: host.services.callerFor("admin"), reader: host.services.callerFor("reader"), anonymous: host.services.callerFor("anonymous") },
    permissions: { read: "fixture.things:read", write: "fixture.things:write" },
    declaredOperationId: "fixture.manual",
    logLines: () => host.logs,
    graphql: async (query, variables) => (await host.gql(query, variables)).body,
    stop: () => host.stop(),
  };
}
