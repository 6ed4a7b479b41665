/**
 * `npm start`: the whole product on one machine — the local Azure Relay emulator, the sample web service standing in for
 * ECS Core's web services, and the reference host with the Azure Relay plugin. On the first start on a data folder it
 * pins the emulator's keys and keeps its hybrid connections (so registrations survive restarts) and adds a registration a newcomer can try at once.
 * Ports: PORT (host, 4000), RELAY_EMULATOR_PORT (9351), SAMPLE_SERVICE_PORT (8080) — so several copies can run side by side.
 */
import "reflect-metadata";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { startEmulator } from "../server/emulator";
import { startReferenceHost } from "../server/host/reference/host";
import { startSampleService } from "../server/sample-service/sample-service";
import { EMULATOR_CONFIG_FILE, loadOrCreateEmulatorConfig } from "./start/emulator-config";
import { saveNamespaceOnChange } from "../server/emulator/namespace-snapshot";
import { addDemoRegistrationOnce } from "./start/demo-registration";
import { configureEmulatorManagementAccess } from "./start/emulator-management";
import { printBanner } from "./start/banner";

/** Everything started so far, stopped in reverse order. */
const running: Array<{ stop(): Promise<void> }> = [];
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping host, emulator and sample service…`);
  for (const part of running.reverse()) await part.stop().catch(() => undefined);
  process.exit(0);
}

async function main(): Promise<void> {
  // Handlers first: a signal during start-up must still stop cleanly what is already running.
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  const dataDir = resolve(process.env.ECS_DATA_DIR ?? "./data");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const samplePort = Number(process.env.SAMPLE_SERVICE_PORT ?? 8080);
  const emulatorPort = Number(process.env.RELAY_EMULATOR_PORT ?? 9351);

  const sample = await startSampleService(samplePort);
  running.push(sample);
  const emulator = await startEmulator({ port: emulatorPort, config: loadOrCreateEmulatorConfig(dataDir), arm: true });
  running.push(emulator);
  // Hybrid connections and rules created while running (admin API, ARM) are kept with the keys in the data folder.
  saveNamespaceOnChange(emulator.namespace, resolve(dataDir, EMULATOR_CONFIG_FILE), (error) => console.error(`could not save the emulator namespace: ${(error as Error).message}`));
  const host = await startReferenceHost({ env: { ...process.env, ECS_DATA_DIR: dataDir, ECS_DEFAULT_TARGET_URL: sample.url } });
  running.push(host);
  if (stopping) return;
  const demo = await addDemoRegistrationOnce(host, emulator);
  const managed = await configureEmulatorManagementAccess(host, emulator);
  printBanner({ host, emulator, sample, demo });
  if (managed) console.log(`Management access for ${emulator.namespaceHost} goes through the emulator's Azure Resource Manager at ${emulator.arm?.url}: the Azure column is live.`);
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error("If a port is taken, set PORT, RELAY_EMULATOR_PORT or SAMPLE_SERVICE_PORT to free ones.");
  process.exit(1);
});
