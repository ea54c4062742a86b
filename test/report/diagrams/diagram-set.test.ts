import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { isWorkbenchError } from '../../../src/errors/workbench-error.ts';
import {
  buildDiagramSet,
  checkDiagrams,
  GENERATED_MARKER,
  type DiagramSource,
  type DiagramSpec,
} from '../../../src/report/diagrams/diagram-set.ts';
import { embedSourceHash, sourceHash } from '../../../src/report/diagrams/source-hash.ts';
import { fixtureMachine } from './fixture-machines.ts';
import { mermaidVerdict } from './mermaid-parser.ts';

/** A small key lifecycle; `withArchive` adds a state, standing for a model change. */
function keyMachine(withArchive: boolean) {
  return setup({}).createMachine({
    id: 'key',
    initial: 'enabled',
    states: {
      enabled: { on: { disable: 'disabled' } },
      disabled: { on: { enable: 'enabled', ...(withArchive ? { archive: 'archived' } : {}) } },
      ...(withArchive ? { archived: { type: 'final' as const } } : {}),
    },
  });
}

function sources(withArchive = false): DiagramSource[] {
  return [
    { kind: 'machine', name: 'key', title: 'Key', machine: keyMachine(withArchive) },
    { kind: 'machine', name: 'fx', title: 'Fixture', machine: fixtureMachine, options: { detail: 'compact' } },
    {
      kind: 'graph',
      name: 'graph-small',
      title: 'Graph',
      graph: () => ({ nodes: [{ id: 'a', label: 'A', initial: true }, { id: 'b', label: 'B' }], edges: [{ from: 'a', to: 'b', label: 'go' }] }),
    },
  ];
}

/** The files `diagrams` would write for `specs`: text and an SVG carrying its hash. */
function filesFor(specs: readonly DiagramSpec[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const d of specs) {
    files.set(`${d.name}.mmd`, d.mermaid);
    files.set(`${d.name}.svg`, embedSourceHash('<svg></svg>', sourceHash(d.mermaid)));
  }
  return files;
}

describe('buildDiagramSet', () => {
  const specs = buildDiagramSet(sources());

  it('builds one named, titled diagram per source, each parsing, with the generated marker after the front matter', async () => {
    expect(specs.map((d) => [d.name, d.title])).toEqual([
      ['key', 'Key'],
      ['fx', 'Fixture'],
      ['graph-small', 'Graph'],
    ]);
    for (const d of specs) {
      expect(d.mermaid).toMatch(new RegExp(`^---\\ntitle: "${d.title}"\\n---\\n${GENERATED_MARKER.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
      expect(await mermaidVerdict(d.mermaid)).toEqual({ ok: true });
    }
    expect(specs[1]?.mermaid).not.toContain(' / bump');
  });

  it('rejects names that are not file stems, and duplicates', () => {
    for (const name of ['../x', 'Key', 'a b', 'key']) {
      const bad: DiagramSource[] = name === 'key' ? [...sources().slice(0, 1), ...sources().slice(0, 1)] : [{ ...sources()[0]!, name } as DiagramSource];
      let error: unknown;
      try {
        buildDiagramSet(bad);
      } catch (e) {
        error = e;
      }
      expect(isWorkbenchError(error) && error.code === 'MODEL.0903').toBe(true);
    }
  });
});

describe('checkDiagrams', () => {
  const specs = buildDiagramSet(sources());

  it('is ok when every .mmd equals the generated text and every .svg carries its hash', () => {
    expect(checkDiagrams(specs, filesFor(specs))).toEqual({ ok: true, missing: [], stale: [], extra: [] });
  });

  it('reports both files of a diagram stale after the model changes', () => {
    const committed = filesFor(specs);
    const result = checkDiagrams(buildDiagramSet(sources(true)), committed);
    expect(result.ok).toBe(false);
    expect(result.missing).toEqual([]);
    expect(result.stale.map((s) => s.file)).toEqual(['key.mmd', 'key.svg']);
    expect(result.stale[0]?.reason).toMatch(/^differs from the text generated from the models \(line \d+: /);
    expect(result.stale[1]?.reason).toMatch(/^was rendered from other text/);
  });

  it('reports an SVG rendered from an older .mmd even when the .mmd is current', () => {
    const files = filesFor(specs);
    files.set('fx.svg', embedSourceHash('<svg/>', sourceHash('older text')));
    files.set('graph-small.svg', '<svg/>');
    const result = checkDiagrams(specs, files);
    expect(result.stale).toEqual([
      { file: 'fx.svg', reason: expect.stringMatching(/^was rendered from other text/) },
      { file: 'graph-small.svg', reason: 'carries no source hash (not rendered by evs-workbench)' },
    ]);
  });

  it('reports missing files, and ignores SVGs with svg: false', () => {
    const files = filesFor(specs);
    files.delete('key.mmd');
    files.delete('fx.svg');
    expect(checkDiagrams(specs, files)).toMatchObject({ ok: false, missing: ['key.mmd', 'fx.svg'] });
    files.set('key.mmd', specs[0]?.mermaid ?? '');
    expect(checkDiagrams(specs, files, { svg: false })).toEqual({ ok: true, missing: [], stale: [], extra: [] });
  });

  it('fails on leftovers of diagrams that no longer exist, and only notes hand-made files', () => {
    const files = filesFor(specs);
    const removed = buildDiagramSet([{ kind: 'machine', name: 'old', title: 'Old', machine: keyMachine(false) }])[0];
    files.set('old.mmd', removed?.mermaid ?? '');
    files.set('old.svg', embedSourceHash('<svg/>', sourceHash(removed?.mermaid ?? '')));
    files.set('sketch.mmd', 'flowchart LR\n a --> b\n');
    files.set('README.md', '# not a diagram');
    const result = checkDiagrams(specs, files);
    expect(result.extra).toEqual([
      { file: 'old.mmd', generated: true },
      { file: 'old.svg', generated: true },
      { file: 'sketch.mmd', generated: false },
    ]);
    expect(result.ok).toBe(false);
    files.delete('old.mmd');
    files.delete('old.svg');
    expect(checkDiagrams(specs, files).ok).toBe(true);
  });
});
