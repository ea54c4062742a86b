import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchOptions, withSvgRenderer } from '../../src/report/diagrams/render.ts';
import { renderHtmlReport } from '../../src/report/html/render-html.ts';
import { failureSequenceMermaid } from '../../src/report/markdown/test-sequence.ts';
import { renderJunit } from '../../src/report/junit.ts';
import type { VerifyResults } from '../../src/report/results.ts';
import { HOSTILE, hostileResults, manyTests, sampleResults } from '../fixtures/results/sample-results.ts';

/**
 * report.html in real headless Chromium, opened from file://: no request
 * leaves the page, no console or page errors, the verdict and the key parts
 * are visible, hostile text shows verbatim and runs nothing, the filter and
 * sort work. Screenshots go to the OS temp folder (path printed).
 */
const chromium = existsSync(CHROMIUM_PATH);

async function withRealDiagrams(r: VerifyResults): Promise<{ results: VerifyResults; sequences: Record<string, string> }> {
  const names = ['cmk', 'disk', 'system-minimal'];
  const diagrams = await Promise.all(
    names.map(async (name) => ({
      name,
      title: `${name} (committed diagram)`,
      mermaid: await readFile(join('diagrams', `${name}.mmd`), 'utf8'),
      svg: await readFile(join('diagrams', `${name}.svg`), 'utf8'),
    })),
  );
  const failing = r.tests.filter((t) => t.failure !== null);
  const sequences = await withSvgRenderer(async (renderer) => {
    const out: Record<string, string> = {};
    for (const t of failing.slice(0, 1)) out[t.id] = await renderer.render(failureSequenceMermaid(t) ?? '', `seq-${t.id}`);
    return out;
  });
  return { results: { ...r, diagrams: [...diagrams, { name: 'unrendered', title: 'A diagram not rendered in this run', mermaid: 'flowchart LR\n  a --> b\n', svg: null }] }, sequences };
}

interface Visit {
  readonly requests: string[];
  readonly errors: string[];
  readonly dialogs: string[];
}

async function open(browser: Browser, html: string, name: string): Promise<{ page: Page; visit: Visit; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'evs-report-'));
  const file = join(dir, `${name}.html`);
  await writeFile(file, html, 'utf8');
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  const visit: Visit = { requests: [], errors: [], dialogs: [] };
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url() !== url) visit.requests.push(req.url());
    if (req.url() === url) void req.continue();
    else void req.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') visit.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => visit.errors.push(`pageerror: ${String(e)}`));
  page.on('dialog', (d) => {
    visit.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(url, { waitUntil: 'load' });
  return { page, visit, file };
}

describe.skipIf(!chromium)('report.html in headless chromium (skipped without /usr/bin/chromium: run bash scripts/install.sh)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await puppeteer.launch(launchOptions());
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens offline with no requests and no errors, shows the verdict and the key parts, filters and sorts', async () => {
    const { results, sequences } = await withRealDiagrams(sampleResults());
    const { page, visit, file } = await open(browser, renderHtmlReport(results, { sequenceDiagrams: sequences }), 'report');
    expect(visit.requests).toEqual([]);
    expect(visit.errors).toEqual([]);
    expect(visit.dialogs).toEqual([]);

    const verdict = await page.$eval('#verdict [data-verdict]', (el) => ({ text: el.textContent, visible: el.getBoundingClientRect().height > 0 }));
    expect(verdict.visible).toBe(true);
    expect(verdict.text).toContain('FAIL');
    expect(await page.$$eval('#trace-matrix tbody tr', (rows) => rows.length)).toBe(results.requirements.length);
    expect(await page.$$eval('#table1-grid tr.differs', (rows) => rows.length)).toBe(results.table1.reduce((n, c) => n + c.differences.length, 0));
    expect(await page.$$eval('#failures article.test-failure', (a) => a.length)).toBe(2);
    // The rendered sequence diagram is inline for the first failing test, Mermaid source for the second.
    expect(await page.$$eval('#failures article.test-failure', (a) => a.map((x) => [x.querySelector('svg') !== null, x.querySelector('pre.mermaid-source') !== null]))).toEqual([
      [true, false],
      [false, true],
    ]);
    // Every diagram drew something (its SVG has a non-zero box).
    const boxes = await page.$$eval('#diagrams figure .svg > svg', (svgs) => svgs.map((s) => s.getBoundingClientRect().height));
    expect(boxes.length).toBe(3);
    expect(await page.$$eval('#diagrams pre.mermaid-source', (p) => p.length)).toBeGreaterThan(0);
    for (const h of boxes) expect(h).toBeGreaterThan(50);
    // Ids are unique on the page even though every Mermaid SVG reuses `edge0`, markers...
    const dupIds = await page.$$eval('[id]', (els) => {
      const seen = new Map<string, number>();
      for (const e of els) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    expect(dupIds).toEqual([]);
    // Links from the matrix land on test rows that exist.
    const broken = await page.$$eval('a[href^="#"]', (links) => links.map((a) => a.getAttribute('href') ?? '').filter((h) => links[0]?.ownerDocument.getElementById(h.slice(1)) === null));
    expect(broken).toEqual([]);

    await page.type('input[data-filter="trace-matrix"]', 'T1-PENDING');
    const shown = await page.$$eval('#trace-matrix tbody tr:not(.hidden)', (rows) => rows.map((r) => r.id));
    expect(shown.length).toBe(results.requirements.filter((r) => r.id.startsWith('T1-PENDING')).length);
    await page.focus('input[data-filter="trace-matrix"]');
    for (let i = 0; i < 'T1-PENDING'.length; i++) await page.keyboard.press('Backspace');
    expect(await page.$$eval('#trace-matrix tbody tr:not(.hidden)', (rows) => rows.length)).toBe(results.requirements.length);
    await page.select('select[data-status-filter="trace-matrix"]', 'failed');
    expect(await page.$$eval('#trace-matrix tbody tr:not(.hidden)', (rows) => rows.length)).toBe(results.requirements.filter((r) => r.status === 'failed').length);
    await page.select('select[data-status-filter="trace-matrix"]', '');
    await page.click('#test-list th:nth-child(6)');
    const times = await page.$$eval('#test-list tbody tr td:nth-child(6)', (cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const screenshot = file.replace(/\.html$/, '.png');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: screenshot });
    await page.screenshot({ path: file.replace(/\.html$/, '-full.png'), fullPage: true });
    console.info(`report screenshot: ${screenshot}`);
    await page.close();
  });

  it('shows hostile text verbatim and runs none of it', async () => {
    const { page, visit } = await open(browser, renderHtmlReport(hostileResults(), { sequenceDiagrams: {} }), 'hostile');
    expect(visit.requests).toEqual([]);
    expect(visit.dialogs).toEqual([]);
    expect(visit.errors).toEqual([]);
    expect(await page.$$eval('script', (s) => s.length)).toBe(1);
    const text = await page.$eval('body', (b) => b.textContent ?? '');
    const shown = HOSTILE.replace('\u0000', '\\u{0000}').replace('\u0007', '\\u{0007}').replace('\uFFFE', '\\u{fffe}');
    expect(text).toContain(shown);
    expect(await page.$$eval('a[href^="http"]', (a) => a.length)).toBe(0);
    await page.close();
  });

  it('opens the closed test list when a link points into it', async () => {
    const { page, visit } = await open(browser, renderHtmlReport(manyTests(), { sequenceDiagrams: {} }), 'many');
    expect(await page.$eval('#test-list-details', (d) => d.hasAttribute('open'))).toBe(false);
    // The link sits in the closed list of the row's tests: open it, as a reader would, then follow it.
    await page.click('#req-TXT-DEFAULT-KEY-AUTO td:nth-child(4) details summary');
    await page.click('#trace-matrix a[href="#test-bulk-7"]');
    expect(await page.$eval('#test-list-details', (d) => d.hasAttribute('open'))).toBe(true);
    const box = await page.$eval('#test-bulk-7', (el) => el.getBoundingClientRect().top);
    expect(Math.abs(box)).toBeLessThan(50);
    expect(visit.errors).toEqual([]);
    await page.close();
  });

  it('junit.xml is well-formed XML by the browser parser, hostile text included', async () => {
    const page = await browser.newPage();
    for (const xml of [renderJunit(sampleResults()), renderJunit(hostileResults())]) {
      const result = (await page.evaluate(
        `(() => { const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
           const error = doc.getElementsByTagName('parsererror')[0];
           return { error: error ? error.textContent : null, suites: doc.getElementsByTagName('testsuite').length }; })()`,
      )) as { error: string | null; suites: number };
      expect(result.error).toBeNull();
      expect(result.suites).toBeGreaterThan(2);
    }
    await page.close();
  });
});
