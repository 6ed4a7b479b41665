/**
 * Styles shared by the detail view's sections (traffic, journal, history, probe, target health): a titled card,
 * a row of filters, a compact data table that stacks into labelled blocks on narrow widths, and result lines.
 */
import { css } from "lit";

export const detailSectionStyles = css`
  :host { display: block; container-type: inline-size; min-width: 0; }
  section { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); padding: calc(var(--_space) * 2); min-width: 0; }
  h3 { margin: 0 0 var(--_space); font-size: 1.05em; }
  h4 { margin: var(--_space) 0 calc(var(--_space) * 0.5); font-size: 1em; }
  p { margin: 0 0 var(--_space); }
  .muted { color: var(--_muted); }
  .error { color: var(--_danger); }
  .ok { color: var(--_success); }
  .warn { color: var(--_warning); }
  .row { display: flex; flex-wrap: wrap; gap: var(--_space) calc(var(--_space) * 2); align-items: center; }
  .filters { display: flex; flex-wrap: wrap; gap: var(--_space) calc(var(--_space) * 2); align-items: flex-end; margin-bottom: var(--_space); }
  .filters > div { flex: 1 1 9rem; min-width: 0; }
  .filters label { margin-top: 0; }
  select { font: inherit; box-sizing: border-box; width: 100%; padding: var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius); color: inherit; background: var(--_surface); }
  /* A long label wraps rather than squeezing its value: the label column takes at most 40%. */
  dl { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2); margin: 0 0 var(--_space); }
  dt { color: var(--_muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  code { font-family: ui-monospace, monospace; font-size: 0.95em; overflow-wrap: anywhere; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: calc(var(--_space) * 0.5) var(--_space); border-bottom: 1px solid var(--_border); vertical-align: top; }
  thead th { font-size: 0.85em; color: var(--_muted); white-space: nowrap; }
  .num { text-align: right; white-space: nowrap; }
  button[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
  button[aria-pressed="true"] { background: color-mix(in srgb, var(--_primary) 12%, var(--_surface)); font-weight: 600; }
  /* Narrow: each table row a block, every cell with its column's name; narrower still, labels above values. */
  @container (max-width: 40rem) {
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; }
    table.stack tbody tr { border: 1px solid var(--_border); border-radius: var(--_radius); margin-bottom: var(--_space); padding: var(--_space); }
    table.stack tbody th, table.stack tbody td { border: 0; padding: calc(var(--_space) * 0.25) 0; text-align: left; }
    table.stack tbody td { display: grid; grid-template-columns: minmax(0, 40%) minmax(0, 1fr); gap: var(--_space); overflow-wrap: anywhere; white-space: normal; }
    table.stack tbody td::before { content: attr(data-label); color: var(--_muted); font-size: 0.9em; }
  }
  @container (max-width: 24rem) {
    dl { grid-template-columns: minmax(0, 1fr); }
    dd { margin-bottom: var(--_space); }
  }
`;
