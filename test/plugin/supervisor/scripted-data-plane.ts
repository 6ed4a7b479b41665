/**
 * An in-memory `DataPlanePort` for supervisor unit tests: records every command and lets the test play the worker
 * (emit `online`/`down`/`traffic`, crash). Our own interface, so scripting it is honest; the real worker is covered
 * by the integration test.
 */
import type { Disposable } from "../../../server/host/contract";
import { emptyTraffic } from "../../../server/plugin/supervisor/traffic-ledger";
import type { ListenerSpec, RelaySignal, TrafficSnapshot, WorkerCommand, WorkerEvent } from "../../../server/relay/protocol";
import type { DataPlanePort, DesiredListener } from "../../../server/plugin/supervisor";

export class ScriptedDataPlane implements DataPlanePort {
  readonly commands: WorkerCommand[] = [];
  readonly stopCalls: number[] = [];
  startCalls = 0;
  running = false;
  /** Make the next `start()` calls fail (worker that cannot boot). */
  failStarts = 0;
  private readonly eventHandlers = new Set<(event: WorkerEvent) => void>();
  private readonly exitHandlers = new Set<(code: number) => void>();

  async start(): Promise<void> {
    this.startCalls += 1;
    if (this.failStarts > 0) {
      this.failStarts -= 1;
      throw new Error("worker failed to boot");
    }
    this.running = true;
  }

  send(command: WorkerCommand): boolean {
    if (!this.running) return false;
    this.commands.push(command);
    return true;
  }

  onEvent(handler: (event: WorkerEvent) => void): Disposable {
    this.eventHandlers.add(handler);
    return { dispose: () => void this.eventHandlers.delete(handler) };
  }

  onExit(handler: (code: number) => void): Disposable {
    this.exitHandlers.add(handler);
    return { dispose: () => void this.exitHandlers.delete(handler) };
  }

  async stop(drainMs: number): Promise<void> {
    this.stopCalls.push(drainMs);
    this.running = false;
  }

  get subscribers(): number {
    return this.eventHandlers.size + this.exitHandlers.size;
  }

  emit(event: WorkerEvent): void {
    for (const handler of [...this.eventHandlers]) handler(event);
  }

  online(listenerId: string): void {
    this.emit({ type: "online", listenerId });
  }

  down(listenerId: string, signal?: RelaySignal): void {
    this.emit(signal ? { type: "down", listenerId, signal } : { type: "down", listenerId });
  }

  traffic(listenerId: string, traffic: Partial<TrafficSnapshot>): void {
    this.emit({ type: "traffic", listenerId, traffic: { ...emptyTraffic(), ...traffic } });
  }

  crash(code = 1): void {
    this.running = false;
    for (const handler of [...this.exitHandlers]) handler(code);
  }

  /** Every `start` command (optionally of one registration), oldest first. */
  starts(registrationId?: string): ListenerSpec[] {
    return this.commands
      .filter((c): c is Extract<WorkerCommand, { type: "start" }> => c.type === "start")
      .map((c) => c.listener)
      .filter((l) => registrationId === undefined || l.registrationId === registrationId);
  }

  /** The listener id of the latest `start` of a registration. */
  lastStart(registrationId: string): string {
    const starts = this.starts(registrationId);
    if (starts.length === 0) throw new Error(`no start for ${registrationId}`);
    return starts[starts.length - 1]!.listenerId;
  }

  /** Every `stop` command's listener id, oldest first. */
  stops(): string[] {
    return this.commands.flatMap((c) => (c.type === "stop" ? [c.listenerId] : []));
  }

  /** Index of a command in the log (for ordering assertions). */
  indexOf(predicate: (c: WorkerCommand) => boolean): number {
    return this.commands.findIndex(predicate);
  }
}


/** A desired listener with test defaults; the key is a recognisable fake so tests can assert it never leaks. */
export function desired(registrationId: string, overrides: Partial<DesiredListener> = {}): DesiredListener {
  const base: DesiredListener = {
    registrationId,
    enabled: true,
    namespace: "contoso.servicebus.windows.net",
    hybridConnectionName: "ecs-core",
    secure: true,
    keyName: "listen-rule",
    key: "FAKEKEY-old-0000000000000000000000000000000=",
    targetUrl: "http://127.0.0.1:8080/",
    settingsVersion: "v1",
  };
  return { ...base, ...overrides };
}
