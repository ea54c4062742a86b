import fc from 'fast-check';
import type { SystemConfig, SystemEvent } from '../../../models/index.ts';
import type { SutFactory, SystemUnderTest } from '../../adapter/system-under-test.ts';
import { systemClock, type Clock } from '../../clock/clock.ts';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { walkCommandArbitraries } from './walk-commands.ts';
import { WalkFailure, WalkModel, type WalkFailureDetail, type WalkStep } from './walk-model.ts';
import { commandsReplayPath, decodeReplayToken, encodeReplayToken, formatWalkFailure, replayApiCall, replayCommandLine } from './walk-report.ts';

/**
 * Random long walks through the composed system with fast-check's model-based
 * testing: each walk is a sequence of commands (one class per event shape,
 * offered only where the model's alphabet offers the event); every step runs
 * on a fresh system under test and on the model, which is the oracle. The
 * first disagreement (answer, then observable state) fails the walk, and
 * fast-check shrinks it to a minimal failing sequence. Same seed, same
 * walks; a failure's replay token reruns exactly its counterexample.
 */
export interface WalkProgress {
  /** `walk` while searching; `shrink` once a failure was found and fast-check tries smaller walks; `replay` for a path replay. */
  readonly phase: 'walk' | 'shrink' | 'replay';
  /** How many walks (searching, shrinking or replaying) have run, this one included. */
  readonly execution: number;
  readonly sutSeed: number;
  /** The events this walk executed, in order (the failing one included). */
  readonly events: readonly SystemEvent[];
  readonly passed: boolean;
}

export interface RandomWalkOptions {
  readonly config: SystemConfig;
  readonly factory: SutFactory;
  /** fast-check's seed: same seed, same walks. */
  readonly seed: number;
  /** Number of walks (ignored when replaying a path). */
  readonly runs: number;
  /** At most this many generated commands per walk (commands the alphabet does not offer are skipped). */
  readonly maxLength: number;
  /** Also offer the model's bad-input events (invalid waiting periods, grants without permission). */
  readonly badInput?: boolean;
  /** A replay token from a failed result (`path`): reruns only that counterexample (same config, seed, maxLength and badInput). */
  readonly path?: string;
  readonly onProgress?: (progress: WalkProgress) => void;
  /** For `durationMs` only. */
  readonly clock?: Clock;
}

export type RandomWalkResult =
  | { readonly kind: 'pass'; readonly runs: number; readonly events: number; readonly seed: number; readonly durationMs: number }
  | {
      readonly kind: 'fail';
      readonly seed: number;
      /** Replay token: fast-check's counterexample path, plus `@` and the commands' replay path when shrinking happened. */
      readonly path: string;
      /** The shrunk (minimal) failing walk, the failing event last. */
      readonly counterexample: readonly SystemEvent[];
      /** Each step of the counterexample: the model's prediction and the implementation's answer. */
      readonly steps: readonly WalkStep[];
      readonly failure: WalkFailureDetail;
      /** The seed the system under test was created with for this walk. */
      readonly sutSeed: number;
      readonly shrinks: number;
      /** The counterexample step by step with expected vs actual, the differences, and the replay lines. */
      readonly message: string;
      /** One command line that replays the counterexample. */
      readonly replay: string;
      /** The same replay through `runRandomWalks` (one line). */
      readonly replayApi: string;
      readonly durationMs: number;
    };

function invalid(message: string, fix: string, data: Record<string, unknown>): WorkbenchError {
  return new WorkbenchError({ code: 'CLI.0603', message, fix, data });
}

function checkOptions(o: RandomWalkOptions): void {
  if (!Number.isInteger(o.seed) || o.seed < -0x80000000 || o.seed > 0xffffffff) {
    throw invalid(`seed ${o.seed} is not a 32-bit integer`, 'pass an integer seed such as 42 (the seed printed by an earlier run)', { seed: o.seed });
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw invalid(`runs must be a positive integer, got ${o.runs}`, 'pass --runs 30, for example', { runs: o.runs });
  if (!Number.isInteger(o.maxLength) || o.maxLength < 1) {
    throw invalid(`maxLength must be a positive integer, got ${o.maxLength}`, 'pass --max-length 40, for example', { maxLength: o.maxLength });
  }
}

export async function runRandomWalks(options: RandomWalkOptions): Promise<RandomWalkResult> {
  checkOptions(options);
  const { config, factory, seed, maxLength } = options;
  const badInput = options.badInput ?? false;
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const token = options.path === undefined ? null : decodeReplayToken(options.path);

  // A fresh arbitrary per call: fast-check's commands arbitrary keeps the replay state of its shrinks.
  const walks = fc.commands<WalkModel, SystemUnderTest, false>(walkCommandArbitraries(config, badInput), {
    maxCommands: maxLength,
    size: 'max',
    ...(token?.replayPath ? { replayPath: token.replayPath } : {}),
  });
  let executions = 0;
  let failures = 0;
  let events = 0;
  const property = fc.asyncProperty(fc.noShrink(fc.nat({ max: 0x7fffffff })), walks, async (sutSeed, commands) => {
    // a replay runs the walk at the path only; fast-check would go on with that walk's shrink siblings
    if (token !== null && executions > 0) return;
    const model = new WalkModel(config, badInput, sutSeed);
    let passed = false;
    try {
      const sut = await factory.create(config, sutSeed);
      try {
        await model.checkInitial(sut);
        await fc.asyncModelRun(() => ({ model, real: sut }), commands);
        passed = true;
      } finally {
        await sut.close();
      }
    } catch (e) {
      throw model.wrap(e);
    } finally {
      executions++;
      if (failures === 0) events += model.steps.length;
      const phase = token !== null ? 'replay' : failures > 0 ? 'shrink' : 'walk';
      if (!passed) failures++;
      options.onProgress?.({ phase, execution: executions, sutSeed, events: model.steps.map((s) => s.event), passed });
    }
  });

  const parameters = token === null ? { seed, numRuns: options.runs } : { seed, numRuns: 1, path: token.path, endOnFailure: true };
  // fast-check throws synchronously for a path that does not fit, hence the async wrapper
  const details = await (async () => fc.check(property, parameters))().catch((e: unknown): never => {
    if (token === null) throw e;
    throw new WorkbenchError({
      code: 'CLI.0602',
      message: `the replay path '${options.path}' does not fit these walks (${e instanceof Error ? e.message : String(e)})`,
      fix: 'replay with the same configuration, seed, maximum length and bad-input setting as the failing run, and the exact --replay-path it printed',
      data: { path: options.path, seed },
      cause: e,
    });
  });
  const durationMs = clock.now() - started;
  if (!details.failed) return { kind: 'pass', runs: executions, events, seed, durationMs };

  const error = details.errorInstance;
  const failure =
    error instanceof WalkFailure
      ? error
      : new WalkFailure(
          { stepIndex: -1, event: null, expected: null, actual: null, observationDiff: [], reason: `fast-check stopped: ${details.interrupted ? 'interrupted' : String(error)}` },
          [],
          0,
        );
  const replayPath = details.counterexample === null ? null : commandsReplayPath(String(details.counterexample[1]));
  const path = encodeReplayToken(details.counterexamplePath ?? '0', token?.replayPath ?? replayPath);
  const replayParameters = { config, seed, maxLength, badInput, token: path };
  const replay = replayCommandLine(replayParameters);
  const replayApi = replayApiCall(replayParameters);
  const message = formatWalkFailure({
    config,
    seed,
    sutSeed: failure.sutSeed,
    shrinks: details.numShrinks,
    steps: failure.steps,
    detail: failure.detail,
    replay,
    replayApi,
  });
  return {
    kind: 'fail',
    seed,
    path,
    counterexample: failure.steps.map((s) => s.event),
    steps: failure.steps,
    failure: failure.detail,
    sutSeed: failure.sutSeed,
    shrinks: details.numShrinks,
    message,
    replay,
    replayApi,
    durationMs,
  };
}
