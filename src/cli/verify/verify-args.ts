import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PRESETS, parseSystemConfig, type SystemConfig } from '../../../models/index.ts';
import { MUTANTS, mutantById, type Mutant } from '../../adapter/mutants.ts';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { secureRandom } from '../../rng/random-source.ts';
import { DEFAULT_STRATEGIES, parseStrategies, type StrategySpec } from '../../testgen/strategy.ts';

export const VERIFY_USAGE =
  'evs-workbench verify [--config NAME|FILE] [--out DIR] [--seed N] [--depth K] [--strategies LIST] [--only TEST_ID] [--hsm softhsm] [--mutant ID] [--replay-path TOKEN] [--no-bad-input] [--no-svg] [--quiet]';

export interface VerifyOptions {
  readonly config: SystemConfig;
  readonly out: string | null;
  readonly seed: number;
  readonly seedGiven: boolean;
  readonly strategies: readonly StrategySpec[];
  readonly only: string | null;
  readonly hsm: 'software' | 'softhsm';
  /** A planted fault (src/adapter/mutants.ts), to see what a failing bundle looks like and prove the suites catch it. */
  readonly mutant: Mutant | null;
  /** A random walk's replay token (printed by a failing walk): reruns exactly that counterexample. */
  readonly replayPath: string | null;
  /** Random walks also offer the model's bad-input events (invalid waiting periods, grants without permission). */
  readonly badInput: boolean;
  readonly svg: boolean;
  readonly quiet: boolean;
}

const usage = (code: string, message: string, fix: string): WorkbenchError => new WorkbenchError({ code, message, fix: `${fix}\nusage: ${VERIFY_USAGE}` });

export function loadConfig(value: string, cwd: string): SystemConfig {
  const preset = PRESETS[value];
  if (preset) return preset;
  if (!/[./\\]/.test(value)) throw usage('CONFIG.0001', `'${value}' is neither a preset nor a file.`, `use one of the presets ${Object.keys(PRESETS).join(', ')}, or a path to a JSON configuration file`);
  let text: string;
  try {
    text = readFileSync(resolve(cwd, value), 'utf8');
  } catch {
    throw usage('CONFIG.0002', `cannot read the configuration file ${value}.`, 'check the path; configuration files are JSON like {"cmks":["k1"],"disks":[{"id":"d1","encrypted":true,"key":"k1"}],"servers":["s1"]}');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw usage('CONFIG.0003', `the configuration file ${value} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`, 'fix the JSON syntax');
  }
  const r = parseSystemConfig(json, value.replace(/^.*[\\/]/, '').replace(/\.json$/, ''));
  if (!r.ok) {
    throw new WorkbenchError({
      code: 'CONFIG.0004',
      message: `the configuration file ${value} is not valid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`,
      fix: r.issues.map((i) => `${i.path}: ${i.fix}`).join('; '),
      data: { issues: r.issues },
    });
  }
  return r.config;
}

export function parseVerifyArgs(args: readonly string[], cwd: string): VerifyOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      depth: { type: 'string' },
      strategies: { type: 'string' },
      only: { type: 'string' },
      hsm: { type: 'string' },
      mutant: { type: 'string' },
      'replay-path': { type: 'string' },
      'no-bad-input': { type: 'boolean' },
      'no-svg': { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw usage('CLI.0501', `unexpected argument '${positionals[0]}'.`, 'verify takes options only');
  const config = loadConfig(values.config ?? 'default', cwd);
  let seed = secureRandom.int(0x7fffffff);
  if (values.seed !== undefined) {
    const n = Number(values.seed);
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw usage('CLI.0502', `--seed ${values.seed} is not an integer in 0..2147483647.`, 'pass the seed printed by an earlier run, e.g. --seed 42');
    seed = n;
  }
  let strategies: StrategySpec[] = [...DEFAULT_STRATEGIES];
  if (values.strategies !== undefined) {
    const r = parseStrategies(values.strategies);
    if (!r.ok) throw usage('CLI.0503', r.message, r.fix);
    strategies = r.strategies;
  }
  if (values.depth !== undefined) {
    const k = Number(values.depth);
    if (!Number.isInteger(k) || k < 1 || k > 12) throw usage('CLI.0504', `--depth ${values.depth} is not an integer in 1..12.`, 'pass the bounded-exhaustive depth, e.g. --depth 5');
    strategies = strategies.map((s) => (s.kind === 'bounded' ? { ...s, depth: k } : s));
    if (!strategies.some((s) => s.kind === 'bounded')) strategies.push({ kind: 'bounded', depth: k, preset: 'minimal' });
  }
  const hsm = values.hsm ?? 'software';
  if (hsm !== 'software' && hsm !== 'softhsm') throw usage('CLI.0505', `--hsm ${hsm} is not known.`, 'use --hsm softhsm to keep the root key in a SoftHSM2 token (PKCS#11), or leave it out for the software root key');
  let mutant: Mutant | null = null;
  if (values.mutant !== undefined) {
    mutant = mutantById(values.mutant) ?? null;
    if (!mutant) throw usage('CLI.0506', `--mutant ${values.mutant} is not a known planted fault.`, `use one of: ${MUTANTS.map((m) => m.id).join(', ')}`);
  }
  const replayPath = values['replay-path'] ?? null;
  if (replayPath !== null && !strategies.some((s) => s.kind === 'random')) {
    throw usage('CLI.0507', '--replay-path replays a random walk, but the random strategy is not selected.', 'add --strategies random:1xLENGTH with the length the failing run used (the printed replay line has it)');
  }
  return {
    config,
    mutant,
    replayPath,
    badInput: !values['no-bad-input'],
    out: values.out ?? null,
    seed,
    seedGiven: values.seed !== undefined,
    strategies,
    only: values.only ?? null,
    hsm,
    svg: !values['no-svg'],
    quiet: values.quiet ?? false,
  };
}
