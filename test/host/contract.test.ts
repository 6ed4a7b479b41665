/** Runs the host contract suite against the reference host's HostServices. */
import * as path from "node:path";
import { describeHostContract } from "../support/host-contract-suite";
import { startTestHost } from "../support/host";

const FIXTURES = path.join(__dirname, "fixtures");

describeHostContract("reference host", async () => {
  const host = await startTestHost({ pluginDirs: [path.join(FIXTURES, "fixture-plugin"), path.join(FIXTURES, "fixture-b")] });
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
});
