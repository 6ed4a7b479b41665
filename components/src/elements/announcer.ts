/**
 * What the tab says through its polite live region. Messages arriving together (e.g. "added" and "Online")
 * are joined rather than overwriting each other before a screen reader reads them; the region is emptied
 * first so a repeated message is read again. A Lit reactive controller: its timer stops with the host.
 */

/**
 * The part of Lit's ReactiveControllerHost this uses. Structural, so the module imports nothing from Lit
 * (ESM-only) and jest can load it.
 */
export interface ControllerHost {
  addController(controller: { hostDisconnected?(): void }): void;
  requestUpdate(): void;
}

/** Messages closer together than this are announced as one. */
export const ANNOUNCE_BATCH_MS = 250;

export class Announcer {
  /** The live region's current text. */
  text = "";
  private readonly pending: string[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ControllerHost) {
    host.addController(this);
  }

  announce(message: string): void {
    this.pending.push(message);
    if (this.timer !== undefined) return;
    this.set("");
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.set(this.pending.splice(0).join(" "));
    }, ANNOUNCE_BATCH_MS);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.length = 0;
  }

  private set(text: string): void {
    this.text = text;
    this.host.requestUpdate();
  }
}
