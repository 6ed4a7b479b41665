/**
 * The floor under scenario 5's HTTP figure: graphql-js executing the same list document over the plugin's own schema
 * and resolvers, in this process, with the registrations in memory and every listener DISABLED: no HTTP, no Apollo,
 * no store. If this alone is above the goal, no change to the plugin's resolvers can meet it (FINDINGS.md).
 */
import "reflect-metadata";
import { createPubSub } from "@graphql-yoga/subscription";
import { execute, parse } from "graphql";
import type { GraphQLContext } from "../../server/host/contract";
import type { RelayApi } from "../../server/plugin/graphql/relay-api";
import { buildRelaySchema } from "../../server/plugin/graphql/schema";
import { DEFAULT_TARGET_HEALTH } from "../../server/plugin/health/target-health-settings";
import { DEFAULT_JOURNAL } from "../../server/plugin/journal/journal-settings";
import type { PublicRegistration } from "../../server/plugin/registrations/registration";
import type { RelayControl } from "../../server/plugin/registrations/relay-control";

function registrations(count: number): PublicRegistration[] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const name = `cp-${String(i).padStart(4, "0")}`;
    return { id: `id-${i}`, name, namespace: "127.0.0.1:9351", hybridConnectionName: name, secure: false, keyName: "RootManageSharedAccessKey", keyFingerprint: "f1e2d3c4", targetUrl: "http://127.0.0.1:8080/", enabled: false, createdAt: at, updatedAt: at, createdBy: "admin", targetHealth: { ...DEFAULT_TARGET_HEALTH }, webSockets: "default", probe: { intervalSeconds: 0, hasSendConnectionString: false }, journal: { ...DEFAULT_JOURNAL } };
  });
}

/** What a DISABLED listener reports, as the supervisor answers for a registration without a listener. */
const idle: Pick<RelayControl, "status" | "traffic"> = {
  status: () => ({ state: "DISABLED", since: new Date() }),
  traffic: () => ({ requests: 0, failed: { targetUnreachable: 0, targetTimeout: 0, tooLarge: 0, targetError: 0, aborted: 0 }, bytesIn: 0, bytesOut: 0, lastRequestAt: null, latencyMs: null }),
};

/** Milliseconds per `execute` of `document` over `count` registrations, `calls` times after 5 warm-up calls. */
export async function timeExecuteOnly(document: string, count: number, calls: number): Promise<number[]> {
  const list = registrations(count);
  const api = { registrations: { list: async () => list }, relay: idle, auth: { can: () => true }, logger: console } as unknown as RelayApi;
  const schema = buildRelaySchema(api, createPubSub());
  const parsed = parse(document);
  const contextValue: Pick<GraphQLContext, "caller"> = { caller: { id: "admin", kind: "token", roles: ["admin"] } };
  const once = async (): Promise<number> => {
    const started = performance.now();
    const result = await execute({ schema, document: parsed, contextValue });
    const ms = performance.now() - started;
    if (result.errors?.length) throw new Error(`execute: ${result.errors[0].message}`);
    return ms;
  };
  for (let i = 0; i < 5; i++) await once();
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) ms.push(await once());
  return ms;
}
