import type { SystemConfig, SystemEvent, SystemState } from '../../models/index.ts';
import { renameEvent, renameState, symmetryGroup, type Renaming } from './symmetry.ts';

/** A state's identity for the explorer: sorted-key JSON without the day counter. */
export type StateKey = string & { readonly __brand: 'StateKey' };

function stable(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
}

export function serializeState(state: SystemState): StateKey {
  return stable({ agency: state.agency, keys: state.keys, disks: state.disks }) as StateKey;
}

export interface Canonicalizer {
  readonly groupSize: number;
  key(state: SystemState): StateKey;
}

/** With symmetry on, the key is the least serialisation over the configuration's symmetry group. */
export function createCanonicalizer(config: SystemConfig, symmetry: boolean): Canonicalizer {
  const group: Renaming[] = symmetry ? symmetryGroup(config) : [];
  if (group.length <= 1) return { groupSize: 1, key: serializeState };
  return {
    groupSize: group.length,
    key(state) {
      let best: StateKey | null = null;
      for (const r of group) {
        const k = serializeState(renameState(state, r));
        if (best === null || k < best) best = k;
      }
      return best as StateKey;
    },
  };
}

/** A renaming that maps `from` onto `to` (both in the same symmetry class), or undefined. */
export function findRenaming(config: SystemConfig, from: SystemState, to: SystemState): Renaming | undefined {
  const target = serializeState(to);
  return symmetryGroup(config).find((r) => serializeState(renameState(from, r)) === target);
}

/** The identity of a transition up to symmetry: the least (state, event) serialisation over the group. */
export function transitionClassKey(config: SystemConfig, state: SystemState, event: SystemEvent): string {
  let best: string | null = null;
  for (const r of symmetryGroup(config)) {
    const k = `${serializeState(renameState(state, r))}|${JSON.stringify(renameEvent(event, r))}`;
    if (best === null || k < best) best = k;
  }
  return best as string;
}
