/** One timed drop: fault injection on the emulator, then ONLINE again (pushed status) and first relayed success. */
import http from "node:http";
import { dropListeners, relayRequest, type EmulatorChild } from "../lib/stack";
import { nowMs, type StatusWatch } from "../lib/status-watch";

export interface DropTimes {
  /** Seconds from the drop to the ONLINE event; NaN if it did not come within the timeout. */
  online: number;
  /** Seconds from the drop to the first 200 through the relay; NaN on timeout. */
  success: number;
}

const PER_DROP_TIMEOUT_MS = 40_000;

export async function dropOnce(emulator: EmulatorChild, watch: StatusWatch, hc: string, registrationId: string): Promise<DropTimes> {
  const t0 = nowMs();
  const dropped = await dropListeners(emulator, hc);
  if (dropped < 1) throw new Error(`the emulator had no listener on ${hc} to drop`);
  const [online, success] = await Promise.all([
    // ONLINE again = an ONLINE event of this registration that leaves another state, after the drop.
    watch
      .next(t0, (e) => e.registrationId === registrationId && e.state === "ONLINE" && e.previousState !== "ONLINE", PER_DROP_TIMEOUT_MS)
      .then((e) => (e ? (e.atMs - t0) / 1000 : Number.NaN)),
    firstSuccess(emulator, hc, t0),
  ]);
  return { online, success };
}

async function firstSuccess(emulator: EmulatorChild, hc: string, t0: number): Promise<number> {
  const { url, headers } = relayRequest(emulator, hc, "/bytes?n=16");
  while (nowMs() - t0 < PER_DROP_TIMEOUT_MS) {
    if ((await status(url, headers)) === 200) return (nowMs() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 10));
  }
  return Number.NaN;
}

function status(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { headers, agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}
