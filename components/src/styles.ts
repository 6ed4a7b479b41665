/**
 * Shared styles of every Azure Relay element. Theming is through CSS custom properties the host may set on
 * any ancestor (they inherit into shadow roots); each has a default here:
 *   --azure-relay-font            font family (default: inherit, falling back to system-ui)
 *   --azure-relay-color-primary   buttons, links, focus ring (#0b5cad)
 *   --azure-relay-color-on-primary text on primary (#fff)
 *   --azure-relay-color-text      body text (#1f2933)
 *   --azure-relay-color-muted     secondary text (#52606d)
 *   --azure-relay-color-surface   cards and dialogs (#fff)
 *   --azure-relay-color-border    borders (#cbd2d9)
 *   --azure-relay-color-danger    errors, destructive buttons (#b00020)
 *   --azure-relay-color-success   ONLINE badge (#1e7b34)
 *   --azure-relay-color-warning   CONNECTING/RECONNECTING badge (#8a5a00)
 *   --azure-relay-space           base spacing unit (0.5rem)
 *   --azure-relay-radius          corner radius (6px)
 */
import { css } from "lit";

export const base = css`
  :host {
    --_primary: var(--azure-relay-color-primary, #0b5cad);
    --_on-primary: var(--azure-relay-color-on-primary, #fff);
    --_text: var(--azure-relay-color-text, #1f2933);
    --_muted: var(--azure-relay-color-muted, #52606d);
    --_surface: var(--azure-relay-color-surface, #fff);
    --_border: var(--azure-relay-color-border, #cbd2d9);
    --_danger: var(--azure-relay-color-danger, #b00020);
    --_success: var(--azure-relay-color-success, #1e7b34);
    --_warning: var(--azure-relay-color-warning, #8a5a00);
    --_space: var(--azure-relay-space, 0.5rem);
    --_radius: var(--azure-relay-radius, 6px);
    font-family: var(--azure-relay-font, inherit), system-ui, sans-serif;
    color: var(--_text);
  }
  [hidden] { display: none !important; }
  button {
    font: inherit;
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 2);
    border-radius: var(--_radius);
    border: 1px solid var(--_primary);
    background: var(--_surface);
    color: var(--_primary);
    cursor: pointer;
  }
  button.primary { background: var(--_primary); color: var(--_on-primary); }
  button.danger { border-color: var(--_danger); color: var(--_danger); }
  button.primary.danger { background: var(--_danger); color: #fff; }
  button:disabled { opacity: 0.6; cursor: progress; }
  /* Visible focus for keyboard users on every control. */
  :focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px; }
  input, textarea {
    font: inherit;
    box-sizing: border-box;
    width: 100%;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: inherit;
    background: var(--_surface);
  }
  [aria-invalid="true"] { border-color: var(--_danger); border-width: 2px; }
  label { display: block; font-weight: 600; margin: calc(var(--_space) * 1.5) 0 calc(var(--_space) * 0.5); }
  .hint { color: var(--_muted); font-size: 0.9em; margin: calc(var(--_space) * 0.5) 0 0; }
  .errors { color: var(--_danger); margin: calc(var(--_space) * 0.5) 0 0; padding-left: 1.2em; }
  .errors:empty { display: none; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
`;

export const dialogStyles = css`
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 3);
    width: min(40rem, calc(100vw - 2rem));
    max-height: calc(100dvh - 2rem);
    box-sizing: border-box;
    overflow: auto;
    overflow-wrap: anywhere;
    color: var(--_text);
    background: var(--_surface);
  }
  dialog::backdrop { background: rgb(15 23 42 / 0.45); }
  dialog h2 { margin-top: 0; }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); justify-content: flex-end; margin-top: calc(var(--_space) * 3); }
  @media (max-width: 30rem) {
    dialog { padding: calc(var(--_space) * 2); }
  }
`;

/** A notice: a block section with the primary colour down its left edge, its heading, text and an error line. */
export const noticeStyles = css`
  :host { display: block; }
  section { border: 1px solid var(--_border); border-left: 4px solid var(--_primary); border-radius: var(--_radius); background: var(--_surface); padding: calc(var(--_space) * 2); }
  h3 { margin: 0 0 var(--_space); font-size: 1em; }
  p { margin: 0 0 var(--_space); }
  .error { color: var(--_danger); }
  .error:empty { display: none; }
`;
