/**
 * A Lit reactive controller that keeps the Azure view (Azure column, recommendation, management access)
 * fresh while the tab is connected. Suspicions are evaluated by the server when asked and nothing polls
 * Azure in the background, so an open tab asks now and then — less often than the status refresh, since
 * each ask reaches Azure Resource Manager (rate-limited per subscription). Everything it starts stops in
 * `hostDisconnected`.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { AzureApi } from "../azure/azure-api";
import { AzureStore, type RaisedSuspicion } from "../azure/azure-store";
import type { GraphQLClient } from "../graphql-client";

/** How stale Azure's numbers may get in an open tab; a half-open suspicion shows within grace + this. */
export const AZURE_REFRESH_MS = 10_000;

export class AzureView implements ReactiveController {
  readonly api: AzureApi;
  readonly store: AzureStore;
  private stops: Array<() => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    client: GraphQLClient,
    /** A suspicion appeared on a row since the last answer (to announce). */
    private readonly onRaised: (raised: RaisedSuspicion) => void = () => undefined,
  ) {
    this.api = new AzureApi(client);
    this.store = new AzureStore(this.api);
    host.addController(this);
  }

  hostConnected(): void {
    this.stops.push(this.store.onChange(() => this.host.requestUpdate()));
    void this.reload();
    const timer = setInterval(() => {
      if (typeof document !== "undefined" && document.visibilityState === "hidden") return;
      void this.reload();
    }, AZURE_REFRESH_MS);
    this.stops.push(() => clearInterval(timer));
  }

  hostDisconnected(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /**
   * Asks again now (after any change that moves Azure's numbers). A failure keeps the last view: the Azure
   * column is extra information, and the registrations' own errors are shown by the live list.
   */
  async reload(): Promise<void> {
    try {
      for (const raised of await this.store.refresh()) this.onRaised(raised);
    } catch {
      /* keep the last view; the next tick tries again */
    }
  }
}
