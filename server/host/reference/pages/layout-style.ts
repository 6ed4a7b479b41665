/**
 * The shell's stylesheet (an inline `<style>`, allowed by the CSP's style-src). Colours meet WCAG AA contrast
 * (axe-core checks them in test/host/shell-a11y.test.ts); below 768 px the sidebar folds behind the Menu button
 * (only once shell.js has run, so without script the menu simply stacks above the page).
 */
export const SHELL_STYLE = `
  *, *::before, *::after { box-sizing: border-box; }
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; background: #f5f7fa; line-height: 1.45; }
  a { color: #0b4fb3; }
  :focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  header { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .6rem 1.5rem; background: #0b3d91; color: #fff; }
  header h1 { font-size: 1.1rem; margin: 0; flex: 1 1 auto; min-width: 0; }
  header form { margin: 0; display: flex; align-items: center; gap: .5rem; flex-wrap: wrap; }
  header .explorer-link { color: #fff; font-size: .9rem; }
  header .who { font-size: .9rem; }
  header button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: .3rem .8rem; cursor: pointer; font: inherit; }
  header button:hover { background: rgba(255,255,255,.15); }
  .skip-link { position: absolute; left: .5rem; top: -3rem; z-index: 10; padding: .4rem .8rem; background: #fff; color: #0b3d91; border-radius: 4px; }
  .skip-link:focus { top: .5rem; }
  .menu-button[hidden] { display: none; }
  .layout { display: flex; min-height: calc(100vh - 3rem); }
  nav { width: 14rem; flex: none; background: #fff; border-right: 1px solid #d9e2ec; padding: 1rem 0; }
  nav h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: #3e5468; margin: 0 1.5rem .5rem; }
  nav a { display: block; padding: .5rem 1.5rem; color: #243b53; text-decoration: none; }
  nav a:hover { background: #f0f4f8; }
  nav a[aria-current="page"] { background: #e6f0ff; font-weight: 600; box-shadow: inset 3px 0 0 #0b3d91; }
  main { flex: 1; min-width: 0; padding: 1.5rem 2rem; }
  main > h2 { margin-top: 0; }
  .error { color: #b00020; }
  .card { background: #fff; border: 1px solid #d9e2ec; border-radius: 8px; padding: 1rem 1.25rem; margin: 0 0 1rem; box-shadow: 0 1px 2px rgba(15,23,42,.06); max-width: 46rem; }
  .card h3 { margin: 0 0 .35rem; font-size: 1.05rem; }
  .card p { margin: .25rem 0 .5rem; }
  .card.outcome-ok { border-left: 4px solid #1a7f37; }
  .card.outcome-problem { border-left: 4px solid #b00020; }
  .muted { color: #52606d; }
  label { display: block; margin: .5rem 0 .25rem; font-weight: 600; }
  label.check { font-weight: normal; display: flex; gap: .5rem; align-items: flex-start; }
  input[type=password], input[type=text] { width: 22rem; max-width: 100%; padding: .5rem .6rem; border: 1px solid #9aa5b1; border-radius: 4px; font: inherit; }
  .button { display: inline-block; margin-top: .75rem; padding: .5rem 1.1rem; border-radius: 4px; border: 1px solid #0b3d91; background: #0b3d91; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  .button:hover { background: #082d6b; }
  .button.secondary { background: #fff; color: #0b3d91; }
  .button.danger { background: #a3001b; border-color: #a3001b; }
  .button[disabled] { opacity: .6; cursor: progress; }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  .confirm-step { margin-top: .75rem; padding: .75rem; border-radius: 6px; background: #fff8e6; border: 1px solid #e3b341; }
  .confirm-step p { margin: 0; font-weight: 600; }
  .progress { display: flex; gap: .5rem; align-items: center; margin-top: .75rem; }
  .spinner { width: 1rem; height: 1rem; border: 2px solid #bcccdc; border-top-color: #0b3d91; border-radius: 50%; animation: spin .8s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
  .card dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .25rem 0; }
  .card dd { margin: 0; overflow-wrap: anywhere; }
  .result-list { margin: .25rem 0 .5rem; padding-left: 1.25rem; }
  .login { max-width: 26rem; margin: 3rem auto; }
  .login input[type=password] { width: 100%; }
  [hidden] { display: none !important; }
  @media (min-width: 768px) { .menu-button { display: none; } }
  @media (max-width: 767.98px) {
    header { padding: .5rem 1rem; }
    .layout { display: block; }
    nav { width: auto; border-right: none; border-bottom: 1px solid #d9e2ec; padding: .5rem 0; }
    .js nav:not(.open) { display: none; }
    main { padding: 1rem; }
    .login { margin: 1.5rem auto; }
  }
`;
