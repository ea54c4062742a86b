import {
  stepSystem,
  type KeyStateName,
  type Outcome,
  type StepResult,
  type SystemConfig,
  type SystemEvent,
  type SystemState,
} from '../../models/index.ts';
import { pathTo, type Exploration } from './explorer.ts';
import type { Trace } from './trace.ts';

/**
 * Table 1 of the seed, derived from the model rather than copied: for each
 * unavailable key state and each attachment, the explorer finds a reachable
 * state that is in that cell (the witness), then asks the model what a
 * read, a write, a detach and an attach do there, and which key actions, if
 * any, make the disk attachable again.
 */
export type UnavailableKeyState = Exclude<KeyStateName, 'enabled'>;
export type Attachment = 'attached' | 'detached';

export const TABLE1_KEY_STATES: readonly UnavailableKeyState[] = ['disabled', 'pendingDeletion', 'deleted'];
export const TABLE1_ATTACHMENTS: readonly Attachment[] = ['attached', 'detached'];

export interface DerivedCell {
  readonly keyState: UnavailableKeyState;
  readonly attachment: Attachment;
  readonly disk: string;
  readonly key: string;
  readonly witness: Trace;
  readonly read: Outcome;
  readonly write: Outcome;
  readonly detach: Outcome;
  /** Attach in this cell (attached: after a detach). */
  readonly attach: Outcome;
  /** The shortest sequence of key actions after which the detached disk attaches again; null if none exists. */
  readonly restore: readonly SystemEvent['type'][] | null;
}

export interface DerivedTable1 {
  readonly config: string;
  readonly cells: readonly DerivedCell[];
  /** Cells of Table 1 that no reachable state of this configuration is in. */
  readonly unreachable: ReadonlyArray<{ readonly keyState: UnavailableKeyState; readonly attachment: Attachment }>;
}

type Step = (s: SystemState, e: SystemEvent) => StepResult;

/** Key actions a user can take to restore a key (the clock only makes things worse). */
const KEY_ACTIONS = ['key.enable', 'key.cancelDeletion', 'key.disable'] as const;

function restoreSequence(step: Step, start: SystemState, key: string, disk: string, server: string): SystemEvent['type'][] | null {
  const seen = new Set<string>();
  let frontier: Array<{ s: SystemState; path: SystemEvent['type'][] }> = [{ s: start, path: [] }];
  for (let depth = 0; depth <= KEY_ACTIONS.length + 1 && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const { s, path } of frontier) {
      if (step(s, { type: 'disk.attach', disk, server }).outcome.kind === 'ok') return path;
      const id = JSON.stringify(s.keys[key]);
      if (seen.has(id)) continue;
      seen.add(id);
      for (const type of KEY_ACTIONS) {
        const r = step(s, { type, key });
        if (r.outcome.kind === 'ok') next.push({ s: r.next, path: [...path, type] });
      }
    }
    frontier = next;
  }
  return null;
}

export function deriveTable1(exploration: Exploration, step: Step = stepSystem): DerivedTable1 {
  const config: SystemConfig = exploration.config;
  const cells: DerivedCell[] = [];
  const unreachable: Array<{ keyState: UnavailableKeyState; attachment: Attachment }> = [];
  const server = config.servers[0] ?? 's1';
  const cmkDisks = config.disks.filter((d) => d.encrypted && d.key !== null && config.cmks.includes(d.key));
  const ordered = [...exploration.states.values()].sort((a, b) => a.depth - b.depth);
  for (const keyState of TABLE1_KEY_STATES) {
    for (const attachment of TABLE1_ATTACHMENTS) {
      const found = ordered
        .flatMap((x) => cmkDisks.map((d) => ({ x, d })))
        .find(({ x, d }) => {
          const disk = x.state.disks[d.id];
          const key = x.state.keys[d.key as string];
          return disk !== undefined && key?.value === keyState && (attachment === 'attached' ? disk.value === 'attached' : disk.value === 'available');
        });
      if (!found) {
        unreachable.push({ keyState, attachment });
        continue;
      }
      const { x, d } = found;
      const s = x.state;
      const key = d.key as string;
      const detached = step(s, { type: 'disk.detach', disk: d.id });
      const detachedState = attachment === 'attached' ? detached.next : s;
      cells.push({
        keyState,
        attachment,
        disk: d.id,
        key,
        witness: { description: `Table 1 cell: key ${keyState}, disk ${attachment}`, config: config.name, steps: pathTo(exploration.states, x.key) },
        read: step(s, { type: 'disk.read', disk: d.id }).outcome,
        write: step(s, { type: 'disk.write', disk: d.id }).outcome,
        detach: detached.outcome,
        attach: step(detachedState, { type: 'disk.attach', disk: d.id, server }).outcome,
        restore: restoreSequence(step, detachedState, key, d.id, server),
      });
    }
  }
  return { config: config.name, cells, unreachable };
}
