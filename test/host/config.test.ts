/** Reference host configuration from the environment, and the plugin-scoped settings it hands plugins. */
import * as os from "node:os";
import * as path from "node:path";
import { loadHostConfig } from "../../server/host/reference/config";
import { toKey } from "../../server/host/reference/credentials";
import { pluginConfig } from "../../server/host/reference/plugin-services";

describe("host configuration", () => {
  it("has a default for everything", () => {
    const config = loadHostConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: "127.0.0.1",
      dataDir: path.resolve("./data"),
      storeUrl: `sqlite://${path.resolve("./data/ecs-core.sqlite")}`,
      defaultTargetUrl: "http://127.0.0.1:8080/",
      hostId: os.hostname(),
      adminToken: undefined,
      readerToken: undefined,
      secretKey: undefined,
      pluginDirs: undefined,
    });
  });

  it("takes a metrics token of 32 characters or more, and refuses a shorter one naming the variable, not the value", () => {
    const strong = "m".repeat(32);
    expect(loadHostConfig({ ECS_METRICS_TOKEN: strong }).metricsToken).toBe(strong);
    expect(loadHostConfig({ ECS_METRICS_TOKEN: " " }).metricsToken).toBeUndefined();
    const refusal = (() => { try { loadHostConfig({ ECS_METRICS_TOKEN: "short-secret" }); } catch (error) { return (error as Error).message; } })();
    expect(refusal).toMatch(/^ECS_METRICS_TOKEN is 12 characters long; .* at least 32\..*reader token/);
    expect(refusal).not.toContain("short-secret");
  });

  it("reads every variable, ignoring blank ones", () => {
    const config = loadHostConfig({
      PORT: "0", HOST: "::1", ECS_DATA_DIR: "/tmp/ecs-x", ECS_STORE_URL: "redis://127.0.0.1:6379", SAMPLE_SERVICE_PORT: "9090",
      ECS_HOST_ID: "web-2", ECS_ADMIN_TOKEN: "  ", ECS_READER_TOKEN: "r", ECS_SECRET_KEY: "s", ECS_PLUGIN_DIRS: ["/a", "/b"].join(path.delimiter),
    });
    expect(config).toMatchObject({
      port: 0, host: "::1", dataDir: "/tmp/ecs-x", storeUrl: "redis://127.0.0.1:6379", defaultTargetUrl: "http://127.0.0.1:9090/",
      hostId: "web-2", adminToken: undefined, readerToken: "r", secretKey: "s", pluginDirs: ["/a", "/b"],
    });
    expect(loadHostConfig({ ECS_DEFAULT_TARGET_URL: "http://10.0.0.5:81/api/" }).defaultTargetUrl).toBe("http://10.0.0.5:81/api/");
  });

  it("refuses a malformed PORT with a clear message", () => {
    expect(() => loadHostConfig({ PORT: "eighty" })).toThrow('PORT must be an integer from 0 to 65535, got "eighty"');
    expect(() => loadHostConfig({ PORT: "70000" })).toThrow(/PORT must be an integer/);
  });

  it("reads the site language (en-GB by default, de-DE on request) and refuses others with the choices", () => {
    expect(loadHostConfig({}).language).toBe("en-GB");
    expect(loadHostConfig({ ECS_LANGUAGE: "de_de" }).language).toBe("de-DE");
    expect(() => loadHostConfig({ ECS_LANGUAGE: "fr-FR" })).toThrow('ECS_LANGUAGE must be one of en-GB, de-DE, got "fr-FR"');
  });

  it("reads the failed-token limits (10 per address, 100 overall, per 60 s by default; 0 turns a limit off)", () => {
    expect(loadHostConfig({}).loginThrottle).toEqual({ maxFailuresPerAddress: 10, maxFailuresGlobal: 100, windowSeconds: 60 });
    const custom = loadHostConfig({ ECS_LOGIN_MAX_FAILURES_PER_ADDRESS: "3", ECS_LOGIN_MAX_FAILURES_GLOBAL: "0", ECS_LOGIN_FAILURE_WINDOW_SECONDS: "300" });
    expect(custom.loginThrottle).toEqual({ maxFailuresPerAddress: 3, maxFailuresGlobal: 0, windowSeconds: 300 });
    expect(() => loadHostConfig({ ECS_LOGIN_MAX_FAILURES_PER_ADDRESS: "ten" })).toThrow('ECS_LOGIN_MAX_FAILURES_PER_ADDRESS must be a whole number from 0 to 1000000, got "ten"');
    expect(() => loadHostConfig({ ECS_LOGIN_FAILURE_WINDOW_SECONDS: "0" })).toThrow('ECS_LOGIN_FAILURE_WINDOW_SECONDS must be a whole number from 1 to 1000000, got "0"');
    expect(() => loadHostConfig({ ECS_LOGIN_MAX_FAILURES_GLOBAL: "-1" })).toThrow(/ECS_LOGIN_MAX_FAILURES_GLOBAL must be a whole number/);
  });

  it("gives plugins their own settings from ECS_PLUGIN_<ID>_<KEY>", () => {
    const config = loadHostConfig({ ECS_PLUGIN_AZURE_RELAY_WORKER_RESTART_DELAY_MS: "250", ECS_PLUGIN_OTHER_WORKER_RESTART_DELAY_MS: "9" });
    const relay = pluginConfig(config, "azure-relay");
    expect(relay.get("worker.restart-delay-ms")).toBe("250");
    expect(relay.get("WORKER_RESTART_DELAY_MS")).toBe("250");
    expect(relay.get("missing")).toBeUndefined();
    expect(pluginConfig(config, "other").get("worker.restart-delay-ms")).toBe("9");
  });

  it("derives a 32-byte sealing key from hex, base64 or any passphrase", () => {
    const hex = "ab".repeat(32);
    expect(toKey(hex).toString("hex")).toBe(hex);
    const b64 = Buffer.alloc(32, 7).toString("base64");
    expect(toKey(b64)).toEqual(Buffer.alloc(32, 7));
    expect(toKey("correct horse battery staple")).toHaveLength(32);
    expect(toKey("one passphrase")).not.toEqual(toKey("another passphrase"));
  });
});
