import { describe, expect, it } from 'vitest';
import { graphToMermaid, sequenceToMermaid, type StateGraph } from '../../../src/report/diagrams/graph-diagram.ts';
import { isWorkbenchError } from '../../../src/errors/workbench-error.ts';
import { NASTY } from './fixture-machines.ts';
import { mermaidVerdict } from './mermaid-parser.ts';

const graph: StateGraph = {
  nodes: [
    { id: '{"k1":"enabled","d1":null}', label: 'k1 enabled\nno disks', initial: true },
    { id: '{"k1":"disabled","d1":null}', label: 'k1 disabled\nno disks' },
    { id: '{"k1":"deleted","d1":null}', label: 'k1 deleted', final: true },
    { id: NASTY, label: NASTY },
  ],
  edges: [
    { from: '{"k1":"enabled","d1":null}', to: '{"k1":"disabled","d1":null}', label: 'key.disable k1' },
    { from: '{"k1":"disabled","d1":null}', to: '{"k1":"enabled","d1":null}', label: 'key.enable k1' },
    { from: '{"k1":"disabled","d1":null}', to: '{"k1":"deleted","d1":null}', label: 'clock.advance 7d' },
    { from: '{"k1":"disabled","d1":null}', to: '{"k1":"deleted","d1":null}', label: 'key.delete: "now"' },
    { from: NASTY, to: NASTY, label: NASTY },
  ],
};

describe('graphToMermaid', () => {
  const text = graphToMermaid(graph, { title: 'Composed: "minimal"' });

  it('parses, with sanitised identifiers for JSON ids', async () => {
    expect(await mermaidVerdict(text)).toEqual({ ok: true });
    expect(text).toContain('state "k1 enabled" as n_k1_enabled_d1_null\n');
    expect(text).toContain('n_k1_enabled_d1_null : no disks');
    expect(text).toMatch(/^title: "Composed: \\"minimal\\""$/m);
  });

  it('draws initial and final nodes, merges parallel edges into one arrow, keeps self-loops', () => {
    expect(text).toMatch(/^\[\*\] --> n_k1_enabled_d1_null$/m);
    expect(text).toMatch(/^n_k1_deleted_d1_null --> \[\*\]$/m);
    expect(text).toContain('n_k1_disabled_d1_null --> n_k1_deleted_d1_null : clock.advance 7d<br/>key.delete#58; #34;now#34;\n');
    expect(text.match(/n_k1_disabled_d1_null --> n_k1_deleted_d1_null/g)).toHaveLength(1);
    expect(text).toMatch(/^(n_a_b_c\S*) --> \1 : a#58; /m);
  });

  it('paints coverage keyed by node id and from|label|to', async () => {
    const painted = graphToMermaid(graph, {
      coverage: {
        states: { '{"k1":"enabled","d1":null}': 'covered', '{"k1":"disabled","d1":null}': 'failed' },
        transitions: { '{"k1":"enabled","d1":null}|key.disable k1|{"k1":"disabled","d1":null}': 'covered' },
      },
    });
    expect(painted).toContain('n_k1_enabled_d1_null --> n_k1_disabled_d1_null : key.disable k1 ✓\n');
    expect(painted).toContain('n_k1_disabled_d1_null --> n_k1_enabled_d1_null : key.enable k1 ○\n');
    expect(painted).toMatch(/^class n_k1_enabled_d1_null covered$/m);
    expect(painted).toMatch(/^class n_k1_disabled_d1_null failed$/m);
    expect(await mermaidVerdict(painted)).toEqual({ ok: true });
  });

  it('refuses an edge to a node that is not in the graph', () => {
    const bad = { nodes: [{ id: 'a', label: 'a' }], edges: [{ from: 'a', to: 'zzz', label: 'x' }] };
    let error: unknown;
    try {
      graphToMermaid(bad);
    } catch (e) {
      error = e;
    }
    expect(isWorkbenchError(error) && error.code === 'MODEL.0902' && error.message.includes('"zzz"')).toBe(true);
  });
});

describe('sequenceToMermaid', () => {
  const text = sequenceToMermaid(
    [
      { actor: 'user', target: 'KMS', label: 'key.disable k1', outcome: 'ok' },
      { actor: 'user', target: 'EVS', label: 'disk.attach d1 → s1', outcome: 'refused', note: 'EVS.2001: key disabled; enable it' },
      { actor: 'user', target: 'EVS', label: 'disk.read d1', outcome: 'failed', note: 'model: EVS.1001, implementation: ok' },
      { actor: 'EVS', target: 'EVS', label: NASTY, outcome: 'ok', note: NASTY },
    ],
    { title: 'counterexample' },
  );

  it('parses', async () => {
    expect(await mermaidVerdict(text)).toEqual({ ok: true });
  });

  it('declares participants in order of first mention and numbers the steps', () => {
    expect(text).toContain('sequenceDiagram\n  autonumber\n  participant p_user as user\n  participant p_KMS as KMS\n  participant p_EVS as EVS\n');
  });

  it('draws ok as an arrow, refused as a cross, failed as a cross on a red band, notes beside', () => {
    expect(text).toContain('  p_user->>p_KMS: key.disable k1\n');
    expect(text).toContain('  p_user-xp_EVS: disk.attach d1 → s1 ⟂ refused\n  Note over p_user,p_EVS: EVS.2001#58; key disabled#59; enable it\n');
    expect(text).toContain('  rect rgb(255, 214, 214)\n    p_user-xp_EVS: disk.read d1 ✗ FAILED\n    Note over p_user,p_EVS: model#58; EVS.1001, implementation#58; ok\n  end\n');
    expect(text).toMatch(/^ {2}Note right of p_EVS: a#58; /m);
  });
});
