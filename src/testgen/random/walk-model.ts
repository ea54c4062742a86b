import {
  formatEvent,
  initialSystemState,
  stepSystem,
  systemAlphabet,
  type Outcome,
  type SystemConfig,
  type SystemEvent,
  type SystemState,
} from '../../../models/index.ts';
import { diffObservations, expectedObservation, type SutResult, type SystemUnderTest } from '../../adapter/system-under-test.ts';

/**
 * The model side of one random walk: the model's current state (the oracle),
 * which events the alphabet offers there, and the record of every step taken
 * so far. A step executes the event on the system under test, compares its
 * answer and then its observable state with the model's prediction, and only
 * then advances the model.
 */
export interface WalkStep {
  readonly event: SystemEvent;
  readonly expected: Outcome;
  readonly actual: SutResult;
}

/** Why a walk failed, at which step (0-based; -1 for the initial state). */
export interface WalkFailureDetail {
  readonly stepIndex: number;
  readonly event: SystemEvent | null;
  readonly expected: Outcome | null;
  readonly actual: SutResult | null;
  readonly observationDiff: readonly string[];
  readonly reason: string;
}

/** Thrown inside a walk so fast-check sees the failure; carries the whole walk up to it. */
export class WalkFailure extends Error {
  constructor(
    readonly detail: WalkFailureDetail,
    readonly steps: readonly WalkStep[],
    readonly sutSeed: number,
  ) {
    super(detail.reason);
    this.name = 'WalkFailure';
  }
}

export const describeResult = (o: Outcome | SutResult | null): string =>
  o === null ? '—' : o.kind === 'ok' ? 'ok' : o.kind === 'refused' ? o.code : `broken: ${o.message}`;

/** `ok` must be `ok`; a refusal must be a refusal with the same code; `broken` never agrees. */
export function agrees(expected: Outcome, actual: SutResult): boolean {
  if (actual.kind === 'broken') return false;
  return expected.kind === 'ok' ? actual.kind === 'ok' : actual.kind === 'refused' && actual.code === expected.code;
}

const eventKey = (e: SystemEvent): string => JSON.stringify(e);

export class WalkModel {
  state: SystemState;
  readonly steps: WalkStep[] = [];
  private readonly offered = new WeakMap<SystemState, ReadonlySet<string>>();

  constructor(
    readonly config: SystemConfig,
    readonly badInput: boolean,
    readonly sutSeed: number,
  ) {
    this.state = initialSystemState(config);
  }

  /** Whether the alphabet offers this event in the current model state. */
  offers(event: SystemEvent): boolean {
    let keys = this.offered.get(this.state);
    if (keys === undefined) {
      keys = new Set(systemAlphabet(this.config, this.state, { badInput: this.badInput }).map(eventKey));
      this.offered.set(this.state, keys);
    }
    return keys.has(eventKey(event));
  }

  /** The implementation must start where the model starts. */
  async checkInitial(sut: SystemUnderTest): Promise<void> {
    const diff = diffObservations(expectedObservation(this.state), await sut.observe());
    if (diff.length > 0) {
      this.fail({ stepIndex: -1, event: null, expected: null, actual: null, observationDiff: diff, reason: `the initial state differs from the model: ${diff.join('; ')}` });
    }
  }

  /** Executes one event on the implementation and on the model; throws WalkFailure on the first disagreement. */
  async step(event: SystemEvent, sut: SystemUnderTest): Promise<void> {
    const predicted = stepSystem(this.state, event);
    const index = this.steps.length;
    let actual: SutResult;
    try {
      actual = await sut.execute(event);
    } catch (e) {
      actual = { kind: 'broken', message: `execute threw ${e instanceof Error ? e.message : String(e)}` };
    }
    this.steps.push({ event, expected: predicted.outcome, actual });
    const base = { stepIndex: index, event, expected: predicted.outcome, actual };
    if (!agrees(predicted.outcome, actual)) {
      this.fail({
        ...base,
        observationDiff: [],
        reason: `step ${index + 1} (${formatEvent(event)}): the model predicts ${describeResult(predicted.outcome)}, the implementation answered ${describeResult(actual)}`,
      });
    }
    const diff = diffObservations(expectedObservation(predicted.next), await sut.observe());
    if (diff.length > 0) {
      this.fail({ ...base, observationDiff: diff, reason: `after step ${index + 1} (${formatEvent(event)}) the implementation's state differs from the model's: ${diff.join('; ')}` });
    }
    this.state = predicted.next;
  }

  /** Any other error during the walk (the system could not be created, observe threw) as a failure at the current step. */
  wrap(error: unknown): WalkFailure {
    if (error instanceof WalkFailure) return error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new WalkFailure(
      { stepIndex: this.steps.length - 1, event: this.steps.at(-1)?.event ?? null, expected: null, actual: null, observationDiff: [], reason: `the walk stopped with an error: ${message}` },
      [...this.steps],
      this.sutSeed,
    );
  }

  private fail(detail: WalkFailureDetail): never {
    throw new WalkFailure(detail, [...this.steps], this.sutSeed);
  }
}
