/**
 * The two stand-ins `npm start` and `npm run farm` run beside the host(s): the sample web service (ECS Core's web
 * services) and the local relay emulator with its Azure Resource Manager surface. The emulator's keys are pinned in
 * `dataDir`, and hybrid connections and rules created while running are saved there, so registrations survive restarts.
 * Ports: SAMPLE_SERVICE_PORT (8080), RELAY_EMULATOR_PORT (9351); 0 picks a free one.
 */
import { resolve } from "node:path";
import { startEmulator, type RelayEmulator } from "../../server/emulator";
import { saveNamespaceOnChange } from "../../server/emulator/namespace-snapshot";
import { startSampleService, type SampleService } from "../../server/sample-service/sample-service";
import { EMULATOR_CONFIG_FILE, loadOrCreateEmulatorConfig } from "./emulator-config";
import type { RunningParts } from "./running-parts";

export interface DemoServices {
  sample: SampleService;
  emulator: RelayEmulator;
}

/** Starts both (each added to `running` as soon as it runs). */
export async function startDemoServices(dataDir: string, running: RunningParts, env: NodeJS.ProcessEnv = process.env): Promise<DemoServices> {
  const sample = running.add(await startSampleService(Number(env.SAMPLE_SERVICE_PORT ?? 8080)));
  const emulator = running.add(await startEmulator({ port: Number(env.RELAY_EMULATOR_PORT ?? 9351), config: loadOrCreateEmulatorConfig(dataDir), arm: true }));
  saveNamespaceOnChange(emulator.namespace, resolve(dataDir, EMULATOR_CONFIG_FILE), (error) => console.error(`could not save the emulator namespace: ${(error as Error).message}`));
  return { sample, emulator };
}
