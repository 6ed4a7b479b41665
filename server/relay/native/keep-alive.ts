/**
 * Liveness of the control channel (issue 10 item 4). hyco-https sends unsolicited pongs and never learns that a
 * connection went silent (a half-open TCP link, a load balancer that stopped forwarding). We ping every
 * `intervalMs`; a ping still unanswered when the next one is due means the relay is gone: `dead` is called once
 * (the caller terminates the socket and reports). Any frame from the relay also counts as a sign of life.
 */
import type WebSocket from "ws";

export class KeepAlive {
  private timer?: NodeJS.Timeout;
  private awaitingPong = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly intervalMs: number,
    private readonly dead: (silentMs: number) => void,
  ) {}

  start(): void {
    this.ws.on("pong", this.alive);
    this.ws.on("message", this.alive);
    this.timer = setInterval(this.tick, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.ws.off("pong", this.alive);
    this.ws.off("message", this.alive);
  }

  private readonly alive = (): void => {
    this.awaitingPong = false;
  };

  private readonly tick = (): void => {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.awaitingPong) {
      this.stop();
      return this.dead(this.intervalMs);
    }
    this.awaitingPong = true;
    try {
      this.ws.ping();
    } catch {
      // the socket is closing: its close event reports
    }
  };
}
