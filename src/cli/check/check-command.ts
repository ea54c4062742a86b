import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { explore } from '../../explore/explorer.ts';
import { deriveTable1 } from '../../explore/table1.ts';
import { compareTable1 } from '../../explore/table1-compare.ts';
import { formatTrace, toItf } from '../../explore/trace.ts';
import { EXIT, type CliIo, type Command, type ExitCode } from '../io.ts';
import { loadConfig } from '../verify/verify-args.ts';

const USAGE = 'evs-workbench check [--config NAME|FILE] [--no-symmetry] [--max-states N] [--max-depth K] [--trace-out FILE] [--json]';

const usage = (code: string, message: string, fix: string): WorkbenchError => new WorkbenchError({ code, message, fix: `${fix}\nusage: ${USAGE}` });

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw usage('CLI.0801', `--${name} ${value} is not a positive integer.`, `pass a whole number, e.g. --${name} 100000`);
  return n;
}

/**
 * The model checker alone, in the manner of TLC: explores the composed
 * model exhaustively, checks every property on every state and transition,
 * prints the statistics, the derived Table 1 against the seed's, and for a
 * violated property the shortest counterexample step by step (and as an ITF
 * trace with --trace-out). Exit 0 when every property holds, 1 otherwise.
 */
export const checkCommand: Command = {
  name: 'check',
  summary: 'model-check the composed model (every state and transition, symmetry reduced); counterexamples as ITF traces',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: { config: { type: 'string' }, 'no-symmetry': { type: 'boolean' }, 'max-states': { type: 'string' }, 'max-depth': { type: 'string' }, 'trace-out': { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals.length > 0) throw usage('CLI.0802', `unexpected argument '${positionals[0]}'.`, 'check takes options only');
    const config = loadConfig(values.config ?? 'default', io.cwd);
    const maxStates = positiveInt('max-states', values['max-states']);
    const maxDepth = positiveInt('max-depth', values['max-depth']);
    const started = Date.now();
    const ex = explore(config, { symmetry: !values['no-symmetry'], ...(maxStates ? { maxStates } : {}), ...(maxDepth ? { maxDepth } : {}) });
    const table1 = compareTable1(deriveTable1(ex));
    const seconds = (Date.now() - started) / 1000;
    if (values['trace-out'] && ex.violations[0]) writeFileSync(resolve(io.cwd, values['trace-out']), `${JSON.stringify(toItf(ex.violations[0].trace), null, 1)}\n`);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ config: config.name, stats: ex.stats, symmetryGroupSize: ex.symmetryGroupSize, seconds, violations: ex.violations.map((v) => ({ property: v.property, message: v.message, requirementIds: v.requirementIds, steps: v.trace.steps.length - 1 })), table1: table1.map((c) => ({ keyState: c.keyState, attachment: c.attachment, differences: c.differences, model: c.model, seed: c.seed })) }, null, 2)}\n`);
    } else {
      const s = ex.stats;
      io.stdout.write(
        [
          `config ${config.name}: ${s.states} distinct states (symmetry group of ${ex.symmetryGroupSize}), ${s.edges} transitions explored (${s.acceptedEdges} accepted, ${s.refusedEdges} refused), depth ${s.maxDepth}, ${s.propertyChecks} property checks in ${seconds.toFixed(1)} s${s.complete ? '' : ' — INCOMPLETE (a bound was reached)'}`,
          ...table1.map((c) => `Table 1 (${c.keyState}, ${c.attachment}): ${c.differences.length === 0 ? 'as the seed says' : `differs from the seed in ${c.differences.map((f) => `${f} (seed: ${c.seed[f]}, model: ${c.model[f]})`).join('; ')}`}`),
          ...(ex.violations.length === 0 ? ['every property holds on every reachable state and transition'] : ex.violations.map((v) => `VIOLATED ${v.property}: shortest counterexample\n${formatTrace(v.trace)}`)),
          '',
        ].join('\n'),
      );
    }
    return ex.violations.length === 0 ? EXIT.ok : EXIT.failed;
  },
};
