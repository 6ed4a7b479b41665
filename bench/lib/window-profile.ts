/**
 * A CPU profile of one window of a child's main thread (node:inspector), started and stopped over IPC — so a
 * profile shows the list calls alone instead of the whole life of the host (boot, adds, …) as --cpu-prof does.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { Session } from "node:inspector";
import { WorkerProfiler } from "./worker-profile";

let session: Session | undefined;
let workers: WorkerProfiler | undefined;

function post(s: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => s.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
}

export async function startWindowProfile(): Promise<boolean> {
  if (session) return false;
  session = new Session();
  session.connect();
  await post(session, "Profiler.enable");
  await post(session, "Profiler.setSamplingInterval", { interval: 200 });
  await post(session, "Profiler.start");
  workers = new WorkerProfiler();
  await workers.start();
  return true;
}

/** Stops the window and writes `file` (.cpuprofile, loadable in Chrome DevTools) and `file`-worker-N for each worker thread; returns the paths. */
export async function stopWindowProfile(file: unknown): Promise<string> {
  const s = session;
  if (!s) throw new Error("no window profile running");
  session = undefined;
  const { profile } = (await post(s, "Profiler.stop")) as { profile: unknown };
  s.disconnect();
  const target = String(file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(profile));
  const written = [target];
  const perWorker = (await workers?.stop()) ?? [];
  workers = undefined;
  perWorker.forEach((w, i) => {
    const file = target.replace(/\.cpuprofile$/, `-worker-${i}.cpuprofile`);
    writeFileSync(file, JSON.stringify(w.profile));
    written.push(file);
  });
  return written.join(", ");
}
