import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import { refusalTarget, transitionKey } from './coverage.ts';
import { describeAction, describeGuard } from './xstate-labels.ts';

/**
 * A plain-data outline of an XState v5 machine, read from its StateNode tree
 * (`machine.root`, `.states`, `.initial`, `.transitions`, `.always`): what a
 * diagram needs and nothing else. States and transitions keep document order,
 * so the outline (and every diagram drawn from it) is deterministic.
 */
export interface OutlineTransition {
  /** Coverage key (`transitionKey`): `from|event|to`. */
  readonly key: string;
  /** State node id of the source. */
  readonly source: string;
  /** State node id of the target; `null` for a targetless transition (drawn as a self-loop or a refusal note). */
  readonly target: string | null;
  /** The XState event type (`always` for eventless transitions). */
  readonly event: string;
  /** The event as shown on the diagram (`after 1000ms`, `done`, ...). */
  readonly eventLabel: string;
  readonly guard: string | null;
  readonly actions: readonly string[];
  readonly description: string | null;
  readonly requirements: readonly string[];
  /** The refusal code of an explicit refusal (`meta.refusal.code`), else null. */
  readonly refusal: string | null;
}

export interface OutlineState {
  /** XState state node id (`cmk.enabled`). */
  readonly id: string;
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly description: string | null;
  /** Scalar entries of `meta` (strings, numbers, booleans, lists of them), rendered as `key: value`. */
  readonly meta: ReadonlyArray<readonly [string, string]>;
  /** State node id of the initial child of a compound state, else null. */
  readonly initial: string | null;
  readonly children: readonly OutlineState[];
  /** Transitions leaving this state node, in document order. */
  readonly transitions: readonly OutlineTransition[];
}

export function outlineMachine(machine: AnyStateMachine): OutlineState {
  return outlineNode(machine.root);
}

/** Every state of the outline, depth first in document order (root first). */
export function allStates(root: OutlineState): OutlineState[] {
  return [root, ...root.children.flatMap(allStates)];
}

function outlineNode(node: AnyStateNode): OutlineState {
  const children = Object.values(node.states).map(outlineNode);
  const definitions: AnyTransitionDefinition[] = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
  return {
    id: node.id,
    key: node.key,
    type: node.type,
    description: node.description ?? null,
    meta: scalarMeta(node.meta),
    initial: node.type === 'compound' ? (node.initial.target[0]?.id ?? null) : null,
    children,
    transitions: definitions.flatMap((t) => outlineTransitions(node.id, t)),
  };
}

function outlineTransitions(source: string, t: AnyTransitionDefinition): OutlineTransition[] {
  const event = t.eventType === '' ? 'always' : String(t.eventType);
  const meta: unknown = t.meta;
  const refusal = refusalCode(meta);
  const common = {
    source,
    event,
    eventLabel: eventLabel(event),
    guard: t.guard === undefined ? null : describeGuard(t.guard),
    actions: t.actions.map(describeAction).filter((a) => a.length > 0),
    description: typeof t.description === 'string' && t.description.trim().length > 0 ? t.description : null,
    requirements: requirementsOf(meta),
    refusal,
  };
  const targets = t.target ?? [];
  if (targets.length === 0) {
    return [{ ...common, key: transitionKey(source, event, refusal === null ? source : refusalTarget(refusal)), target: null }];
  }
  return targets.map((target) => ({ ...common, key: transitionKey(source, event, target.id), target: target.id }));
}

/** `xstate.after.1000.cmk.x` → `after 1000ms`, `xstate.done.state.…` → `done`, `xstate.done.actor.id` → `done: id`. */
export function eventLabel(event: string): string {
  const after = /^xstate\.after\.([^.]+)\./.exec(event);
  if (after) return /^\d+$/.test(after[1] ?? '') ? `after ${after[1]}ms` : `after ${after[1]}`;
  if (event.startsWith('xstate.done.state.')) return 'done';
  const actor = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event);
  if (actor) return `${actor[1]}: ${actor[2]}`;
  return event;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function refusalCode(meta: unknown): string | null {
  if (!isRecord(meta)) return null;
  const refusal = meta['refusal'];
  return isRecord(refusal) && typeof refusal['code'] === 'string' ? refusal['code'] : null;
}

function requirementsOf(meta: unknown): string[] {
  if (!isRecord(meta)) return [];
  const r = meta['requirements'];
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : [];
}

function scalarMeta(meta: unknown): Array<readonly [string, string]> {
  if (!isRecord(meta)) return [];
  const scalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
  return Object.entries(meta).flatMap(([k, v]): Array<readonly [string, string]> => {
    if (scalar(v)) return [[k, String(v)]];
    if (Array.isArray(v) && v.length > 0 && v.every(scalar)) return [[k, v.map(String).join(', ')]];
    return [];
  });
}
