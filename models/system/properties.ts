import { DEFAULT_KEY_ID } from './config.ts';
import { keyStateOf } from './system-model.ts';
import type { StepResult, SystemEvent, SystemState } from './system-types.ts';

/**
 * The properties the model checker verifies on every reachable state and
 * every explored transition. Each names the requirements it stands for in the
 * catalog (models/requirements). A check returns null when it holds, or a
 * sentence saying what is wrong.
 */
export type PropertyId =
  | 'dk-in-memory-iff-attached'
  | 'default-key-always-enabled'
  | 'encryption-attribute-immutable'
  | 'deleted-key-detached-never-readable'
  | 'attach-only-with-enabled-key'
  | 'io-only-while-attached'
  | 'attached-io-independent-of-key-state'
  | 'cancel-deletion-leaves-disabled'
  | 'deleted-key-final'
  | 'encrypted-disk-needs-agency'
  | 'every-event-decided';

export interface StateProperty {
  readonly id: PropertyId;
  readonly kind: 'state';
  readonly description: string;
  check(state: SystemState): string | null;
}

export interface TransitionProperty {
  readonly id: PropertyId;
  readonly kind: 'transition';
  readonly description: string;
  check(before: SystemState, event: SystemEvent, result: StepResult): string | null;
}

export type Property = StateProperty | TransitionProperty;

const firstOf = <T>(items: readonly T[], f: (t: T) => string | null): string | null => {
  for (const item of items) {
    const r = f(item);
    if (r !== null) return r;
  }
  return null;
};

export const PROPERTIES: readonly Property[] = [
  {
    id: 'dk-in-memory-iff-attached',
    kind: 'state',
    description: 'An encrypted disk has its DK plaintext in host memory exactly while it is attached; an unencrypted disk never has one.',
    check: (s) =>
      firstOf(Object.values(s.disks), (d) => {
        const expected = d.value === 'attached' && d.context.encrypted;
        if (d.context.dkInMemory !== expected) return `disk ${d.context.diskId} is ${d.value} but dkInMemory=${d.context.dkInMemory}`;
        if ((d.value === 'attached') !== (d.context.serverId !== null)) return `disk ${d.context.diskId} is ${d.value} with serverId=${d.context.serverId}`;
        return null;
      }),
  },
  {
    id: 'default-key-always-enabled',
    kind: 'state',
    description: 'The default master key evs/default, once it exists, is always enabled.',
    check: (s) => {
      const k = s.keys[DEFAULT_KEY_ID];
      return k && k.value !== 'enabled' ? `evs/default is ${k.value}` : null;
    },
  },
  {
    id: 'encrypted-disk-needs-agency',
    kind: 'state',
    description: 'An encrypted disk exists only if KMS access (the agency) has been granted.',
    check: (s) => (!s.agency && Object.values(s.disks).some((d) => d.context.encrypted) ? 'an encrypted disk exists without the agency' : null),
  },
  {
    id: 'encryption-attribute-immutable',
    kind: 'transition',
    description: 'No transition changes a disk\'s encrypted flag or key.',
    check: (b, _e, r) =>
      firstOf(Object.values(b.disks), (d) => {
        const after = r.next.disks[d.context.diskId];
        if (!after) return `disk ${d.context.diskId} vanished from the state`;
        return after.context.encrypted !== d.context.encrypted || after.context.keyId !== d.context.keyId
          ? `disk ${d.context.diskId} changed its encryption attribute`
          : null;
      }),
  },
  {
    id: 'attach-only-with-enabled-key',
    kind: 'transition',
    description: 'An encrypted disk becomes attached only when its key is enabled.',
    check: (b, e, r) => {
      if (e.type !== 'disk.attach') return null;
      const d = b.disks[e.disk];
      const a = r.next.disks[e.disk];
      if (!d || !a || d.value === 'attached' || a.value !== 'attached' || !d.context.encrypted) return null;
      const ks = keyStateOf(b, d.context.keyId);
      return ks === 'enabled' ? null : `disk ${e.disk} attached while its key was ${ks}`;
    },
  },
  {
    id: 'deleted-key-detached-never-readable',
    kind: 'transition',
    description: 'A detached disk whose key is deleted never becomes attached (readable) again.',
    check: (b, _e, r) =>
      firstOf(Object.values(b.disks), (d) => {
        if (d.value === 'attached' || !d.context.encrypted || keyStateOf(b, d.context.keyId) !== 'deleted') return null;
        return r.next.disks[d.context.diskId]?.value === 'attached' ? `disk ${d.context.diskId} became attached after its key was deleted` : null;
      }),
  },
  {
    id: 'io-only-while-attached',
    kind: 'transition',
    description: 'Reads and writes succeed only on an attached disk.',
    check: (b, e, r) => {
      if (e.type !== 'disk.read' && e.type !== 'disk.write') return null;
      const attached = b.disks[e.disk]?.value === 'attached';
      return r.outcome.kind === 'ok' && !attached ? `${e.type} accepted on a disk that is not attached` : null;
    },
  },
  {
    id: 'attached-io-independent-of-key-state',
    kind: 'transition',
    description: 'Reads and writes on an attached disk succeed whatever the state of its key.',
    check: (b, e, r) => {
      if (e.type !== 'disk.read' && e.type !== 'disk.write') return null;
      const attached = b.disks[e.disk]?.value === 'attached';
      return attached && r.outcome.kind !== 'ok' ? `${e.type} refused on an attached disk (key ${keyStateOf(b, b.disks[e.disk]?.context.keyId ?? null)})` : null;
    },
  },
  {
    id: 'cancel-deletion-leaves-disabled',
    kind: 'transition',
    description: 'Cancelling a scheduled deletion leaves the key disabled.',
    check: (b, e, r) => {
      if (e.type !== 'key.cancelDeletion' || b.keys[e.key]?.value !== 'pendingDeletion' || r.outcome.kind !== 'ok') return null;
      const after = r.next.keys[e.key]?.value;
      return after === 'disabled' ? null : `cancelling the deletion of ${e.key} left it ${after}`;
    },
  },
  {
    id: 'deleted-key-final',
    kind: 'transition',
    description: 'A deleted key stays deleted, and its material stays destroyed.',
    check: (b, _e, r) =>
      firstOf(Object.keys(b.keys), (id) => {
        if (b.keys[id]?.value !== 'deleted') return null;
        const after = r.next.keys[id];
        return after?.value === 'deleted' && !after.context.materialPresent ? null : `deleted key ${id} became ${after?.value ?? 'absent'}`;
      }),
  },
  {
    id: 'every-event-decided',
    kind: 'transition',
    description: 'Every event in every state is either accepted or explicitly refused with an error code.',
    check: (_b, e, r) => (r.decidedBy.machine === 'unhandled' ? `no transition of the model decides ${e.type}` : null),
  },
];

export function propertyById(id: PropertyId): Property {
  const p = PROPERTIES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown property ${id}`);
  return p;
}
