import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../../src/errors/workbench-error.ts';
import { CHROMIUM_PATH, openSvgRenderer, withSvgRenderer } from '../../../src/report/diagrams/render.ts';
import { readSourceHash, sourceHash } from '../../../src/report/diagrams/source-hash.ts';
import { machineToMermaid } from '../../../src/report/diagrams/state-diagram.ts';
import { sequenceToMermaid } from '../../../src/report/diagrams/graph-diagram.ts';
import { fixtureMachine, nastyMachine } from './fixture-machines.ts';

const chromium = existsSync(CHROMIUM_PATH);

/** The text of an SVG as a reader sees it: tags dropped, HTML entities decoded. */
function visibleText(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('openSvgRenderer', () => {
  it('explains how to install chromium when the binary is missing', async () => {
    let error: unknown;
    try {
      await openSvgRenderer({ executablePath: '/nonexistent/chromium' });
    } catch (e) {
      error = e;
    }
    expect(isWorkbenchError(error)).toBe(true);
    if (!isWorkbenchError(error)) return;
    expect(error.code).toBe('CONFIG.0901');
    expect(error.message).toContain('/nonexistent/chromium');
    expect(error.fix).toContain('bash scripts/install.sh');
    expect(error.fix).toContain('apt-get install -y chromium');
  });
});

describe.skipIf(!chromium)(`rendering through ${CHROMIUM_PATH} (skipped when chromium is not installed: run bash scripts/install.sh)`, () => {
  it('renders state and sequence diagrams with one browser, shows hostile labels verbatim, embeds the source hash', async () => {
    const state = machineToMermaid(nastyMachine);
    const fixture = machineToMermaid(fixtureMachine, { coverage: { states: { 'fx.a': 'covered' }, transitions: {} } });
    const sequence = sequenceToMermaid([{ actor: 'user: "x"', target: 'EVS; <b>', label: 'disk.read d1 %% #1;', outcome: 'failed', note: 'end note' }]);
    const [a, b, c] = await withSvgRenderer(async (r) => [await r.render(state, 'nasty'), await r.render(fixture, 'fx'), await r.render(sequence, 'seq')]);
    for (const [svg, text] of [[a, state], [b, fixture], [c, sequence]] as const) {
      expect(svg).toMatch(/^<!-- evs-workbench source-sha256: [0-9a-f]{64} -->\n<svg /);
      expect(readSourceHash(svg)).toBe(sourceHash(text));
      expect(svg).not.toContain('Syntax error');
    }
    const seen = visibleText(a);
    expect(seen).toContain('a: "b" [c] {d} ; e %% f #g; <i>h</i> & end');
    expect(seen).toContain('ev: "x" [y]; %%z [is: "ok" [really]; #1]');
    expect(seen).toContain('end note ⟂ X.1');
    expect(seen).toContain('state: "s" {x}');
    expect(a).toContain('id="evs-nasty"');
    expect(b).toMatch(/class="[^"]*covered/);
    expect(visibleText(c)).toContain('disk.read d1 %% #1; ✗ FAILED');
    expect(visibleText(c)).toContain('user: "x"');
  });

  it('fails with MODEL.0901 and the diagram name on text Mermaid rejects', async () => {
    await withSvgRenderer(async (r) => {
      let error: unknown;
      try {
        await r.render('stateDiagram-v2\n  a --> : :\n', 'broken');
      } catch (e) {
        error = e;
      }
      expect(isWorkbenchError(error) && error.code === 'MODEL.0901' && error.message.includes("'broken'")).toBe(true);
    });
  });
});
