/**
 * Focus handling around native modal dialogs. `showModal()` traps focus inside the dialog; this brings it
 * back to the control that opened the dialog, even when that control lives in another shadow root.
 */

/** The focused element, looking through open shadow roots (document.activeElement stops at the host). */
export function deepActiveElement(root: Document | ShadowRoot = document): HTMLElement | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

export class ModalFocus {
  private opener: HTMLElement | null = null;

  /** Call just before `showModal()`. */
  remember(): void {
    this.opener = deepActiveElement();
  }

  /** The dialog's work put focus somewhere better (e.g. on the row it added): do not move it back. */
  forget(): void {
    this.opener = null;
  }

  /** Call from the dialog's `close` event. */
  restore(): void {
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus();
  }
}
