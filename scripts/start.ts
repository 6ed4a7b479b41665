/**
 * `npm start`: the whole product on one machine — the local Azure Relay emulator, the sample web service standing in for
 * ECS Core's web services, and the reference host with the Azure Relay plugin. On the first start on a data folder it
 * pins the emulator's keys and keeps its hybrid connections (so registrations survive restarts) and adds a registration a newcomer can try at once.
 * Ports: PORT (host, 4000), RELAY_EMULATOR_PORT (9351), SAMPLE_SERVICE_PORT (8080) — so several copies can run side by side.
 * `npm run farm` (scripts/farm.ts) is the same with Redis and two hosts.
 */
import "reflect-metadata";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { startReferenceHost } from "../server/host/reference/host";
import { addDemoRegistrationOnce } from "./start/demo-registration";
import { configureEmulatorManagementAccess } from "./start/emulator-management";
import { printBanner } from "./start/banner";
import { RunningParts } from "./start/running-parts";
import { startDemoServices } from "./start/demo-services";

const running = new RunningParts("host, emulator and sample service");

async function main(): Promise<void> {
  const dataDir = resolve(process.env.ECS_DATA_DIR ?? "./data");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { sample, emulator } = await startDemoServices(dataDir, running);
  const host = running.add(await startReferenceHost({ env: { ...process.env, ECS_DATA_DIR: dataDir, ECS_DEFAULT_TARGET_URL: sample.url } }));
  if (running.stopping) return;
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
