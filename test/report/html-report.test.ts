import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedSvg, prefixSvgIds, sanitizeSvg } from '../../src/report/html/embed-svg.ts';
import { MAX_TEST_LINKS } from '../../src/report/html/components.ts';
import { anchor, esc } from '../../src/report/html/escape.ts';
import { renderHtmlReport } from '../../src/report/html/render-html.ts';
import type { VerifyResults } from '../../src/report/results.ts';
import { HOSTILE, hostileResults, manyTests, sampleResults } from '../fixtures/results/sample-results.ts';

function passingResults(): VerifyResults {
  const r = sampleResults();
  const tests = r.tests.map((t) => ({ ...t, status: 'passed' as const, failure: null }));
  return {
    ...r,
    verdict: 'pass',
    tests,
    properties: r.properties.map((p) => ({ ...p, holds: true, message: null, counterexample: null })),
    summary: { ...r.summary, tests: { total: tests.length, passed: tests.length, failed: 0 }, model: { ...r.summary.model, violations: 0 } },
  };
}

describe('esc', () => {
  it('writes the five HTML specials as entities and shows control characters', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(esc('a\u0000b\u0007c\u001bd\uFFFEe\ud800f')).toBe('a\\u{0000}b\\u{0007}c\\u{001b}d\\u{fffe}e\\u{d800}f');
    expect(esc('tab\tnew\nline 😀 ✓')).toBe('tab\tnew\nline 😀 ✓');
  });
});

describe('anchor', () => {
  it('gives different ids different anchors made of safe characters', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(anchor('t', a)).toMatch(/^t-[A-Za-z0-9_.-]*$/);
        if (a !== b) expect(anchor('t', a)).not.toBe(anchor('t', b));
      }),
    );
  });
});

describe('embedSvg', () => {
  const svg = `<?xml version="1.0"?><!DOCTYPE svg><svg id="m" aria-labelledby="m-title m-desc" onload="alert(1)"><title id="m-title">t</title><desc id="m-desc">d</desc>
<style>#m .x{fill:red} #m-title{} #mm{}</style><script>alert(2)</script><defs><marker id="arrow"/></defs>
<a href="https://evil.example/">x</a><use href="#arrow"/><use xlink:href="#arrow"/><path marker-end="url(#arrow)" style="fill:url(https://evil.example/x.png)"/></svg>`;

  it('removes scripts, handlers, foreign links and the XML prolog', () => {
    const out = sanitizeSvg(svg);
    expect(out).not.toMatch(/<script|onload|alert|evil\.example|<\?xml|DOCTYPE/);
    expect(out).toContain('href="#arrow"');
    expect(out).toContain('url(#arrow)');
  });

  it('prefixes every id and every reference to it, in attributes and in the style sheet', () => {
    const out = prefixSvgIds(svg, 'p');
    expect(out).toContain('<svg id="p-m" aria-labelledby="p-m-title p-m-desc"');
    expect(out).toContain('<marker id="p-arrow"/>');
    expect(out).toContain('<use href="#p-arrow"/><use xlink:href="#p-arrow"/>');
    expect(out).toContain('marker-end="url(#p-arrow)"');
    // `#mm` is not an id of this SVG and stays; `#m` and `#m-title` are renamed, each whole.
    expect(out).toContain('<style>#p-m .x{fill:red} #p-m-title{} #mm{}</style>');
    expect(embedSvg(svg, 'q')).toMatch(/^<svg id="q-m"/);
  });
});

describe('renderHtmlReport', () => {
  it('escapes hostile text everywhere: no markup from the data reaches the page', () => {
    const html = renderHtmlReport(hostileResults(), { sequenceDiagrams: {} });
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('alert("x")');
    expect(html).not.toContain('<!-- -->');
    expect(html).not.toContain('\u0000');
    expect(html).not.toContain('href="http');
    expect(html).toContain(esc(HOSTILE));
    // The hostile test id still links from the matrix to its row.
    const id = anchor('test', 'states-001<&>"');
    expect(html).toContain(`href="#${id}"`);
    expect(html).toContain(`id="${id}"`);
  });

  it('allows exactly its own script through the Content-Security-Policy and forbids every fetch', () => {
    const html = renderHtmlReport(sampleResults(), { sequenceDiagrams: {} });
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    const csp = (/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '').replace(/&#39;/g, "'");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(html).not.toMatch(/\s(?:src|href)="(?:https?:)?\/\//);
  });

  it('puts the verdict first, then the failing tests with their counterexamples and diffs', () => {
    const r = sampleResults();
    const html = renderHtmlReport(r, { sequenceDiagrams: { 'table1-pending-detached': '<svg id="s"><text>SEQ-SVG</text></svg>' } });
    expect(html.indexOf('data-verdict="fail"')).toBeLessThan(html.indexOf('id="failures"'));
    expect(html.indexOf('id="failures"')).toBeLessThan(html.indexOf('id="traceability"'));
    expect(html).toContain('SEQ-SVG');
    // The second failing test has no SVG: its Mermaid source is shown instead.
    const second = html.slice(html.indexOf(`id="${anchor('failure', 'sneak-002')}"`));
    expect(second.slice(0, second.indexOf('</article>'))).toMatch(/<pre class="mermaid-source">[^<]*sequenceDiagram/);
    expect(html).toContain('<li class="add">+ disk d1: attached to s1</li>');
    expect(html.match(/class="step-failed"/g)?.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain(esc('evs-workbench verify --config minimal --seed 24301 --only table1-pending-detached'));
  });

  it('lists every requirement with its quote and status, and marks each differing Table 1 field', () => {
    const r = sampleResults();
    const html = renderHtmlReport(r, { sequenceDiagrams: {} });
    for (const req of r.requirements) {
      const row = html.slice(html.indexOf(`<tr id="${anchor('req', req.id)}" data-status="${req.status}"`));
      expect(row.length).toBeLessThan(html.length);
      expect(row.slice(0, row.indexOf('</tr>'))).toContain(esc(req.source.quote));
    }
    const differing = r.table1.reduce((n, c) => n + c.differences.length, 0);
    expect(differing).toBeGreaterThan(0);
    expect(html.match(/<tr class="differs"/g)).toHaveLength(differing);
    expect(html).toContain('key.cancelDeletion → key.enable');
    expect(html).toContain(`id="${anchor('violation', 'io-only-while-attached')}"`);
  });

  it('reports a passing run as PASS with no failure section content', () => {
    const html = renderHtmlReport(passingResults(), { sequenceDiagrams: {} });
    expect(html).toContain('data-verdict="pass"');
    expect(html).not.toContain('data-verdict="fail"');
    expect(html).toContain('No generated test failed.');
    expect(html).toContain('Every property holds');
  });
});

describe('renderHtmlReport with many tests', () => {
  it('caps the test links of a requirement (failed first) and starts a long test list closed', () => {
    const r = manyTests();
    const html = renderHtmlReport(r, { sequenceDiagrams: {} });
    const row = html.slice(html.indexOf(`<tr id="${anchor('req', 'TXT-DEFAULT-KEY-AUTO')}"`));
    const cell = row.slice(0, row.indexOf('</tr>'));
    expect(cell.match(/href="#test-/g)).toHaveLength(MAX_TEST_LINKS);
    expect(cell).toContain('<summary>401 tests</summary>');
    expect(cell).toContain('… and 361 more');
    expect(html).toContain('<details id="test-list-details"><summary>Show all 408 tests</summary>');
    expect(html.match(/<tr id="test-/g)).toHaveLength(408);
  });
});
