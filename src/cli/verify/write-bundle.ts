import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatEvent, type Outcome } from '../../../models/index.ts';
import { toItf } from '../../explore/trace.ts';
import { renderBundleFiles } from '../../report/manifest/bundle-files.ts';
import { failureSequenceMermaid } from '../../report/markdown/test-sequence.ts';
import type { VerifyResults } from '../../report/results.ts';
import type { SvgRenderer } from '../../report/diagrams/render.ts';
import { describeOutcome } from '../../testgen/run-case.ts';
import type { VerifyRun } from './run-verify.ts';

/**
 * Writes the evidence bundle (the only I/O of `verify` besides the
 * workspaces): results.json, report.html, report.md, junit.xml, one ITF trace
 * per test, the diagrams (.mmd and .svg). The manifest is written last, by the
 * caller, over everything here.
 */
export async function writeBundle(dir: string, run: VerifyRun, renderer: SvgRenderer | null): Promise<string[]> {
  mkdirSync(join(dir, 'traces'), { recursive: true });
  mkdirSync(join(dir, 'diagrams'), { recursive: true });
  const written: string[] = [];
  const put = (name: string, text: string): void => {
    writeFileSync(join(dir, name), text);
    written.push(name);
  };
  const diagrams = [];
  for (const d of run.results.diagrams) {
    const svg = renderer ? await renderer.render(d.mermaid, d.name) : null;
    put(`diagrams/${d.name}.mmd`, `${d.mermaid}\n`);
    if (svg) put(`diagrams/${d.name}.svg`, svg);
    diagrams.push({ ...d, svg });
  }
  const results: VerifyResults = { ...run.results, diagrams };
  const sequenceDiagrams: Record<string, string> = {};
  for (const t of results.tests) {
    if (t.status !== 'failed') continue;
    const mermaid = failureSequenceMermaid(t);
    if (!mermaid) continue;
    put(`diagrams/failure-${t.id}.mmd`, `${mermaid}\n`);
    if (renderer) sequenceDiagrams[t.id] = await renderer.render(mermaid, `failure-${t.id}`);
  }
  for (const v of run.verdicts) {
    const answers = new Map(v.kind === 'fail' ? v.answers.filter((a) => !a.probe).map((a) => [a.index, describeOutcome(a.actual)] as const) : []);
    const itf = toItf({
      description: `${v.test.id}: ${v.test.purpose} (${v.kind === 'pass' ? 'passed' : 'FAILED'})`,
      config: v.test.config,
      steps: [
        ...(v.oracle[0] ? [{ event: null, outcome: null, state: v.oracle[0].before }] : []),
        ...v.oracle.map((s) => ({ event: s.event, outcome: s.outcome, state: s.after })),
      ],
    });
    const states = itf.states.map((s, i) => ({ ...s, implementation: i === 0 ? null : (answers.get(i - 1) ?? (v.kind === 'pass' ? outcomeText(v.oracle[i - 1]?.outcome) : 'not run')) }));
    put(`traces/${v.test.id}.json`, `${JSON.stringify({ ...itf, vars: [...itf.vars, 'implementation'], states }, null, 1)}\n`);
  }
  const random = run.random;
  if (random) {
    const name = results.tests.find((t) => t.strategy === 'random')?.trace ?? 'traces/random.json';
    const body =
      random.kind === 'pass'
        ? { '#meta': { format: 'ITF', description: `fast-check random walks: ${random.runs} walks, ${random.events} events, all agree with the model`, seed: random.seed }, states: [] }
        : { '#meta': { format: 'ITF', description: random.message, seed: random.seed, replay: random.replay }, counterexample: random.counterexample.map(formatEvent), steps: random.steps };
    put(name, `${JSON.stringify(body, null, 1)}\n`);
  }
  for (const v of run.provisioning) put(`traces/${v.caseId}.json`, `${JSON.stringify({ '#meta': { format: 'provisioning-case', description: v.title, seed: v.seed }, verdict: v }, null, 1)}\n`);
  for (const f of renderBundleFiles(results, { sequenceDiagrams })) put(f.path, f.content);
  return written;
}

const outcomeText = (o: Outcome | undefined): string => (o === undefined ? '—' : o.kind === 'ok' ? 'ok' : o.code);
