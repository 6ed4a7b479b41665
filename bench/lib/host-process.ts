/**
 * Child entry: the reference host with the Azure Relay plugin (its data-plane worker is a thread of this process,
 * so /proc/<pid> figures include it). A fresh temp data dir per start, removed at exit, unless BENCH_DATA_DIR; the target comes from the
 * parent as ECS_DEFAULT_TARGET_URL. Reports the URL and the admin token over IPC (never printed).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startReferenceHost } from "../../server/host/reference/host";
import { gcHandler, memoryHandler, serveChild } from "./child-ipc";
import { startWindowProfile, stopWindowProfile } from "./window-profile";

export interface HostInfo {
  url: string;
  adminToken: string;
}

/** Variables of the developer's shell that must not leak into the measured host. */
const HOST_ENV = /^(PORT|HOST|ECS_.*|SAMPLE_SERVICE_PORT)$/;

/** What the parent may send over IPC (never the environment: it may hold a key). */
interface HostChildConfig {
  /** Host variables set last, e.g. a farm's ECS_STORE_URL, ECS_SECRET_KEY and ECS_HOST_ID (farm-hosts.ts). */
  env?: Record<string, string>;
}

void serveChild<HostInfo>(async (config) => {
  const target = process.env.ECS_DEFAULT_TARGET_URL;
  if (!target) throw new Error("ECS_DEFAULT_TARGET_URL is required");
  // BENCH_DATA_DIR: a folder the parent owns (kept at exit), so a second host can start over the same registrations.
  const ownDir = !process.env.BENCH_DATA_DIR;
  const dataDir = process.env.BENCH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "ecs-bench-host-"));
  const removeDir = () => ownDir && fs.rmSync(dataDir, { recursive: true, force: true });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !HOST_ENV.test(k)));
  try {
    const host = await startReferenceHost({
      env: {
        ...env,
        PORT: "0",
        HOST: "127.0.0.1",
        ECS_DATA_DIR: dataDir,
        ECS_HOST_ID: "bench-host",
        ECS_DEFAULT_TARGET_URL: target,
        // BENCH_ENGINE: the relay engine of this host's listeners (setting azure-relay.engine).
        ...(process.env.BENCH_ENGINE ? { ECS_PLUGIN_AZURE_RELAY_ENGINE: process.env.BENCH_ENGINE } : {}),
        // BENCH_MAX_BODY_BYTES: the upload limit (setting azure-relay.maxBodyBytes; 0 = none, for 1 GiB uploads).
        ...(process.env.BENCH_MAX_BODY_BYTES ? { ECS_PLUGIN_AZURE_RELAY_MAXBODYBYTES: process.env.BENCH_MAX_BODY_BYTES } : {}),
        ...(config as HostChildConfig | null)?.env,
        // BENCH_JOURNAL: on|off, the request journal and the metrics counted from it (setting azure-relay.journal).
        ...(process.env.BENCH_JOURNAL ? { ECS_PLUGIN_AZURE_RELAY_JOURNAL: process.env.BENCH_JOURNAL } : {}),
      },
      // Warnings and errors only: per-request logging would be measured as plugin cost it is not.
      log: { level: "warn", format: "json", write: (line: string) => void process.stderr.write(`${line}\n`) },
      buildComponents: false,
    });
    const cleanup = async () => {
      await host.stop();
      removeDir();
    };
    return { info: { url: host.url, adminToken: host.adminToken }, handlers: { memory: memoryHandler, gc: gcHandler, profileStart: startWindowProfile, profileStop: stopWindowProfile }, cleanup };
  } catch (error) {
    removeDir();
    throw error;
  }
});
