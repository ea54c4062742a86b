import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { mutatedReferenceFactory, type Mutant } from '../../adapter/mutants.ts';
import { referenceSutFactory, type ReferenceOptions } from '../../adapter/reference/reference-sut.ts';
import type { SutFactory } from '../../adapter/system-under-test.ts';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { createSoftHsmToken, type SoftHsmToken } from '../../hsm/softhsm-token.ts';
import { openSvgRenderer, type SvgRenderer } from '../../report/diagrams/render.ts';
import { EXIT, type CliIo, type Command, type ExitCode } from '../io.ts';
import { Progress } from './progress.ts';
import { runVerify } from './run-verify.ts';
import { parseVerifyArgs, VERIFY_USAGE } from './verify-args.ts';
import { writeBundle } from './write-bundle.ts';
import { writeManifest } from './write-manifest.ts';

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

function factoryFor(hsm: 'software' | 'softhsm', mutant: Mutant | null): { factory: SutFactory; token: SoftHsmToken | null } {
  const build = (options: Omit<ReferenceOptions, 'mutate'>): SutFactory => (mutant ? mutatedReferenceFactory(mutant, options) : referenceSutFactory(options));
  if (hsm === 'software') return { factory: build({}), token: null };
  const token = createSoftHsmToken('evs-verify');
  const rootKey = { kind: 'pkcs11' as const, modulePath: token.modulePath, tokenLabel: token.tokenLabel, pin: token.pin, keyLabel: 'evs-root-key' };
  return { factory: build({ rootKey }), token };
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'model-check, generate and run the tests against the implementation, and write the evidence bundle',
  usage: VERIFY_USAGE,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const options = parseVerifyArgs(args, io.cwd);
    const startedAt = new Date();
    const out = resolve(io.cwd, options.out ?? join('evidence', startedAt.toISOString().replace(/[:.]/g, '-')));
    mkdirSync(out, { recursive: true });
    const progress = new Progress(io.stderr, () => Date.now(), options.quiet);
    io.stderr.write(`evs-workbench verify: config ${options.config.name}, seed ${options.seed} (replay with --seed ${options.seed}), strategies ${options.strategies.map((s) => s.kind).join(',')}\n`);
    const { factory, token } = factoryFor(options.hsm, options.mutant);
    if (options.mutant) io.stderr.write(`planted fault: ${options.mutant.id} — ${options.mutant.description}\n`);
    let renderer: SvgRenderer | null = null;
    try {
      const run = await runVerify(options, factory, progress, { version: toolVersion(), command: ['evs-workbench', 'verify', ...args], now: () => Date.now() });
      progress.start('writing the evidence bundle');
      if (options.svg) {
        try {
          renderer = await openSvgRenderer();
        } catch (e) {
          if (!(e instanceof WorkbenchError)) throw e;
          io.stderr.write(`warning: diagrams are written as Mermaid text only: ${e.describe()}\n`);
        }
      }
      const files = await writeBundle(out, run, renderer);
      await writeManifest(out, { seed: options.seed, command: ['evs-workbench', 'verify', ...args], createdAt: startedAt.toISOString() });
      progress.done(`${files.length + 1} files`);
      const s = run.results.summary;
      const rel = relative(io.cwd, out);
      const where = rel === '' ? '.' : rel.startsWith('..') ? out : rel;
      io.stdout.write(
        [
          `verdict: ${run.results.verdict.toUpperCase()}`,
          `requirements: ${s.requirements.passed} passed, ${s.requirements.failed} failed, ${s.requirements.covered}/${s.requirements.total} covered`,
          `tests: ${s.tests.passed} passed, ${s.tests.failed} failed`,
          `model: ${s.model.states} states, ${s.model.transitions} transition classes, ${s.model.propertiesChecked} properties, ${s.model.violations} violations`,
          `Table 1: ${s.table1.covered}/${s.table1.cells} cells covered, ${s.table1.matchingSeed} match the seed (differences are findings in the report)`,
          `evidence bundle: ${where}/ (open ${where}/report.html; check it with: npx evs-workbench verify-bundle ${where})`,
          `replay: npx evs-workbench ${['verify', ...args.filter((a, i) => a !== '--seed' && args[i - 1] !== '--seed'), '--seed', String(options.seed)].join(' ')}`,
          '',
        ].join('\n'),
      );
      return run.results.verdict === 'pass' ? EXIT.ok : EXIT.failed;
    } finally {
      await renderer?.close();
      token?.cleanup();
    }
  },
};
