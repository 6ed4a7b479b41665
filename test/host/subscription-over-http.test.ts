/** A subscription sent as a plain HTTP request gets a clear 400 BAD_REQUEST pointing at graphql-ws, not an internal error. */
import * as path from "node:path";
import { startTestHost, type TestHost } from "../support/host";

describe("subscription over plain HTTP", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ pluginDirs: [path.join(__dirname, "fixtures/fixture-plugin")] });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it("answers a POSTed subscription with 400 BAD_REQUEST naming graphql-ws", async () => {
    const { status, body } = await host.gql("subscription { heartbeat }");
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions?.code).toBe("BAD_REQUEST");
    expect(body.errors![0]!.message).toMatch(/graphql-ws/);
  });

  it("still runs queries in the same request shape", async () => {
    const { status, body } = await host.gql("{ hostInfo { contractVersion } }");
    expect([status, body.errors]).toEqual([200, undefined]);
  });
});
