import { assign, setup } from 'xstate';
import { OK, type KeyStateView, type Outcome, type RefusalCode } from './outcome.ts';

/**
 * The lifecycle of one EVS disk. The encryption attribute (encrypted flag and
 * key) is fixed at creation and no transition ever assigns it. Attaching an
 * encrypted disk needs KMS to decrypt its data key (DK), which needs the key
 * enabled; the DK plaintext is then in the host's memory until detach. Reads
 * and writes need the disk attached and use only the in-memory DK, so they go
 * on whatever happens to the key meanwhile.
 *
 * The machine does not own the key: the environment (the system composition,
 * or a test) tells it the key's state with each attach.
 */
export interface DiskContext {
  readonly diskId: string;
  readonly encrypted: boolean;
  /** CMK id or 'evs/default' for encrypted disks; null when unencrypted. */
  readonly keyId: string | null;
  readonly serverId: string | null;
  /** The DK plaintext is in the memory of the host of `serverId`. */
  readonly dkInMemory: boolean;
  readonly outcome: Outcome;
}

export interface DiskInput {
  readonly diskId: string;
  readonly encrypted: boolean;
  readonly keyId: string | null;
}

export type DiskEvent =
  | { readonly type: 'disk.attach'; readonly server: string; readonly keyState: KeyStateView }
  | { readonly type: 'disk.detach' }
  | { readonly type: 'disk.read' }
  | { readonly type: 'disk.write' }
  | { readonly type: 'disk.delete' }
  | { readonly type: 'disk.changeEncryption' };

type KeyGuard = 'keyDisabled' | 'keyPendingDeletion' | 'keyDeleted';

const refusal = (code: RefusalCode, description: string, guard?: KeyGuard) => ({
  ...(guard ? { guard } : {}),
  actions: { type: 'refuse' as const, params: { code } },
  description,
  meta: { refusal: { code } },
});

const keyStateOf = (event: DiskEvent): KeyStateView | undefined => (event.type === 'disk.attach' ? event.keyState : undefined);

export const diskMachine = setup({
  types: {} as { context: DiskContext; events: DiskEvent; input: DiskInput },
  guards: {
    keyUsable: ({ context, event }) => !context.encrypted || keyStateOf(event) === 'enabled',
    keyDisabled: ({ context, event }) => context.encrypted && keyStateOf(event) === 'disabled',
    keyPendingDeletion: ({ context, event }) => context.encrypted && keyStateOf(event) === 'pendingDeletion',
    keyDeleted: ({ context, event }) => context.encrypted && (keyStateOf(event) === 'deleted' || keyStateOf(event) === 'none'),
  },
  actions: {
    accept: assign({ outcome: OK }),
    refuse: assign((_, params: { code: RefusalCode }) => ({ outcome: { kind: 'refused', code: params.code } as const })),
    loadDataKey: assign(({ context, event }) => ({
      serverId: event.type === 'disk.attach' ? event.server : null,
      dkInMemory: context.encrypted,
      outcome: OK,
    })),
    dropDataKey: assign({ serverId: null, dkInMemory: false, outcome: OK }),
  },
}).createMachine({
  id: 'disk',
  description: 'Lifecycle of an EVS disk: detached (available), attached to a server, deleted',
  context: ({ input }) => ({
    diskId: input.diskId,
    encrypted: input.encrypted,
    keyId: input.encrypted ? input.keyId : null,
    serverId: null,
    dkInMemory: false,
    outcome: OK,
  }),
  initial: 'available',
  on: {
    'disk.changeEncryption': refusal('EVS.1101', 'the encryption attribute cannot be changed after creation'),
  },
  states: {
    available: {
      description: 'Detached: no DK plaintext in any host memory; no I/O possible',
      on: {
        'disk.attach': [
          {
            guard: 'keyUsable',
            target: 'attached',
            actions: 'loadDataKey',
            description: 'KMS decrypts the DK; its plaintext goes to the host memory',
          },
          refusal('EVS.2001', 'Table 1: the CMK is disabled; restore by enabling it', 'keyDisabled'),
          refusal('EVS.2001', 'Table 1: the CMK is scheduled for deletion; cancel the deletion, then enable it', 'keyPendingDeletion'),
          refusal('EVS.2001', 'Table 1: the CMK is deleted; the data can never be restored', 'keyDeleted'),
        ],
        'disk.detach': refusal('EVS.1001', 'the disk is not attached'),
        'disk.read': refusal('EVS.1001', 'reads need the disk attached'),
        'disk.write': refusal('EVS.1001', 'writes need the disk attached'),
        'disk.delete': { target: 'deleted', actions: 'accept', description: 'delete the disk' },
      },
    },
    attached: {
      description: 'Attached: the DK plaintext is in the host memory and serves all I/O',
      on: {
        'disk.read': { actions: 'accept', description: 'read with the in-memory DK, whatever the key state' },
        'disk.write': { actions: 'accept', description: 'write with the in-memory DK, whatever the key state' },
        'disk.detach': { target: 'available', actions: 'dropDataKey', description: 'detach: the DK plaintext is zeroed and dropped' },
        'disk.attach': refusal('EVS.1002', 'the disk is already attached'),
        'disk.delete': refusal('EVS.1004', 'an attached disk cannot be deleted'),
      },
    },
    deleted: {
      type: 'final',
      description: 'Deleted: every operation is refused with EVS.0404',
      meta: { refusesAllWith: 'EVS.0404' },
    },
  },
});

export type DiskStateName = 'available' | 'attached' | 'deleted';
export const DISK_STATES: readonly DiskStateName[] = ['available', 'attached', 'deleted'];
