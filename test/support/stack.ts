/**
 * The whole product on one machine for end-to-end tests: the local relay emulator, the sample web service, and the
 * reference host with the Azure Relay plugin, each on a free port. Start once per test file; `stop()` closes all.
 */
import type { RelayEmulator } from "../../server/emulator";
import { startSampleService, type SampleService } from "../../server/sample-service/sample-service";
import { connectionStringOf, startTestEmulator } from "./emulator";
import { startTestHost, type TestHost } from "./host";
import { eventually } from "./eventually";
import { addRegistration, sendThroughRelay, type RelayedResponse, type RelayRequestInit } from "./relay-client";

export type { RelayedResponse } from "./relay-client";

export interface RelayStack {
  host: TestHost;
  emulator: RelayEmulator;
  sample: SampleService;
  /** The emulator's Listen-only policy for `ecs-core` (what an admin should paste). */
  listenConnectionString: string;
  sendConnectionString: string;
  rootConnectionString: string;
  /** Sends an HTTP request through the relay as a cloud client would (Send token, `/{hybridConnection}/…`). */
  sendThroughRelay(path: string, init?: RelayRequestInit): Promise<RelayedResponse>;
  /** Adds a registration through GraphQL as the admin; returns its id. */
  addRegistration(input?: Record<string, unknown>): Promise<string>;
  /** Polls the API until the registration's listener reaches `state`. */
  waitForState(id: string, state: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface RelayStackOptions {
  hostEnv?: Record<string, string>;
  pluginDirs?: string[];
  /** Also serve the emulator's Azure Resource Manager surface (`emulator.arm`: url, caCert, coordinates). Default false. */
  arm?: boolean;
}

export async function startRelayStack(options: RelayStackOptions = {}): Promise<RelayStack> {
  const emulator = await startTestEmulator(options.arm ? { arm: true } : {});
  const sample = await startSampleService();
  // RELAY_TEST_ENGINE=native|hyco-https runs the stack's listeners on that engine (setting azure-relay.engine).
  const engine: Record<string, string> = process.env.RELAY_TEST_ENGINE ? { ECS_PLUGIN_AZURE_RELAY_ENGINE: process.env.RELAY_TEST_ENGINE } : {};
  const host = await startTestHost({ pluginDirs: options.pluginDirs, env: { ECS_DEFAULT_TARGET_URL: sample.url, ...engine, ...options.hostEnv } });
  const find = (policy: string): string => connectionStringOf(emulator, policy);
  const stack: RelayStack = {
    host,
    emulator,
    sample,
    listenConnectionString: find("ecs-core-listen"),
    sendConnectionString: find("ecs-core-send"),
    rootConnectionString: find("RootManageSharedAccessKey"),
    sendThroughRelay: (path, init = {}) => sendThroughRelay(emulator, path, init),
    addRegistration: (input = {}) => addRegistration(host, stack.listenConnectionString, input),
    waitForState: (id, state, timeoutMs) => waitForState(host, id, state, timeoutMs),
    stop: async () => {
      await host.stop();
      await emulator.stop();
      await sample.stop();
    },
  };
  return stack;
}

export async function waitForState(host: TestHost, id: string, state: string, timeoutMs = 10_000): Promise<void> {
  let last = "";
  const reached = await eventually(async () => {
    const { body } = await host.gql(`query($id: ID!) { relayRegistration(id: $id) { status { state lastError { code message } } } }`, { id });
    const status = (body as { data?: { relayRegistration?: { status: { state: string } } } }).data?.relayRegistration?.status;
    last = JSON.stringify(status);
    return status?.state === state;
  }, timeoutMs, 50);
  if (!reached) throw new Error(`registration ${id} did not reach ${state} within ${timeoutMs} ms (last: ${last})`);
}

/**
 * One stack per test file with one registration ONLINE (default input): starts it before the file's tests and
 * stops it after them. Read `stack` and `registrationId` inside tests (they are set once `beforeAll` ran).
 */
export function useStackWithOnlineRegistration(options?: RelayStackOptions): { readonly stack: RelayStack; readonly registrationId: string } {
  const rig = {} as { stack: RelayStack; registrationId: string };
  beforeAll(async () => {
    rig.stack = await startRelayStack(options);
    rig.registrationId = await rig.stack.addRegistration();
    await rig.stack.waitForState(rig.registrationId, "ONLINE");
  }, 30_000);
  afterAll(async () => {
    await rig.stack?.stop();
  });
  return rig;
}
