import { ref } from './model-ref.ts';
import { SEED_SECTIONS } from './requirement.ts';
import type { Requirement } from './requirement.ts';
import { attachRefs, ioRefs, MODEL, reattachRefusals } from './catalog-text.ts';

/**
 * The checkable statements of the seed's sections "Creating an Encrypted EVS
 * Disk" (KMS access) and "Detaching an Encrypted EVS Disk" (the detach advice).
 */
export const procedureRequirements: readonly Requirement[] = [
  {
    id: 'TXT-AGENCY-BEFORE-ENCRYPTION',
    title: 'KMS access must be granted before encrypted disks are created',
    source: {
      section: SEED_SECTIONS.creating,
      quote: 'Before you use the encryption function, KMS access rights need to be granted to EVS.',
    },
    statement: 'Creating an encrypted disk before kms.grantAccess has succeeded is refused with EVS.1201.',
    constrains: [
      ref.refusal('system', 'noAgency', 'disk.create', 'EVS.1201'),
      ref.rule('table4.agency-required'),
      ref.property('encrypted-disk-needs-agency'),
    ],
    verifiedBy: ['model-check', 'provisioning-test'],
    kind: 'text',
  },
  {
    id: 'TXT-AGENCY-SECURITY-ADMIN',
    title: 'Only a security administrator grants KMS access',
    source: {
      section: SEED_SECTIONS.creating,
      quote:
        'If you have the Security Administrator permissions, grant the KMS access rights to EVS directly. If you do not have this permission, contact a user with the security administrator permissions to grant KMS access rights to EVS',
    },
    statement: 'kms.grantAccess succeeds for a security administrator and is refused with EVS.1202 for anyone else.',
    constrains: [
      ref.transition('system', 'noAgency', 'kms.grantAccess', 'agency'),
      ref.refusal('system', 'noAgency', 'kms.grantAccess', 'EVS.1202'),
      ref.rule('table4.agency-needs-admin'),
    ],
    verifiedBy: ['model-check', 'provisioning-test'],
    kind: 'text',
  },
  {
    id: 'TXT-DETACH-CHECK-CMK',
    title: 'Detaching is never refused because of the key; checking it is the user\'s job',
    source: {
      section: SEED_SECTIONS.detaching,
      quote: 'Before you detach a disk encrypted by a CMK, check whether the CMK is disabled or scheduled for deletion.',
    },
    statement:
      'disk.detach of an attached disk succeeds in every key state; the system does not protect the user from detaching with an unavailable key (finding F-DETACH-ADVICE).',
    constrains: [ref.transition('disk', 'attached', 'disk.detach', 'available')],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-DETACH-CMK-AVAILABLE',
    title: 'With the CMK available, detach and re-attach lose no data',
    source: {
      section: SEED_SECTIONS.detaching,
      quote: 'If the CMK is available, the disk can be detached and re-attached, and data on the disk will not be lost.',
    },
    statement:
      'With the key enabled, detach then attach succeeds and every sector reads back what was last written before the detach.',
    constrains: [ref.transition('disk', 'attached', 'disk.detach', 'available'), ...attachRefs],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-DETACH-CMK-UNAVAILABLE-USABLE',
    title: 'With the CMK unavailable, an attached disk is still usable',
    source: {
      section: SEED_SECTIONS.detaching,
      quote: 'If the CMK is unavailable, the disk can still be used, but there is no guarantee for how long it will be usable.',
    },
    statement:
      'With the key disabled, pending deletion or deleted, an attached disk keeps serving reads and writes until it is detached; the model has no event that ends this on its own (finding F-NO-GUARANTEE-HOW-LONG).',
    constrains: [...ioRefs, ref.property('attached-io-independent-of-key-state')],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-DETACH-CMK-UNAVAILABLE-NO-REATTACH',
    title: 'With the CMK unavailable, a detached disk cannot be re-attached',
    source: {
      section: SEED_SECTIONS.detaching,
      quote:
        'If the disk is detached, it will be impossible to re-attach it later. In this case, do not detach the disk without a working CMK.',
    },
    statement:
      'With the key disabled, pending deletion or deleted, disk.attach after disk.detach is refused with EVS.2001 until the key is enabled again (never, if deleted).',
    constrains: reattachRefusals,
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-RESTORE-BY-STATUS',
    title: 'How to restore depends on the CMK status',
    source: { section: SEED_SECTIONS.detaching, quote: 'The restoration method varies depending on the CMK status.' },
    statement:
      'A disabled key is restored by key.enable; a pending-deletion key by key.cancelDeletion then key.enable; a deleted key by nothing.',
    constrains: [
      ref.transition('cmk', 'disabled', 'key.enable', 'enabled'),
      ref.transition('cmk', 'pendingDeletion', 'key.cancelDeletion', 'disabled'),
      ref.property('cancel-deletion-leaves-disabled'),
      ref.property('deleted-key-final'),
    ],
    verifiedBy: MODEL,
    kind: 'text',
  },
];
