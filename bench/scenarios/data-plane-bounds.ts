/**
 * Scenario 6: the data plane's time bounds, measured here instead of asserted in tests (a shared machine makes a
 * timed assertion flaky; the tests assert the behaviour). The data plane runs in this process (its worker thread)
 * against the shared emulator and target: a relayed request slower than `targetTimeoutMs` (300 ms) → seconds to
 * its 504; a stop with `drainMs` 200 while a 10 s request is in flight → seconds to `down`; a worker that ignores
 * shutdown → seconds for `stop(100)` with `exitGraceMs` 200. The limits are the generous ones the tests had.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataPlane } from "../../server/relay/data-plane";
import type { ListenerSpec, WorkerEvent } from "../../server/relay/protocol";
import { goalRow, type BenchContext, type Scenario, type ScenarioOutput } from "../lib/scenario";
import { addHybridConnections, relayRequest } from "../lib/stack";

const S = "6. data-plane bounds";
const HC = "bench-bounds";

export const dataPlaneBounds: Scenario = { id: "bounds", title: S, run };

async function run(ctx: BenchContext): Promise<ScenarioOutput> {
  await addHybridConnections(ctx.emulator, [HC]);
  const plane = new DataPlane();
  const events: WorkerEvent[] = [];
  plane.onEvent((e) => events.push(e));
  await plane.start();
  try {
    const timeoutS = await secondsTo504(ctx, plane, events);
    const stopS = await secondsToStopWithRequestInFlight(ctx, plane, events);
    const stubbornS = await secondsToStopStubbornWorker();
    return {
      metrics: { "bounds.targetTimeout504S": timeoutS, "bounds.stopDrainCutS": stopS, "bounds.stubbornWorkerStopS": stubbornS },
      rows: [
        goalRow(S, "relayed GET slower than targetTimeoutMs (300 ms): s to the 504", timeoutS, { op: "<", limit: 3, unit: "s" }),
        goalRow(S, "stop (drainMs 200) with a 10 s request in flight: s to down", stopS, { op: "<", limit: 2, unit: "s" }),
        goalRow(S, "stop(100) of a worker ignoring shutdown (exitGraceMs 200): s", stubbornS, { op: "<", limit: 2, unit: "s" }),
      ],
    };
  } finally {
    await plane.stop(1000);
  }
}

let generation = 0;
function spec(ctx: BenchContext): ListenerSpec {
  const { namespaceHost, listen } = ctx.emulator.info;
  generation++;
  return { listenerId: `bounds#${generation}`, registrationId: "bounds", namespace: namespaceHost, hybridConnectionName: HC, secure: false, ...listen, targetUrl: ctx.target.info.url };
}

function waitForEvent(events: WorkerEvent[], test: (e: WorkerEvent) => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (events.some(test)) return resolve();
      if (Date.now() > deadline) return reject(new Error(`no matching data-plane event within ${timeoutMs} ms`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

async function online(ctx: BenchContext, plane: DataPlane, events: WorkerEvent[]): Promise<ListenerSpec> {
  const listener = spec(ctx);
  plane.send({ type: "start", listener });
  await waitForEvent(events, (e) => e.type === "online" && e.listenerId === listener.listenerId);
  return listener;
}

async function secondsTo504(ctx: BenchContext, plane: DataPlane, events: WorkerEvent[]): Promise<number> {
  plane.send({ type: "configure", options: { targetTimeoutMs: 300 } });
  const listener = await online(ctx, plane, events);
  try {
    const { url, headers } = relayRequest(ctx.emulator, HC, "/slow?ms=5000");
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== 504) throw new Error(`expected 504, got ${response.status}`);
    return (performance.now() - started) / 1000;
  } finally {
    plane.send({ type: "configure", options: { targetTimeoutMs: 60_000 } });
    plane.send({ type: "stop", listenerId: listener.listenerId, drainMs: 0 });
    await waitForEvent(events, (e) => e.type === "down" && e.listenerId === listener.listenerId);
  }
}

async function secondsToStopWithRequestInFlight(ctx: BenchContext, plane: DataPlane, events: WorkerEvent[]): Promise<number> {
  const listener = await online(ctx, plane, events);
  const { url, headers } = relayRequest(ctx.emulator, HC, "/slow?ms=10000");
  const pending = fetch(url, { headers }).then((r) => r.arrayBuffer(), () => undefined);
  // The listener has the request once its traffic counts it (reported about once a second).
  await waitForEvent(events, (e) => e.type === "traffic" && e.listenerId === listener.listenerId && e.traffic.requests > 0);
  const started = performance.now();
  plane.send({ type: "stop", listenerId: listener.listenerId, drainMs: 200 });
  await waitForEvent(events, (e) => e.type === "down" && e.listenerId === listener.listenerId);
  const seconds = (performance.now() - started) / 1000;
  await pending;
  return seconds;
}

async function secondsToStopStubbornWorker(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bounds-"));
  const file = path.join(dir, "stubborn.js");
  fs.writeFileSync(file, 'const { parentPort } = require("node:worker_threads"); parentPort.postMessage({ type: "ready" }); parentPort.on("message", () => {});');
  try {
    const plane = new DataPlane({ workerFile: file, exitGraceMs: 200 });
    await plane.start();
    const started = performance.now();
    await plane.stop(100);
    return (performance.now() - started) / 1000;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
