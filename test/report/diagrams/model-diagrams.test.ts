import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmkMachine, diskMachine } from '../../../models/index.ts';
import { checkDiagrams, modelDiagrams, REGENERATE_COMMAND } from '../../../src/report/diagrams/diagram-set.ts';
import { allStates, outlineMachine } from '../../../src/report/diagrams/machine-outline.ts';
import { mermaidVerdict } from './mermaid-parser.ts';

/**
 * The diagrams of the real models: every one parses, shows every state and
 * every refusal code of its machine, and the committed files in diagrams/
 * match what the models generate now (the CI guard against stale diagrams).
 */
const diagrams = modelDiagrams();

describe('diagrams of the models', () => {
  it('has the CMK, the disk and the composed system at a small configuration', () => {
    expect(diagrams.map((d) => d.name)).toEqual(['cmk', 'disk', 'system-minimal']);
  });

  it.each(diagrams.map((d) => [d.name, d] as const))('%s parses with Mermaid', async (_, d) => {
    expect(await mermaidVerdict(d.mermaid)).toEqual({ ok: true });
  });

  it.each([
    ['cmk', cmkMachine],
    ['disk', diskMachine],
  ] as const)('%s shows every state, every accepted event and every refusal code of its machine', (name, machine) => {
    const text = diagrams.find((d) => d.name === name)?.mermaid ?? '';
    const states = allStates(outlineMachine(machine));
    for (const s of states.slice(1)) expect(text).toMatch(new RegExp(`^\\s*state "${s.key}" as `, 'm'));
    const transitions = states.flatMap((s) => s.transitions);
    for (const t of transitions.filter((t) => t.refusal === null)) expect(text).toMatch(new RegExp(`--> \\S+ : (.*<br/>)?${t.event.replace('.', '\\.')}\\b`));
    const codes = new Set(transitions.flatMap((t) => (t.refusal === null ? [] : [t.refusal])));
    expect(codes.size).toBeGreaterThan(0);
    for (const code of codes) expect(text).toMatch(new RegExp(`^\\s+• .*⟂ ${code.replace('.', '\\.')}`, 'm'));
  });

  it('draws the composed system from its initial state', () => {
    const text = diagrams.find((d) => d.name === 'system-minimal')?.mermaid ?? '';
    expect(text).toMatch(/^\[\*\] --> n_/m);
    expect(text).toContain('key.disable k1');
    expect(text).toContain('disk.attach d1 → s1');
  });
});

describe('committed diagrams/', () => {
  it(`match the models (if not, run: ${REGENERATE_COMMAND})`, () => {
    const dir = join(import.meta.dirname, '../../../diagrams');
    const files = new Map(readdirSync(dir).filter((f) => /\.(mmd|svg)$/.test(f)).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const result = checkDiagrams(diagrams, files);
    const problems = [...result.missing.map((f) => `missing ${f}`), ...result.stale.map((s) => `stale ${s.file}: ${s.reason}`), ...result.extra.filter((e) => e.generated).map((e) => `obsolete ${e.file}`)];
    expect(problems, `diagrams/ is out of date; run: ${REGENERATE_COMMAND}`).toEqual([]);
  });
});
