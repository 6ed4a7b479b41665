/**
 * Make before break: a second listener generation brought up beside the active one (key rotation, settings change,
 * restart), so the relay always has a listener. A `ListenerSwap` owns that second generation from launch until it
 * is online (switched), refused by the relay, timed out, cancelled or abandoned, and settles the caller waiting
 * for it exactly once. What happens to the active listener meanwhile is the slot's business (listener-slot.ts).
 */
import { RelayPluginError } from "../errors";
import type { DesiredListener, TimerHandle, Timers } from "./data-plane-port";
import { rotationTimedOut } from "./failure-classification";
import type { RelayError } from "./relay-status";

/** One listener generation started on the worker. */
export interface LiveListener {
  id: string;
  desired: DesiredListener;
  online: boolean;
}

/**
 * `keep-old`: if the new generation fails the old one serves on (key rotation, restart) — bounded by a timeout.
 * `adopt-new`: the new settings win anyway (a settings change); the slot falls back to plain retries with them.
 */
export type SwapPolicy = "keep-old" | "adopt-new";

/** Tells the waiting caller how the swap ended: null when switched, else why not. */
export type SwapSettle = (error: RelayPluginError | null) => void;

/** What a swap needs of its slot. */
export interface SwapSite {
  readonly timers: Timers;
  /** How long a `keep-old` swap may take to come online before it is given up. */
  readonly rotationTimeoutMs: number;
  /** Starts a listener on the worker; null when the worker is down. */
  launch(desired: DesiredListener): LiveListener | null;
  /** Asks the worker to drain and stop a listener. */
  retire(live: LiveListener): void;
  /** Drops a listener's traffic generation from the live counters (it is gone). */
  forgetTraffic(listenerId: string): void;
}

export class ListenerSwap {
  private timer: TimerHandle | null = null;

  private constructor(
    readonly live: LiveListener,
    readonly policy: SwapPolicy,
    private readonly site: SwapSite,
    private readonly settle: SwapSettle,
  ) {}

  /**
   * Launches `next` as a new generation. Null (the caller already settled with RELAY_REFUSED) when the worker is
   * down. A `keep-old` swap calls `onTimeout` if it is not online within the site's rotation timeout.
   */
  static begin(site: SwapSite, next: DesiredListener, policy: SwapPolicy, settle: SwapSettle, onTimeout: () => void): ListenerSwap | null {
    const live = site.launch(next);
    if (!live) {
      settle(new RelayPluginError("RELAY_REFUSED", "The relay data plane is restarting; try again in a moment."));
      return null;
    }
    const swap = new ListenerSwap(live, policy, site, settle);
    if (policy === "keep-old") {
      swap.timer = site.timers.setTimeout(() => {
        swap.timer = null;
        onTimeout();
      }, site.rotationTimeoutMs);
    }
    return swap;
  }

  /** The new generation took over (online, or adopted as the active listener). */
  switched(): void {
    this.end(null);
  }

  /** The relay refused the new generation (it reported `down` before it was online). */
  failed(error: RelayError): void {
    this.site.forgetTraffic(this.live.id);
    // The relay's reason by code + params (relayErrorCode: a RelayError code), so a client says it in its language.
    const params = { ...(error.params ?? {}), relayErrorCode: error.code };
    this.end(new RelayPluginError("RELAY_REFUSED", `Not switched; the current listener keeps serving. ${error.message} ${error.advice}`, undefined, { params }));
  }

  /** Not online in time: the new generation is stopped and the change refused. */
  timedOut(): void {
    this.site.retire(this.live);
    this.failed(rotationTimedOut(this.site.rotationTimeoutMs));
  }

  /** Superseded (another change, restart, disable): the new generation is stopped, the caller told why. */
  cancel(error: RelayPluginError): void {
    this.site.retire(this.live);
    this.end(error);
  }

  /** The worker is gone (crash or stop), and the new generation with it. */
  abandon(error: RelayPluginError): void {
    this.site.forgetTraffic(this.live.id);
    this.end(error);
  }

  private end(error: RelayPluginError | null): void {
    if (this.timer !== null) this.site.timers.clearTimeout(this.timer);
    this.timer = null;
    this.settle(error);
  }
}
