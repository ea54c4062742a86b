import type { SystemConfig, SystemEvent, SystemState } from '../../models/index.ts';

/**
 * The seam between the model and any implementation. A test drives a
 * `SystemUnderTest` with model events and compares what it answers and what
 * it shows with what the model predicts. The reference implementation is the
 * default; another service or a real cloud client plugs in by implementing
 * this interface.
 */
export type SutResult =
  | { readonly kind: 'ok' }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  /** The implementation did something no model outcome covers (a crash, a wrong answer to a data check). */
  | { readonly kind: 'broken'; readonly message: string };

/** What can be observed of the implementation, in the model's vocabulary. */
export interface Observation {
  readonly agency: boolean;
  readonly keys: Readonly<Record<string, string>>;
  readonly disks: Readonly<
    Record<string, { readonly state: string; readonly serverId: string | null; readonly dkInMemory: boolean; readonly encrypted: boolean; readonly keyId: string | null }>
  >;
}

export interface SystemUnderTest {
  readonly name: string;
  /** Performs one model event on the implementation (and, for reads and writes, checks the data). */
  execute(event: SystemEvent): Promise<SutResult>;
  observe(): Promise<Observation>;
  close(): Promise<void>;
}

export interface SutFactory {
  readonly name: string;
  /** A fresh system for one test, set up as the configuration's initial state; `seed` drives all its randomness. */
  create(config: SystemConfig, seed: number): Promise<SystemUnderTest>;
}

/** The observation the model predicts for a model state. */
export function expectedObservation(state: SystemState): Observation {
  const keys: Record<string, string> = {};
  for (const [id, k] of Object.entries(state.keys)) keys[id] = k.value;
  const disks: Record<string, Observation['disks'][string]> = {};
  for (const [id, d] of Object.entries(state.disks)) {
    disks[id] = { state: d.value, serverId: d.context.serverId, dkInMemory: d.context.dkInMemory, encrypted: d.context.encrypted, keyId: d.context.keyId };
  }
  return { agency: state.agency, keys, disks };
}

/** Differences between an expected and an actual observation, one sentence each; empty when they agree. */
export function diffObservations(expected: Observation, actual: Observation): string[] {
  const out: string[] = [];
  if (expected.agency !== actual.agency) out.push(`agency: expected ${expected.agency}, got ${actual.agency}`);
  for (const id of new Set([...Object.keys(expected.keys), ...Object.keys(actual.keys)])) {
    const e = expected.keys[id] ?? 'absent';
    const a = actual.keys[id] ?? 'absent';
    if (e !== a) out.push(`key ${id}: expected ${e}, got ${a}`);
  }
  for (const id of new Set([...Object.keys(expected.disks), ...Object.keys(actual.disks)])) {
    const e = expected.disks[id];
    const a = actual.disks[id];
    if (!e || !a) {
      out.push(`disk ${id}: expected ${e ? e.state : 'absent'}, got ${a ? a.state : 'absent'}`);
      continue;
    }
    for (const field of ['state', 'serverId', 'dkInMemory', 'encrypted', 'keyId'] as const) {
      if (e[field] !== a[field]) out.push(`disk ${id} ${field}: expected ${String(e[field])}, got ${String(a[field])}`);
    }
  }
  return out;
}
