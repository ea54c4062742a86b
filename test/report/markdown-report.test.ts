import { describe, expect, it } from 'vitest';
import { md, mdCode, mdFence } from '../../src/report/markdown/escape.ts';
import { numberingNote } from '../../src/report/markdown/report-text.ts';
import { renderMarkdownReport } from '../../src/report/markdown/render-markdown.ts';
import { failureSequenceMermaid, failureSequenceSteps, targetOf } from '../../src/report/markdown/test-sequence.ts';
import { HOSTILE, hostileResults, sampleResults } from '../fixtures/results/sample-results.ts';
import { mermaidVerdict } from './diagrams/mermaid-parser.ts';

/**
 * GFM as GitHub reads it, for what report.md uses: a table row splits at
 * every `|` not preceded by a backslash; `\x` is the literal x for ASCII
 * punctuation; `<br>` breaks a line. Fenced blocks are verbatim.
 */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      cur += c + (line[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  return cells.slice(1, -1).map((x) => x.trim());
}

function unescapeMd(text: string): string {
  return text.replace(/<br>/g, '\n').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The lines outside fenced code blocks. */
function outsideFences(doc: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of doc.split('\n')) {
    const m = /^(`{3,})/.exec(line);
    if (fence === null && m?.[1] !== undefined) fence = m[1];
    else if (fence !== null && line === fence) fence = null;
    else if (fence === null) out.push(line);
  }
  return out;
}

function fences(doc: string, lang: string): string[] {
  const re = /^(`{3,})(\w*)\n([\s\S]*?)\n\1$/gm;
  return [...doc.matchAll(re)].filter((m) => m[2] === lang).map((m) => m[3] ?? '');
}

function tables(lines: readonly string[]): string[][][] {
  const result: string[][][] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i]?.startsWith('|') && /^\|( --- \|)+$/.test(lines[i + 1] ?? '')) {
      const rows: string[][] = [splitRow(lines[i] ?? '')];
      let j = i + 2;
      while (lines[j]?.startsWith('|')) rows.push(splitRow(lines[j++] ?? ''));
      result.push(rows);
      i = j;
    }
  }
  return result;
}

describe('md / mdCode / mdFence', () => {
  it('round-trips any text through the GFM reading of a table cell', () => {
    for (const t of [HOSTILE, 'a|b\\|c\\', '# head', '1. item', '- item', '**x** _y_ ~z~ $m$ <b>&amp;', 'http://x.example/', 'www.x.example a@b.example', '-', '+ x', '2) y']) {
      const cell = md(t);
      expect(splitRow(`| ${cell} |`)).toHaveLength(1);
      expect(cell).not.toContain('\n');
      expect(unescapeMd(cell)).toBe(t.replace('\u0000', '\\u{0000}').replace('\u0007', '\\u{0007}').replace('\uFFFE', '\\u{fffe}'));
    }
    expect(md('# not a heading')).toBe('\\# not a heading');
    expect(md('1. not a list')).toBe('1\\. not a list');
    expect(md('see https://x.example and www.y.example')).toBe('see https\\://x.example and www\\.y.example');
    // Ordinary text stays readable in the Markdown source.
    expect(md('4.25 s at 17:00, T1-PENDING - ok')).toBe('4.25 s at 17:00, T1-PENDING - ok');
  });

  it('makes code spans and fences long enough for the backticks inside', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b')).toBe('`a\\|b`');
    expect(mdCode('a|b', false)).toBe('`a|b`');
    expect(mdFence('x\n```\ny', 'sh')).toBe('````sh\nx\n```\ny\n````');
  });
});

describe('failure sequence diagrams', () => {
  it('says how diagram numbers relate to step numbers only when they differ', () => {
    const step = (index: number) => ({ index, event: 'e', expected: 'ok', actual: 'ok', state: 's' });
    expect(numberingNote([step(0), step(1)])).toBe('diagram number = step + 1');
    expect(numberingNote([step(1), step(2)])).toBe('');
  });

  it('sends key events to the KMS, disk events to EVS, and marks the failing step with both answers', () => {
    expect([targetOf('key.disable k1'), targetOf('kms.grantAccess'), targetOf('disk.attach d1 → s1'), targetOf('clock.advance 7d'), targetOf('weird')]).toEqual(['KMS', 'KMS', 'EVS', 'clock', 'system']);
    const failing = sampleResults().tests.find((t) => t.id === 'table1-pending-detached');
    if (failing?.failure == null) throw new Error('fixture changed');
    const steps = failureSequenceSteps(failing.failure);
    expect(steps.at(-1)).toEqual({ actor: 'user', target: 'EVS', label: 'disk.attach d1 → s1', outcome: 'failed', note: 'model: EVS.2001, implementation: ok' });
    expect(steps.slice(0, -1).every((s) => s.outcome === 'ok')).toBe(true);
  });

  it('gives Mermaid text that Mermaid parses, hostile text included', async () => {
    for (const r of [sampleResults(), hostileResults()]) {
      for (const t of r.tests.filter((x) => x.failure !== null)) {
        const text = failureSequenceMermaid(t);
        expect(text).not.toBeNull();
        expect(await mermaidVerdict(text ?? '')).toEqual({ ok: true });
      }
    }
  });
});

describe('renderMarkdownReport', () => {
  it('writes tables whose every row has as many cells as its header, hostile text included', () => {
    for (const r of [sampleResults(), hostileResults()]) {
      const found = tables(outsideFences(renderMarkdownReport(r)));
      expect(found.length).toBeGreaterThanOrEqual(8);
      for (const t of found) for (const row of t) expect(row.length).toBe(t[0]?.length);
    }
  });

  it('lets no markup from the data through: every < outside fences is escaped or one of its own tags', () => {
    const doc = renderMarkdownReport(hostileResults());
    for (const line of outsideFences(doc)) {
      // Code spans show their content literally, so only the text around them matters.
      const prose = line.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
      const raw = prose.replace(/<\/?(br|details|summary)>/g, '').replace(/\\</g, '');
      expect(raw, line).not.toContain('<');
      expect(prose, line).not.toMatch(/(?<!\\)\](?!\(#)\(|(?<!\\):\/\//);
    }
    // The hostile requirement title reads back verbatim from its table cell.
    const matrix = tables(outsideFences(doc)).find((t) => t[0]?.[0] === 'Requirement');
    const cell = matrix?.[1]?.[0] ?? '';
    expect(unescapeMd(cell.slice(cell.indexOf('<br>') + 4))).toContain('<script>alert("x")</script> & \'q\' | a`b`');
  });

  it('has the verdict, failing tests with replay, steps, diff and a Mermaid sequence diagram, and every section', () => {
    const r = sampleResults();
    const doc = renderMarkdownReport(r);
    expect(doc.startsWith('# evs-workbench verification: **✗ FAIL**')).toBe(true);
    for (const h of ['## Failing tests', '## Traceability matrix', '## Table 1: seed and model', '## Findings', '## Model checking', '## Coverage', '## Diagrams', '## All tests']) expect(doc).toContain(`\n${h}\n`);
    expect(fences(doc, 'sh')).toContain('evs-workbench verify --config minimal --seed 24301 --only table1-pending-detached');
    expect(fences(doc, 'diff')[0]).toBe('- disk d1: available\n+ disk d1: attached to s1\n- key k1: disabled\n+ key k1: enabled');
    const mermaid = fences(doc, 'mermaid');
    expect(mermaid.filter((m) => m.includes('sequenceDiagram'))).toHaveLength(2);
    expect(mermaid).toHaveLength(2 + r.diagrams.length);
    const t1 = tables(outsideFences(doc)).find((t) => t[0]?.[2] === 'Field') ?? [];
    expect(t1.filter((row) => row[5] === '**≠ differs**')).toHaveLength(r.table1.reduce((n, c) => n + c.differences.length, 0));
    const trace = tables(outsideFences(doc)).find((t) => t[0]?.[0] === 'Requirement') ?? [];
    expect(trace).toHaveLength(r.requirements.length + 1);
    expect(doc).toContain('**✗ VIOLATED**');
  });

  it('says PASS and lists no failure for a passing run', () => {
    const r = sampleResults();
    const doc = renderMarkdownReport({ ...r, verdict: 'pass', tests: r.tests.map((t) => ({ ...t, status: 'passed' as const, failure: null })) });
    expect(doc.startsWith('# evs-workbench verification: **✓ PASS**')).toBe(true);
    expect(doc).toContain('## Failing tests\n\nNo generated test failed.');
  });
});

describe('renderMarkdownReport with many tests', () => {
  it('lists tests per strategy and the failed ones only, and caps the test ids per requirement', () => {
    const r = sampleResults();
    const [first] = r.tests;
    if (first === undefined) throw new Error('fixture changed');
    const extra = Array.from({ length: 400 }, (_, i) => ({ ...first, id: `bulk-${i}`, trace: `traces/bulk-${i}.json`, requirementIds: ['TXT-DEFAULT-KEY-AUTO'] }));
    const doc = renderMarkdownReport({
      ...r,
      tests: [...r.tests, ...extra],
      requirements: r.requirements.map((q) => (q.id === 'TXT-DEFAULT-KEY-AUTO' ? { ...q, tests: [...q.tests, ...extra.map((t) => t.id)] } : q)),
    });
    const section = doc.slice(doc.indexOf('## All tests'));
    expect(section).toContain('408 generated tests: too many to list here.');
    const found = tables(outsideFences(section));
    expect(found[0]?.[0]).toEqual(['Strategy', 'Tests', 'Passed', 'Failed']);
    expect(found[1]?.slice(1).map((row) => row[0])).toEqual(['`table1-pending-detached`', '`sneak-002`']);
    expect(doc).toContain('… and 389 more (401 tests)');
  });
});
