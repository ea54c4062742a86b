import { stepSystem, type KeyStateView, type SystemEvent, type SystemState } from '../../models/index.ts';
import type { LogOpName } from './log-line.ts';
import type { Attribute, DiskHistory, KeyTiming, MonitorState } from './monitor-state.ts';

/**
 * What the model predicts for one log line, and the facts around it that
 * pick the requirement a violation breaks.
 */
export type Expectation =
  | { readonly kind: 'ok'; readonly why: string }
  /** `code` null: the line records something that cannot have happened (e.g. keyDeleted too early); it has no error code. */
  | { readonly kind: 'refused'; readonly code: string | null; readonly why: string };

/** The context of a line, read from the state before it (see requirement-map.ts). */
export interface Facts {
  readonly op: LogOpName;
  /** The key involved: the key of a key operation, or the key of the disk. */
  readonly keyId: string | null;
  /** `none` for an unencrypted disk, `unknown` when there is no such key or disk. */
  readonly keyState: KeyStateView | 'unknown';
  readonly timing: KeyTiming | null;
  /** The state of the disk operated on (null when the line is not about an existing disk). */
  readonly diskState: 'available' | 'attached' | null;
  readonly diskEncrypted: boolean | null;
  readonly history: DiskHistory | null;
  /** The attribute of the source (disk, snapshot, image, backup) of a copy or of a disk created from one. */
  readonly source: Attribute | null;
  /** The attribute the line asks for or reports (`encrypted`), when it has one. */
  readonly requested: boolean | null;
  readonly agency: boolean;
  /** The model element that decided: a machine transition or a system/provisioning rule. */
  readonly decidedBy: string;
}

export interface Prediction {
  readonly expected: Expectation;
  /** The state after the line if it goes as predicted (the input state after a refusal). */
  readonly predicted: MonitorState;
  /**
   * When the model refuses but the log claims success: the state with the
   * claimed effect, if the model has a transition for it (the refusal came
   * only from the environment: the key's state, the agency, the requested
   * attribute). Computed only when needed (it runs the model on a
   * hypothetical state). Undefined, or returning undefined: keep the state.
   */
  readonly claimed?: (() => MonitorState | undefined) | undefined;
  readonly facts: Facts;
}

/** The facts every line has; the others default to "not applicable". */
export type FactsInit = Pick<Facts, 'op' | 'agency' | 'decidedBy'> & Partial<Facts>;

/**
 * Builds a complete `Facts` literal. (Not `{ ...defaults, op, ... }`: in V8 an
 * object spread followed by new properties costs microseconds per call, and
 * this runs once per log line.)
 */
export function makeFacts(f: FactsInit): Facts {
  return {
    op: f.op,
    keyId: f.keyId ?? null,
    keyState: f.keyState ?? 'unknown',
    timing: f.timing ?? null,
    diskState: f.diskState ?? null,
    diskEncrypted: f.diskEncrypted ?? null,
    history: f.history ?? null,
    source: f.source ?? null,
    requested: f.requested ?? null,
    agency: f.agency,
    decidedBy: f.decidedBy,
  };
}

/** One model step, with the deciding element as text. */
export interface ModelStep {
  readonly ok: boolean;
  readonly code: string | null;
  readonly next: SystemState;
  readonly decidedBy: string;
}

export function modelStep(system: SystemState, event: SystemEvent): ModelStep {
  const r = stepSystem(system, event);
  const d = r.decidedBy;
  const decidedBy =
    d.machine === 'system' ? `system rule ${d.rule}` : d.machine === 'unhandled' ? `no transition for ${d.event}` : `${d.machine} ${d.from} --${d.event}--> ${d.to}`;
  return r.outcome.kind === 'ok'
    ? { ok: true, code: null, next: r.next, decidedBy }
    : { ok: false, code: r.outcome.code, next: system, decidedBy };
}

/** The state of a key as the model sees it, `unknown` when it was never created. */
export function keyView(system: SystemState, key: string | null): KeyStateView | 'unknown' {
  if (key === null) return 'none';
  const k = system.keys[key];
  return k ? (k.value as KeyStateView) : 'unknown';
}

/** Key states in words for messages. */
export function keyWords(key: string | null, state: KeyStateView | 'unknown'): string {
  if (key === null || state === 'none') return 'the disk is unencrypted';
  const words: Record<Exclude<KeyStateView | 'unknown', 'none'>, string> = {
    enabled: 'enabled',
    disabled: 'disabled',
    pendingDeletion: 'pending deletion',
    deleted: 'deleted',
    unknown: 'unknown (never created)',
  };
  return `key ${key} is ${words[state]}`;
}
