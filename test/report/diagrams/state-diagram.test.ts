import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { outlineMachine, allStates } from '../../../src/report/diagrams/machine-outline.ts';
import { machineToMermaid } from '../../../src/report/diagrams/state-diagram.ts';
import { fixtureMachine, NASTY, nastyMachine } from './fixture-machines.ts';
import { mermaidVerdict } from './mermaid-parser.ts';

/** The Mermaid id a state got, from its `state "label" as id` line. */
function idOf(text: string, label: string): string {
  const m = new RegExp(`^\\s*state "${label}" as (\\S+)`, 'm').exec(text);
  if (!m?.[1]) throw new Error(`no state "${label}" in\n${text}`);
  return m[1];
}

function noteOf(text: string, id: string): string[] {
  const m = new RegExp(`note right of ${id}\\n([\\s\\S]*?)\\n\\s*end note`).exec(text);
  return m?.[1]?.split('\n').map((l) => l.trim()) ?? [];
}

describe('machineToMermaid', () => {
  const text = machineToMermaid(fixtureMachine);

  it('produces text that Mermaid parses as a state diagram', async () => {
    expect(text).toMatch(/^---\ntitle: "fx: fixture machine"\n---\nstateDiagram-v2\n/);
    expect(await mermaidVerdict(text)).toEqual({ ok: true });
  });

  it('declares every state of the machine, nesting compound and parallel states', () => {
    for (const s of allStates(outlineMachine(fixtureMachine)).filter((s) => s.id !== 'fx')) idOf(text, s.key);
    expect(text).toMatch(/state "p" as s_fx_p \{\n\s+state "l" as s_fx_p_l \{[\s\S]*\n\s+--\n\s+state "r" as s_fx_p_r \{/);
    expect(text).toMatch(/state "l" as s_fx_p_l \{\n\s+\[\*\] --> s_fx_p_l_l1\n/);
  });

  it('draws initial and final states with [*]', () => {
    expect(text).toMatch(/^\[\*\] --> s_fx_a$/m);
    expect(text).toMatch(/^s_fx_done --> \[\*\]$/m);
    expect(text).toMatch(/^\s+s_fx_p_l_l2 --> \[\*\]$/m);
  });

  it('labels accepted transitions `event [guard] / actions`, with named, parameterised and combined guards, one arrow per pair', () => {
    expect(text).toContain('s_fx_a --> s_fx_b : GO [isOk] / bump #123;R-1#125;');
    expect(text).toContain('s_fx_a --> s_fx_done : STOP [isBig(2)]');
    expect(text).toContain('s_fx_a --> s_fx_p : x.y [isOk #38;#38; !isOk]');
    expect(text).toContain('s_fx_b --> s_fx_a : after 1000ms<br/>always [isOk]\n');
    expect(text.match(/s_fx_b --> s_fx_a/g)).toHaveLength(1);
    expect(text).toContain('s_fx_p --> s_fx_done : done');
  });

  it('draws targetless accepted transitions as self-loops and a deep transition out of a region at top level', () => {
    expect(text).toMatch(/^s_fx_a --> s_fx_a : READ$/m);
    expect(text).toMatch(/^s_fx_p_l_l1 --> s_fx_done : STOP$/m);
    expect(text).toMatch(/^\s+s_fx_p_l_l1 --> s_fx_p_l_l2 : GO$/m);
  });

  it('lists refusals in a note on the state instead of drawing arrows', () => {
    expect(noteOf(text, 's_fx_a')).toEqual(['• GO [!isOk] ⟂ KMS.0209 #8212; refused because not ok']);
    expect(noteOf(text, 's_fx_p_r_r1')).toEqual(['• GO ⟂ R.0001']);
    expect(text).not.toMatch(/-->.*KMS\.0209/);
  });

  it('puts state descriptions and scalar meta in the box, a composite state description in a note', () => {
    expect(text).toContain('s_fx_a : state a');
    expect(text).toContain('s_fx_a : owner#58; kms');
    expect(noteOf(text, 's_fx_p')).toEqual(['parallel p']);
    expect(text).not.toMatch(/^\s*s_fx_p : /m);
  });

  it('shows transitions of the machine root on an "any state" pseudo-state', () => {
    expect(text).toContain('state "any state" as s_any');
    expect(text).toMatch(/^s_any --> s_any : READ \/ bump$/m);
    expect(noteOf(text, 's_any')).toEqual(['• STOP ⟂ X.0001']);
  });

  it('compact detail drops actions, requirements and descriptions of refusals', () => {
    const compact = machineToMermaid(fixtureMachine, { detail: 'compact', title: 'T', direction: 'LR' });
    expect(compact).toContain('s_fx_a --> s_fx_b : GO [isOk]\n');
    expect(compact).toContain('• GO [!isOk] ⟂ KMS.0209\n');
    expect(compact).toMatch(/^stateDiagram-v2\ndirection LR$/m);
  });

  it('is deterministic', () => {
    expect(machineToMermaid(fixtureMachine)).toBe(text);
  });
});

describe('machineToMermaid with coverage', () => {
  const text = machineToMermaid(fixtureMachine, {
    coverage: {
      states: { 'fx.a': 'covered', 'fx.b': 'failed' },
      transitions: { 'fx.a|GO|fx.b': 'covered', 'fx.b|xstate.after.1000.fx.b|fx.a': 'failed', 'fx.a|GO|refused:KMS.0209': 'covered' },
    },
  });

  it('paints states green, red and grey (unmentioned = uncovered) with classDef', async () => {
    expect(text).toContain('classDef covered fill:#d8f3dc');
    expect(text).toContain('classDef failed fill:#ffd6d6');
    expect(text).toMatch(/^class s_fx_a covered$/m);
    expect(text).toMatch(/^class s_fx_b failed$/m);
    expect(text).toMatch(/^class s_fx_p,s_fx_p_l,s_fx_p_l_l1,s_fx_p_l_l2,s_fx_p_r,s_fx_p_r_r1,s_fx_done uncovered$/m);
    expect(await mermaidVerdict(text)).toEqual({ ok: true });
  });

  it('marks transitions and refusals ✓ covered, ✗ failed, ○ uncovered', () => {
    expect(text).toContain('s_fx_a --> s_fx_b : GO [isOk] / bump #123;R-1#125; ✓');
    expect(text).toContain('s_fx_b --> s_fx_a : after 1000ms ✗<br/>always [isOk] ○');
    expect(text).toContain('s_fx_a --> s_fx_a : READ ○');
    expect(noteOf(text, 's_fx_a')).toEqual(['• GO [!isOk] ⟂ KMS.0209 ✓ #8212; refused because not ok']);
  });
});

describe('machineToMermaid with hostile names', () => {
  const text = machineToMermaid(nastyMachine);

  it('still parses', async () => {
    expect(await mermaidVerdict(text)).toEqual({ ok: true });
  });

  it('keeps risky characters out of the syntax: entity codes in labels, safe identifiers', () => {
    const body = text.split('\n').slice(4);
    for (const line of body.filter((l) => !l.startsWith('note ') && l.trim() !== 'end note')) {
      const label = /^\s*\S+ --> \S+ : (.*)$/.exec(line)?.[1] ?? /^\s*\S+ : (.*)$/.exec(line)?.[1] ?? /^\s*• (.*)$/.exec(line)?.[1];
      if (label !== undefined) expect(label.replace(/#\d+;/g, '_')).not.toMatch(/[:;"%<>#]|end note/i);
    }
    expect(text).toMatch(/^state "end" as s_nasty_m_end$/m);
    expect(text).toContain('state "state#58; #34;s#34; #123;x#125;" as s_nasty_m_state_s_x');
    expect(text).toContain('#101;nd note ⟂ X.1');
    expect(text).toContain(`title: ${JSON.stringify(`nasty: "m": ${NASTY}`)}`);
  });

  it('renders single states and parallel roots too', async () => {
    const single = setup({}).createMachine({ id: 'one', description: 'only' });
    const parallel = setup({}).createMachine({
      id: 'par',
      type: 'parallel',
      on: { X: { meta: { refusal: { code: 'Z.1' } } } },
      states: { l: { initial: 'a', states: { a: { on: { X: 'b' } }, b: {} } }, r: { initial: 'c', states: { c: {} } } },
    });
    const one = machineToMermaid(single);
    const par = machineToMermaid(parallel);
    expect(one).toMatch(/^state "one" as s_one\ns_one : only\n\[\*\] --> s_one$/m);
    expect(par).toMatch(/^state "par" as s_par \{$/m);
    expect(par).toContain('• X ⟂ Z.1');
    expect(await mermaidVerdict(one)).toEqual({ ok: true });
    expect(await mermaidVerdict(par)).toEqual({ ok: true });
  });
});
