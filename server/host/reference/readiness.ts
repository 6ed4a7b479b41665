/**
 * The reference host's readiness (contract 2.1 `health`): /ready is 200 only when the host is up and every plugin's
 * readiness check says ready; otherwise 503 with each check's report, so an operator sees what is not ready.
 */
import type { Disposable, HealthRegistry, Logger, ReadinessCheck } from "../contract";

/** One check's line in /ready's body. */
export interface ReadinessLine {
  check: string;
  ready: boolean;
  details?: unknown;
}

export interface ReadinessSummary {
  ready: boolean;
  checks: ReadinessLine[];
}

/** A check that does not answer within this counts as not ready (a hung check must not hang the load balancer). */
const CHECK_TIMEOUT_MS = 2_000;

export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly logger: Logger) {}

  /** The registry as plugin `pluginId` sees it: names are prefixed `<pluginId>/`, unique per host. */
  forPlugin(pluginId: string): HealthRegistry {
    return {
      registerReadinessCheck: (check): Disposable => {
        const key = `${pluginId}/${check.name}`;
        if (this.checks.has(key)) throw new Error(`readiness check ${key} is already registered`);
        this.checks.set(key, check);
        return { dispose: () => void (this.checks.get(key) === check && this.checks.delete(key)) };
      },
    };
  }

  /** Runs every check (concurrently, each bounded); `hostUp` false makes the host not ready whatever the checks say. */
  async summary(hostUp: boolean): Promise<ReadinessSummary> {
    const checks = await Promise.all([...this.checks].map(([name, check]) => this.run(name, check)));
    const lines: ReadinessLine[] = [{ check: "host", ready: hostUp, ...(hostUp ? {} : { details: "starting or stopping" }) }, ...checks];
    return { ready: lines.every((l) => l.ready), checks: lines };
  }

  private async run(name: string, check: ReadinessCheck): Promise<ReadinessLine> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)));
      const report = await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
      return { check: name, ready: report.ready === true, ...(report.details === undefined ? {} : { details: report.details }) };
    } catch (error) {
      this.logger.warn("readiness check failed", { check: name, message: String(error) });
      return { check: name, ready: false, details: "the check failed; see the host log" };
    } finally {
      clearTimeout(timer);
    }
  }
}
