/**
 * The report's one style sheet, inlined in the page. System fonts only (no
 * downloads); pass/fail colours from the Okabe–Ito palette (distinguishable
 * with the common colour-vision deficiencies) and always paired with a
 * symbol and a word, so colour is never the only signal.
 */
export const REPORT_CSS = `
:root {
  --ink: #1d2330; --muted: #5b6474; --line: #d9dee7; --soft: #f5f7fa; --paper: #ffffff;
  --pass: #0b5fa5; --pass-bg: #e3f0fb; --fail: #b33d00; --fail-bg: #fde9dd;
  --none: #5f6368; --none-bg: #eceff1; --insp: #8a3f73; --insp-bg: #f6e6f0;
  --diff-bg: #fff4c2; --diff-line: #c99a00; --accent: #0b5fa5;
  --mono: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
html { scroll-behavior: smooth; scroll-padding-top: 1rem; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: var(--soft); }
.layout { display: grid; grid-template-columns: 15rem minmax(0, 1fr); gap: 0; min-height: 100vh; }
nav.toc { position: sticky; top: 0; align-self: start; height: 100vh; overflow-y: auto; padding: 1.25rem 1rem; border-right: 1px solid var(--line); background: var(--paper); }
nav.toc .brand { font-weight: 700; font-size: 1rem; margin-bottom: .25rem; }
nav.toc .verdict-mini { margin: .25rem 0 1rem; }
nav.toc ol { list-style: none; margin: 0; padding: 0; }
nav.toc li a { display: flex; justify-content: space-between; gap: .5rem; padding: .3rem .5rem; border-radius: 6px; color: var(--ink); text-decoration: none; font-size: .92rem; }
nav.toc li a:hover { background: var(--soft); }
nav.toc .count { color: var(--muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
main { padding: 1.5rem 2rem 4rem; max-width: 84rem; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem 1.5rem; margin: 0 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 0 0 .75rem; padding-bottom: .4rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .4rem; }
ul.plain { margin: 0; padding-left: 1rem; }
ul.plain li { margin: .1rem 0; }
footer { margin-top: 2rem; font-size: .85rem; }
caption { text-align: left; padding: .4rem .6rem; }
p { margin: .4rem 0; }
.muted { color: var(--muted); }
a { color: var(--accent); }
code, pre, kbd { font-family: var(--mono); font-size: .86em; }
code { background: var(--soft); padding: .05rem .3rem; border-radius: 4px; overflow-wrap: anywhere; }
table.matrix { table-layout: fixed; }
table.matrix ul.plain code { background: none; padding: 0; font-size: .8rem; }
pre { background: #f0f3f7; border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
blockquote { margin: .5rem 0; padding: .4rem .9rem; border-left: 4px solid var(--line); color: #333c4d; background: var(--soft); border-radius: 0 6px 6px 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; position: sticky; top: 0; z-index: 1; }
th[data-sort] { cursor: pointer; user-select: none; white-space: nowrap; }
th[data-sort]::after { content: " ↕"; color: var(--muted); font-weight: 400; }
th[aria-sort="ascending"]::after { content: " ↑"; color: var(--ink); }
th[aria-sort="descending"]::after { content: " ↓"; color: var(--ink); }
tbody tr:hover { background: #fafbfd; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
.table-wrap table th, .table-wrap table td { border-bottom: 1px solid var(--line); }
.badge { display: inline-flex; align-items: center; gap: .3em; padding: .08rem .55rem; border-radius: 999px; font-size: .8rem; font-weight: 700; white-space: nowrap; border: 1.5px solid currentColor; letter-spacing: .01em; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: var(--fail); background: var(--fail-bg); border-style: double; border-width: 3px; }
.badge.none { color: var(--none); background: var(--none-bg); border-style: dashed; }
.badge.insp { color: var(--insp); background: var(--insp-bg); border-style: dotted; }
.badge.sev { color: var(--muted); background: var(--paper); font-weight: 600; }
.verdict { display: flex; flex-wrap: wrap; align-items: center; gap: 1.25rem; }
.verdict-badge { font-size: 2.4rem; font-weight: 800; padding: .4rem 1.4rem; border-radius: 12px; letter-spacing: .04em; border: 3px solid currentColor; }
.verdict-badge.pass { color: var(--pass); background: var(--pass-bg); }
.verdict-badge.fail { color: var(--fail); background: var(--fail-bg); border-style: double; border-width: 6px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .7rem .9rem; background: var(--paper); }
.card .label { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.card .value { font-size: 1.45rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.card .detail { font-size: .85rem; color: var(--muted); }
.card.bad { border-color: var(--fail); box-shadow: inset 4px 0 0 var(--fail); }
.card.good { box-shadow: inset 4px 0 0 var(--pass); }
dl.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .3rem 1rem; margin: .5rem 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; word-break: break-word; }
.replay { display: flex; gap: .5rem; align-items: center; }
.replay pre { flex: 1; margin: 0; }
.filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: .5rem 0 .75rem; }
.filters input, .filters select { font: inherit; padding: .35rem .6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--paper); }
.filters input { min-width: min(28rem, 100%); }
tr.differs td, td.differs { background: var(--diff-bg); }
td.differs, tr.differs td:first-child { box-shadow: inset 3px 0 0 var(--diff-line); }
.diff-mark { font-weight: 700; color: #7a5b00; }
table.steps td:first-child { white-space: nowrap; }
tr.step-failed td { background: var(--fail-bg); }
tr.step-failed td:first-child { box-shadow: inset 4px 0 0 var(--fail); }
.quote { font-style: italic; }
.ids { display: flex; flex-wrap: wrap; gap: .25rem .4rem; }
.ids a, .ids span { font-family: var(--mono); font-size: .82rem; }
details { margin: .35rem 0; }
details > summary { cursor: pointer; color: var(--accent); }
.finding { border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; margin: .75rem 0; }
.finding header { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.finding .id { font-family: var(--mono); font-weight: 700; }
.finding li.taken { font-weight: 600; }
.finding li.taken::marker { content: "➜ "; }
.bar { height: .6rem; background: var(--none-bg); border-radius: 999px; overflow: hidden; min-width: 8rem; }
.bar > span { display: block; height: 100%; background: var(--pass); }
.test-failure { border: 1px solid var(--fail); border-left-width: 6px; border-radius: 8px; padding: .75rem 1rem; margin: 1rem 0; }
.diff { font-family: var(--mono); font-size: .85rem; margin: .25rem 0; padding: .5rem .75rem; background: #f0f3f7; border-radius: 6px; list-style: none; }
.diff li.del { color: var(--fail); }
.diff li.add { color: var(--pass); }
figure { margin: 1rem 0; }
figure .svg { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: .5rem; background: #fff; }
figure .svg svg { max-width: 100%; height: auto; }
figcaption { font-weight: 600; margin-bottom: .4rem; }
.hidden { display: none !important; }
@media (max-width: 60rem) {
  .layout { grid-template-columns: 1fr; }
  nav.toc { position: static; height: auto; border-right: 0; border-bottom: 1px solid var(--line); }
  main { padding: 1rem; }
}
@media print {
  .layout { grid-template-columns: 1fr; }
  nav.toc, .filters { display: none; }
  section { break-inside: avoid-page; border: 0; }
  details:not([open]) > :not(summary) { display: block; }
}
`;
