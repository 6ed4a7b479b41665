/**
 * Which listener generations of one registration exist on the worker, and in which role — the slot's lifecycle as
 * data (`Phase`). At most three kinds exist at once:
 * - `active`: the one serving (or trying to);
 * - `swap`: a second generation brought up beside it so the relay always has a listener (listener-swap.ts);
 * - `retiring`: listeners told to stop, draining in-flight requests, until the worker reports them `down`.
 * It starts, stops and re-roles listeners and keeps their traffic; deciding when, and the status, is the slot's.
 */
import { assertNever } from "../../relay/assert-never";
import type { RelayPluginError } from "../errors";
import type { WorkerCommand } from "../../relay/protocol";
import { toListenerSpec, type DesiredListener, type Timers } from "./data-plane-port";
import { ListenerSwap, type LiveListener, type SwapPolicy, type SwapSettle, type SwapSite } from "./listener-swap";
import { RetiringListeners } from "./retiring-listeners";
import { TrafficLedger } from "./traffic-ledger";

/** What the generations need from the supervisor. */
export interface GenerationsContext {
  readonly timers: Timers;
  readonly drainMs: number;
  readonly rotationTimeoutMs: number;
  /** Sends a command; false when the worker is down. */
  send(command: WorkerCommand): boolean;
  newListenerId(registrationId: string): string;
}

/** What runs. Listeners told to stop are apart, in `retiring`, until the worker reports them down. */
type Phase =
  /** Nothing runs: disabled, removed, waiting for a retry, or the worker is down. */
  | { name: "idle" }
  /** One generation serves (or is connecting). */
  | { name: "serving"; active: LiveListener }
  /** A second generation is coming up beside the active one (which may be absent while retrying). */
  | { name: "swapping"; active: LiveListener | null; swap: ListenerSwap };

export class ListenerGenerations {
  readonly traffic = new TrafficLedger();
  private phase: Phase = { name: "idle" };
  private readonly retiring: RetiringListeners;
  private readonly swapSite: SwapSite;

  constructor(
    private readonly registrationId: string,
    private readonly ctx: GenerationsContext,
    /** Called each time a retiring listener is gone (down, or given up on). */
    onRetired: () => void,
  ) {
    this.retiring = new RetiringListeners(ctx.send, ctx.timers, ctx.drainMs, (id) => {
      this.traffic.retire(id);
      onRetired();
    });
    this.swapSite = {
      timers: ctx.timers,
      rotationTimeoutMs: ctx.rotationTimeoutMs,
      launch: (desired) => this.launch(desired),
      retire: (live) => this.retire(live),
      forgetTraffic: (id) => this.traffic.retire(id),
    };
  }

  /** The active listener, in any phase (null when none). */
  get active(): LiveListener | null {
    const phase = this.phase;
    switch (phase.name) {
      case "idle":
        return null;
      case "serving":
      case "swapping":
        return phase.active;
      default:
        return assertNever(phase, "listener phase");
    }
  }

  /** The swap under way, if any. */
  get swap(): ListenerSwap | null {
    return this.phase.name === "swapping" ? this.phase.swap : null;
  }

  /** True when nothing runs and nothing drains. */
  get stopped(): boolean {
    return this.phase.name === "idle" && !this.draining;
  }

  /** True while listeners told to stop are still draining. */
  get draining(): boolean {
    return this.retiring.size > 0;
  }

  /** The role of one of our listeners (retiring ones are not asked about: see `retiredDown`). */
  roleOf(listenerId: string): "active" | "swap" | null {
    if (this.swap?.live.id === listenerId) return "swap";
    return this.active?.id === listenerId ? "active" : null;
  }

  /** A retiring listener reported `down`; true if it was one. */
  retiredDown(listenerId: string): boolean {
    return this.retiring.down(listenerId);
  }

  /** Starts `desired` as the active listener; false (nothing started) when the worker is down. */
  launchActive(desired: DesiredListener): boolean {
    const live = this.launch(desired);
    if (live) this.setActive(live);
    return live !== null;
  }

  /** The active listener is online: its traffic becomes the current latency source. */
  activeOnline(): void {
    const active = this.active!;
    active.online = true;
    this.traffic.setCurrent(active.id);
  }

  /** The active listener went down on its own: forgets it and returns it. */
  activeDown(): LiveListener {
    const active = this.active!;
    this.traffic.retire(active.id);
    this.setActive(null);
    return active;
  }

  /** Drains and stops the active listener, if any. */
  retireActive(): void {
    const active = this.active;
    if (active) this.retire(active);
    this.setActive(null);
  }

  /** Brings `next` up beside the active listener (none under way: cancel first). Settles at once if no worker. */
  beginSwap(next: DesiredListener, policy: SwapPolicy, settle: SwapSettle): void {
    const swap = ListenerSwap.begin(this.swapSite, next, policy, settle, () => this.takeSwap().timedOut());
    if (swap) this.phase = { name: "swapping", active: this.active, swap };
  }

  /** Ends the swap phase, keeping the active listener; the caller ends the returned swap. */
  takeSwap(): ListenerSwap {
    const phase = this.phase;
    if (phase.name !== "swapping") throw new Error(`No listener swap under way (phase ${phase.name}).`);
    this.phase = phase.active ? { name: "serving", active: phase.active } : { name: "idle" };
    return phase.swap;
  }

  /** Stops the swap's listener and tells its caller why. */
  cancelSwap(error: RelayPluginError): void {
    this.takeSwap().cancel(error);
  }

  /** The swap's listener is online: it becomes the active one, the old one drains. The caller settles the swap. */
  promoteSwap(): ListenerSwap {
    const swap = this.takeSwap();
    this.retireActive();
    this.phase = { name: "serving", active: { ...swap.live, online: true } };
    this.traffic.setCurrent(swap.live.id);
    return swap;
  }

  /** The old listener is gone during an adopt-new swap: the new one, still connecting, becomes the active one. */
  adoptSwap(): void {
    const swap = this.takeSwap();
    this.phase = { name: "serving", active: swap.live };
    swap.switched();
  }

  /** The worker is gone, and every listener with it; a swap under way is abandoned with `swapError`. */
  dropEverything(swapError: RelayPluginError): void {
    const active = this.active;
    const swap = this.swap ? this.takeSwap() : null;
    if (active) this.traffic.retire(active.id);
    this.phase = { name: "idle" };
    swap?.abandon(swapError);
    this.retiring.clear();
  }

  private setActive(active: LiveListener | null): void {
    const phase = this.phase;
    if (phase.name === "swapping") this.phase = { name: "swapping", active, swap: phase.swap };
    else this.phase = active ? { name: "serving", active } : { name: "idle" };
  }

  private launch(desired: DesiredListener): LiveListener | null {
    const id = this.ctx.newListenerId(this.registrationId);
    if (!this.ctx.send({ type: "start", listener: toListenerSpec(id, desired) })) return null;
    return { id, desired, online: false };
  }

  private retire(live: LiveListener): void {
    if (!this.retiring.retire(live.id)) this.traffic.retire(live.id);
  }
}
