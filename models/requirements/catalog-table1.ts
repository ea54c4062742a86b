import { ref } from './model-ref.ts';
import type { ModelRef } from './model-ref.ts';
import { SEED_SECTIONS } from './requirement.ts';
import type { Requirement } from './requirement.ts';

/**
 * Table 1 ("Impact of CMK unavailability"): 3 key states x {attached, not
 * attached} x {impact, how to restore}. The .rst grid lost the merged Impact
 * cell: in the original page the Disabled row's Impact text spans all three
 * rows (finding F-TABLE1-LOST-ROWSPAN), so the catalog applies it to all three.
 */

const TABLE = 'Table 1';
const IMPACT = 'Impact';
const RESTORE = 'How to Restore';

/** The two bullets of the (merged) Impact cell, exactly as in the seed. */
export const TABLE1_IMPACT_ATTACHED =
  'For an encrypted disk already attached: Reads and writes to the disk are normal. If the disk is detached, it cannot be attached again.';
export const TABLE1_IMPACT_DETACHED = 'For an encrypted disk not attached: The disk cannot be attached anymore.';
export const TABLE1_RESTORE_DISABLED = 'Enable the CMK.';
export const TABLE1_RESTORE_PENDING = 'Cancel the scheduled deletion for the CMK.';
export const TABLE1_RESTORE_DELETED = 'Data on the disks can never be restored.';

const KEY_GUARD = {
  disabled: 'keyDisabled',
  pendingDeletion: 'keyPendingDeletion',
  deleted: 'keyDeleted',
} as const;

type UnavailableState = keyof typeof KEY_GUARD;

/** What "reads and writes normal; once detached, not attachable" constrains, for one key state. */
function attachedImpactRefs(keyState: UnavailableState): readonly ModelRef[] {
  return [
    ref.state('cmk', keyState),
    ref.transition('disk', 'attached', 'disk.read', null),
    ref.transition('disk', 'attached', 'disk.write', null),
    ref.transition('disk', 'attached', 'disk.detach', 'available'),
    ref.refusal('disk', 'available', 'disk.attach', 'EVS.2001'),
    ref.guard('disk', KEY_GUARD[keyState]),
    ref.property('attached-io-independent-of-key-state'),
    ref.property('attach-only-with-enabled-key'),
    ref.property('every-event-decided'),
  ];
}

/** What "the disk cannot be attached anymore" constrains, for one key state. */
function detachedImpactRefs(keyState: UnavailableState): readonly ModelRef[] {
  return [
    ref.state('cmk', keyState),
    ref.refusal('disk', 'available', 'disk.attach', 'EVS.2001'),
    ref.refusal('disk', 'available', 'disk.read', 'EVS.1001'),
    ref.refusal('disk', 'available', 'disk.write', 'EVS.1001'),
    ref.guard('disk', KEY_GUARD[keyState]),
    ref.property('attach-only-with-enabled-key'),
    ref.property('io-only-while-attached'),
    ref.property('every-event-decided'),
  ];
}

const enableRefs: readonly ModelRef[] = [
  ref.transition('cmk', 'disabled', 'key.enable', 'enabled'),
  ref.transition('disk', 'available', 'disk.attach', 'attached'),
  ref.guard('disk', 'keyUsable'),
];

const cancelRefs: readonly ModelRef[] = [
  ref.transition('cmk', 'pendingDeletion', 'key.cancelDeletion', 'disabled'),
  ref.transition('cmk', 'disabled', 'key.enable', 'enabled'),
  ref.transition('disk', 'available', 'disk.attach', 'attached'),
  ref.property('cancel-deletion-leaves-disabled'),
];

const deletedRefs: readonly ModelRef[] = [
  ref.state('cmk', 'deleted'),
  ref.refusal('cmk', 'deleted', 'key.enable', 'KMS.0207'),
  ref.refusal('cmk', 'deleted', 'key.cancelDeletion', 'KMS.0207'),
  ref.transition('cmk', 'pendingDeletion', 'clock.advance', 'deleted'),
  ref.property('deleted-key-final'),
  ref.property('deleted-key-detached-never-readable'),
];

function source(row: string, column: string, quote: string): Requirement['source'] {
  return { section: SEED_SECTIONS.keys, table: TABLE, row, column, quote };
}

const BOTH: Requirement['verifiedBy'] = ['model-check', 'model-based-test'];

export const table1Requirements: readonly Requirement[] = [
  // --- Disabled ---
  {
    id: 'T1-DISABLED-ATTACHED-IMPACT',
    title: 'Disabled CMK: an attached disk keeps working, but cannot be attached again once detached',
    source: source('Disabled', IMPACT, TABLE1_IMPACT_ATTACHED),
    statement:
      'While the CMK is disabled, reads and writes on an attached encrypted disk succeed with the data written before; detaching succeeds; afterwards disk.attach is refused with EVS.2001 (data.keyState disabled) for as long as the key stays disabled.',
    constrains: attachedImpactRefs('disabled'),
    verifiedBy: BOTH,
    kind: 'table1',
  },
  {
    id: 'T1-DISABLED-DETACHED-IMPACT',
    title: 'Disabled CMK: a detached disk cannot be attached',
    source: source('Disabled', IMPACT, TABLE1_IMPACT_DETACHED),
    statement:
      'While the CMK is disabled, disk.attach of a detached encrypted disk is refused with EVS.2001 (data.keyState disabled, data.kmsCode KMS.0209) and the disk stays detached; no DK is loaded.',
    constrains: detachedImpactRefs('disabled'),
    verifiedBy: BOTH,
    kind: 'table1',
  },
  {
    id: 'T1-DISABLED-ATTACHED-RESTORE',
    title: 'Disabled CMK, attached disk: enabling the CMK restores re-attachability',
    source: source('Disabled', RESTORE, TABLE1_RESTORE_DISABLED),
    statement:
      'After key.enable on the disabled CMK, an attached disk can be detached and attached again, and reads return the data written before.',
    constrains: enableRefs,
    verifiedBy: BOTH,
    kind: 'table1',
  },
  {
    id: 'T1-DISABLED-DETACHED-RESTORE',
    title: 'Disabled CMK, detached disk: enabling the CMK makes it attachable',
    source: source('Disabled', RESTORE, TABLE1_RESTORE_DISABLED),
    statement:
      'After key.enable on the disabled CMK, disk.attach of the detached disk succeeds and reads return the data written before the key was disabled.',
    constrains: enableRefs,
    verifiedBy: BOTH,
    kind: 'table1',
  },
  // --- Scheduled deletion (Impact cell merged with the Disabled row) ---
  {
    id: 'T1-PENDING-ATTACHED-IMPACT',
    title: 'CMK pending deletion: an attached disk keeps working, but cannot be attached again once detached',
    source: source('Scheduled deletion', IMPACT, TABLE1_IMPACT_ATTACHED),
    statement:
      'While the CMK is pending deletion, reads and writes on an attached encrypted disk succeed; detaching succeeds; afterwards disk.attach is refused with EVS.2001 (data.keyState pendingDeletion, data.kmsCode KMS.0210).',
    constrains: attachedImpactRefs('pendingDeletion'),
    verifiedBy: BOTH,
    kind: 'table1',
  },
  {
    id: 'T1-PENDING-DETACHED-IMPACT',
    title: 'CMK pending deletion: a detached disk cannot be attached',
    source: source('Scheduled deletion', IMPACT, TABLE1_IMPACT_DETACHED),
    statement:
      'While the CMK is pending deletion, disk.attach of a detached encrypted disk is refused with EVS.2001 (data.keyState pendingDeletion, data.kmsCode KMS.0210).',
    constrains: detachedImpactRefs('pendingDeletion'),
    verifiedBy: BOTH,
    kind: 'table1',
  },
  {
    id: 'T1-PENDING-ATTACHED-RESTORE',
    title: 'CMK pending deletion, attached disk: cancel the deletion (then enable) before the period ends',
    source: source('Scheduled deletion', RESTORE, TABLE1_RESTORE_PENDING),
    statement:
      'Before the waiting period ends, key.cancelDeletion succeeds and leaves the CMK disabled; after key.enable as well, the attached disk can be detached and attached again with its data intact. Cancelling alone does not make a detached disk attachable (finding F-CANCEL-LEAVES-DISABLED).',
    constrains: cancelRefs,
    verifiedBy: BOTH,
    kind: 'table1',
  },
  {
    id: 'T1-PENDING-DETACHED-RESTORE',
    title: 'CMK pending deletion, detached disk: cancel the deletion and enable the CMK',
    source: source('Scheduled deletion', RESTORE, TABLE1_RESTORE_PENDING),
    statement:
      'Before the waiting period ends, key.cancelDeletion followed by key.enable makes disk.attach of the detached disk succeed with its data intact; after key.cancelDeletion alone, disk.attach is still refused with EVS.2001 (keyState disabled).',
    constrains: cancelRefs,
    verifiedBy: BOTH,
    kind: 'table1',
  },
  // --- Deleted (Impact cell merged with the Disabled row) ---
  {
    id: 'T1-DELETED-ATTACHED-IMPACT',
    title: 'Deleted CMK: an attached disk keeps working until detached, then is lost',
    source: source('Deleted', IMPACT, TABLE1_IMPACT_ATTACHED),
    statement:
      'After the CMK is deleted, reads and writes on a disk that stayed attached still succeed with the in-memory DK; once detached, disk.attach is refused with EVS.2001 (data.keyState deleted, data.kmsCode KMS.0207) in every later state.',
    constrains: [...attachedImpactRefs('deleted'), ref.property('deleted-key-detached-never-readable')],
    verifiedBy: BOTH,
    kind: 'table1',
  },
  {
    id: 'T1-DELETED-DETACHED-IMPACT',
    title: 'Deleted CMK: a detached disk can never be attached',
    source: source('Deleted', IMPACT, TABLE1_IMPACT_DETACHED),
    statement:
      'After the CMK is deleted, disk.attach of a detached encrypted disk is refused with EVS.2001 (data.keyState deleted) in every reachable state.',
    constrains: [...detachedImpactRefs('deleted'), ref.property('deleted-key-detached-never-readable')],
    verifiedBy: BOTH,
    kind: 'table1',
  },
  {
    id: 'T1-DELETED-ATTACHED-RESTORE',
    title: 'Deleted CMK, attached disk: nothing restores re-attachability',
    source: source('Deleted', RESTORE, TABLE1_RESTORE_DELETED),
    statement:
      'No sequence of events brings a deleted CMK back (every key event on it is refused with KMS.0207); a disk attached when its key was deleted can never be attached again after it is detached.',
    constrains: deletedRefs,
    verifiedBy: BOTH,
    kind: 'table1',
  },
  {
    id: 'T1-DELETED-DETACHED-RESTORE',
    title: 'Deleted CMK, detached disk: the data can never be restored',
    source: source('Deleted', RESTORE, TABLE1_RESTORE_DELETED),
    statement:
      'No sequence of events makes a detached disk whose CMK is deleted attachable or readable again; key.enable and key.cancelDeletion on the deleted key are refused with KMS.0207.',
    constrains: deletedRefs,
    verifiedBy: BOTH,
    kind: 'table1',
  },
];
