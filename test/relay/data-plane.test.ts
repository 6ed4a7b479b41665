/** The main-thread handle on its own: failures of the worker itself. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataPlane } from "../../server/relay/data-plane";
import type { WorkerEvent } from "../../server/relay/protocol";

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "data-plane-test-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function workerFile(name: string, source: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

it("a worker that dies while loading: start() rejects, the error arrives as a fault, onExit reports the crash", async () => {
  const plane = new DataPlane({ workerFile: workerFile("broken.js", 'throw new Error("boom at load");') });
  const events: WorkerEvent[] = [];
  plane.onEvent((e) => events.push(e));
  const exited = new Promise<number>((resolve) => plane.onExit(resolve));
  await expect(plane.start()).rejects.toThrow(/exited with code 1 before it was ready/);
  expect(await exited).toBe(1);
  expect(events).toEqual([{ type: "fault", message: "data-plane worker died: boom at load" }]);
  expect(plane.state).toBe("idle");
});

it("a worker that never gets ready is terminated after readyTimeoutMs", async () => {
  const plane = new DataPlane({ workerFile: workerFile("silent.js", "setInterval(() => {}, 1000);"), readyTimeoutMs: 300 });
  await expect(plane.start()).rejects.toThrow(/not ready within 300 ms/);
  await new Promise<void>((resolve) => (plane.state === "idle" ? resolve() : plane.onExit(() => resolve())));
  expect(plane.state).toBe("idle");
});

it("stop() terminates a worker that ignores shutdown (after drainMs + exitGraceMs)", async () => {
  const source = 'const { parentPort } = require("node:worker_threads"); parentPort.postMessage({ type: "ready" }); parentPort.on("message", () => {});';
  const plane = new DataPlane({ workerFile: workerFile("stubborn.js", source), exitGraceMs: 200 });
  const crashes: number[] = [];
  plane.onExit((code) => crashes.push(code));
  await plane.start();
  expect(plane.state).toBe("running");
  await plane.stop(100); // resolves only once the worker is gone: a worker left running would hang the test
  expect(plane.state).toBe("stopped");
  expect(crashes).toEqual([]); // a requested stop is not a crash
  expect(plane.send({ type: "shutdown", drainMs: 0 })).toBe(false);
});
