/**
 * What a test does to a running relay setup from outside, shared by the one-host stack (stack.ts) and the farm
 * (farm.ts): send a request through the emulator as a cloud client would, and add a registration as the admin.
 */
import { request } from "node:http";
import type { RelayEmulator } from "../../server/emulator";
import { createSasToken } from "../../server/relay/sas-token";
import type { TestHost } from "./host";

export interface RelayedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface RelayRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Default `ecs-core`. */
  hybridConnection?: string;
}

/** Sends an HTTP request through `emulator` (Send token of `ecs-core-send`, `/{hybridConnection}/…`). */
export function sendThroughRelay(emulator: RelayEmulator, path: string, init: RelayRequestInit = {}): Promise<RelayedResponse> {
  const hybridConnectionName = init.hybridConnection ?? "ecs-core";
  const rule = emulator.namespace.getRule("ecs-core-send");
  if (!rule) throw new Error("the emulator has no ecs-core-send policy");
  const token = createSasToken({ namespace: emulator.namespaceHost, hybridConnectionName, keyName: rule.name, key: rule.primaryKey });
  return new Promise((resolve, reject) => {
    const req = request(
      `http://${emulator.namespaceHost}/${hybridConnectionName}${path}`,
      { method: init.method ?? "GET", headers: { ServiceBusAuthorization: token, ...init.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

/**
 * Adds a registration through `host`'s GraphQL API as the admin; returns its id. Defaults: the emulator's Listen-only
 * policy (`listenConnectionString`) for hybrid connection `ecs-core`; `input` overrides.
 */
export async function addRegistration(host: TestHost, listenConnectionString: string, input: Record<string, unknown> = {}): Promise<string> {
  const { body } = await host.gql<{ addRelayRegistration: { id: string } }>(
    `mutation($input: AddRelayRegistrationInput!) { addRelayRegistration(input: $input) { id } }`,
    { input: { connectionString: listenConnectionString, hybridConnectionName: "ecs-core", ...input } },
  );
  if (!body.data) throw new Error(`addRelayRegistration failed: ${JSON.stringify(body.errors)}`);
  return body.data.addRelayRegistration.id;
}
