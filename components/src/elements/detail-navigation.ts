/**
 * A Lit reactive controller holding which registration's detail is open, in step with the page's URL
 * (`?registration=<id>`, see overview/detail-route.ts): read at connect and on Back / Forward, written (as a new
 * history entry) when the tab opens or closes a detail. The popstate listener stops with the host.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { detailHref, detailIdOf } from "../overview/detail-route";

export class DetailNavigation implements ReactiveController {
  /** The registration whose detail is open, or null for the overview. */
  id: string | null = null;
  private readonly onPopState = () => this.follow();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
    window.addEventListener("popstate", this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener("popstate", this.onPopState);
  }

  /** Opens `id`'s detail (a history entry, unless it is open already). */
  open(id: string): void {
    if (this.id !== id) window.history.pushState(null, "", detailHref(id));
    this.set(id);
  }

  /** Back to the overview; returns the id that was open. */
  close(): string | null {
    const id = this.id;
    if (id !== null) window.history.pushState(null, "", detailHref(null));
    this.set(null);
    return id;
  }

  private follow(): void {
    this.set(detailIdOf(window.location.search));
  }

  private set(id: string | null): void {
    this.id = id;
    this.host.requestUpdate();
  }
}
