import type { DiagramRecord, VerifyResults } from '../results.ts';
import { embedSvg } from './embed-svg.ts';
import { anchor, esc } from './escape.ts';

/**
 * The model diagrams, inline, with the coverage colours they were rendered
 * with. A diagram that was not rendered shows its Mermaid source instead.
 */

export const COVERAGE_LEGEND =
  '<p class="muted">Colours: green fill = covered by a passing test, grey = not covered, red with a thick border = a test through it failed; transition labels carry ✓, ○ or ✗.</p>';

/** One diagram: its SVG under a unique id prefix, or its Mermaid source when there is no SVG. */
export function diagramFigure(d: Pick<DiagramRecord, 'name' | 'title' | 'mermaid' | 'svg'>, prefix: string): string {
  const body =
    d.svg === null
      ? `<p class="muted">Not rendered to SVG in this run; the Mermaid source:</p><pre class="mermaid-source">${esc(d.mermaid)}</pre>`
      : `<div class="svg">${embedSvg(d.svg, prefix)}</div><details><summary>Mermaid source</summary><pre class="mermaid-source">${esc(d.mermaid)}</pre></details>`;
  return `<figure id="${anchor('diagram', d.name)}"><figcaption>${esc(d.title)} <span class="muted">(${esc(d.name)})</span></figcaption>${body}</figure>`;
}

export function renderDiagrams(results: VerifyResults): string {
  if (results.diagrams.length === 0) return '<p class="muted">No diagrams in this run.</p>';
  return COVERAGE_LEGEND + results.diagrams.map((d, i) => diagramFigure(d, `dg${i}`)).join('');
}
