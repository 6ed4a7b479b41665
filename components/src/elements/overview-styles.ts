/** Styles of `<azure-relay-overview>`: the summary line, the filters, and the table (stacked rows when narrow). */
import { css } from "lit";

export const overviewStyles = css`
  :host { display: block; container-type: inline-size; }
  .summary { display: flex; flex-wrap: wrap; align-items: center; gap: 0 calc(var(--_space) * 0.5); margin-bottom: calc(var(--_space) * 1.5); }
  .summary button { border-color: transparent; padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.75); color: var(--_text); font-weight: 600; }
  .summary button.zero { color: var(--_muted); font-weight: normal; }
  .summary button.alarm { color: var(--_danger); border-color: var(--_danger); }
  .summary button[aria-pressed="true"] { border-color: var(--_primary); background: color-mix(in srgb, var(--_primary) 10%, var(--_surface)); }
  .summary .sep { color: var(--_muted); }
  .summary button { max-width: 100%; overflow-wrap: anywhere; }
  .filters { display: flex; flex-wrap: wrap; gap: var(--_space) calc(var(--_space) * 2); align-items: flex-end; }
  .filters > div { flex: 1 1 12rem; min-width: 0; }
  .filters label { margin-top: 0; }
  select { font: inherit; box-sizing: border-box; width: 100%; padding: var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius); color: inherit; background: var(--_surface); }
  .shown, .hint { color: var(--_muted); font-size: 0.9em; margin: var(--_space) 0; }
  table { width: 100%; border-collapse: collapse; background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); }
  th, td { text-align: left; padding: calc(var(--_space) * 0.75) var(--_space); border-bottom: 1px solid var(--_border); vertical-align: top; }
  thead th { font-size: 0.85em; color: var(--_muted); white-space: nowrap; }
  tbody th { font-weight: 600; overflow-wrap: break-word; }
  td code { font-family: ui-monospace, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
  .num { text-align: right; white-space: nowrap; }
  tbody tr { cursor: pointer; }
  tbody tr:hover { background: color-mix(in srgb, var(--_primary) 5%, var(--_surface)); }
  tbody tr:focus-visible { outline: 3px solid var(--_primary); outline-offset: -3px; }
  tr.failing th { box-shadow: inset 4px 0 0 var(--_danger); }
  tr.highlight { background: color-mix(in srgb, var(--_success) 14%, var(--_surface)); }
  a { color: var(--_primary); }
  .badge { display: inline-flex; gap: 0.3em; align-items: center; white-space: nowrap; font-weight: 600; font-size: 0.9em; padding: 0 0.5em; border-radius: 999px; border: 1px solid currentColor; }
  .state-ONLINE { color: var(--_success); }
  .state-CONNECTING, .state-RECONNECTING, .state-STOPPING { color: var(--_warning); }
  .state-UNAUTHORIZED, .state-NOT_FOUND, .state-FAILED { color: var(--_danger); }
  .state-DISABLED { color: var(--_muted); }
  tr.none td { color: var(--_muted); text-align: center; }
  /* Narrow: each registration a stacked block, every cell with its column's name. */
  @container (max-width: 47.99rem) {
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table, tbody, tr, th, td { display: block; }
    table { border: 0; background: none; }
    tbody tr { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); margin-bottom: var(--_space); padding: var(--_space); }
    tbody th, tbody td { border: 0; padding: calc(var(--_space) * 0.25) 0; }
    tbody td { display: grid; grid-template-columns: minmax(0, 40%) minmax(0, 1fr); gap: var(--_space); text-align: left; overflow-wrap: anywhere; }
    .badge { white-space: normal; max-width: 100%; box-sizing: border-box; }
    tbody td::before { content: attr(data-label); color: var(--_muted); font-size: 0.9em; }
    tr.none td { display: block; }
    tr.none td::before { content: none; }
    tr.failing th { box-shadow: none; }
    tr.failing { border-left: 4px solid var(--_danger); }
  }
`;
