import { ref } from './model-ref.ts';
import { SEED_SECTIONS } from './requirement.ts';
import type { Requirement } from './requirement.ts';

/**
 * The checkable statements of the seed's running text, sections "What Is EVS
 * Disk Encryption?" and "Keys Used for EVS Encryption" (the sections on creating
 * and detaching are in catalog-text-procedures.ts). Statements about things
 * outside the system we model (the HSM's FIPS level, console navigation) are not
 * requirements: they are listed in `outOfScope` (findings.ts) with the reason.
 */

export const MODEL: Requirement['verifiedBy'] = ['model-check', 'model-based-test'];

export const attachRefs = [
  ref.transition('disk', 'available', 'disk.attach', 'attached'),
  ref.guard('disk', 'keyUsable'),
] as const;

export const ioRefs = [
  ref.transition('disk', 'attached', 'disk.read', null),
  ref.transition('disk', 'attached', 'disk.write', null),
] as const;

export const reattachRefusals = [
  ref.refusal('disk', 'available', 'disk.attach', 'EVS.2001'),
  ref.guard('disk', 'keyDisabled'),
  ref.guard('disk', 'keyPendingDeletion'),
  ref.guard('disk', 'keyDeleted'),
  ref.property('attach-only-with-enabled-key'),
] as const;

export const textRequirements: readonly Requirement[] = [
  {
    id: 'TXT-NEW-DISKS-ONLY',
    title: 'Encryption is chosen when a disk is created',
    source: { section: SEED_SECTIONS.what, quote: 'EVS enables you to encrypt data on newly created disks as required.' },
    statement:
      'The encryption attribute is fixed by the creation request (or its source); no event after creation turns encryption on or off.',
    constrains: [ref.property('encryption-attribute-immutable'), ref.rule('table4.immutable')],
    verifiedBy: ['model-check', 'provisioning-test'],
    kind: 'text',
  },
  {
    id: 'TXT-XTS-AES-256',
    title: 'Disk data is encrypted with XTS-AES-256',
    source: {
      section: SEED_SECTIONS.what,
      quote: 'It uses the industry-standard XTS-AES-256 cryptographic algorithm and keys to encrypt EVS disks.',
    },
    statement:
      'Every sector an encrypted disk writes to its media is the XTS-AES-256 encryption (512-bit DK, sector number as tweak) of the plaintext written; reads return the plaintext. The model treats this as the meaning of disk.write and disk.read; the adapter checks it on the media.',
    constrains: ioRefs,
    verifiedBy: ['model-based-test', 'inspection'],
    kind: 'text',
  },
  {
    id: 'TXT-KEYS-FROM-KMS',
    title: 'Disk keys come from KMS',
    source: {
      section: SEED_SECTIONS.what,
      quote: 'Keys used to encrypt EVS disks are provided by the Key Management Service (KMS)',
    },
    statement:
      'The key of an encrypted disk is a KMS key (evs/default or a CMK): creating an encrypted disk needs its key enabled (else EVS.2002), and the DK is obtained through KMS when the disk is attached, which depends on the KMS key state only.',
    constrains: [...attachRefs, ref.refusal('system', 'agency', 'disk.create', 'EVS.2002')],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-ATTRIBUTE-IMMUTABLE',
    title: 'The encryption attribute cannot be changed',
    source: { section: SEED_SECTIONS.what, quote: 'The encryption attribute of a disk cannot be changed after the disk is created.' },
    statement: 'disk.changeEncryption is refused with EVS.1101 in every state of a disk.',
    constrains: [
      ref.refusal('disk', 'available', 'disk.changeEncryption', 'EVS.1101'),
      ref.refusal('disk', 'attached', 'disk.changeEncryption', 'EVS.1101'),
      ref.property('encryption-attribute-immutable'),
      ref.rule('table4.immutable'),
    ],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-DEFAULT-KEY-AUTO',
    title: 'EVS creates evs/default through KMS',
    source: {
      section: SEED_SECTIONS.keys,
      quote: 'A key that is automatically created by EVS through KMS and named **evs/default**.',
    },
    statement:
      'Granting EVS KMS access creates the default key evs/default, enabled; no user event creates, disables or deletes it.',
    constrains: [
      ref.transition('system', 'noAgency', 'kms.grantAccess', 'agency'),
      ref.guard('cmk', 'isDefaultKey'),
      ref.property('default-key-always-enabled'),
    ],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-DEFAULT-KEY-NO-DISABLE',
    title: 'evs/default cannot be disabled',
    source: { section: SEED_SECTIONS.keys, quote: 'It cannot be disabled' },
    statement: 'key.disable on evs/default is refused with KMS.0211 and the key stays enabled.',
    constrains: [
      ref.refusal('cmk', 'enabled', 'key.disable', 'KMS.0211'),
      ref.guard('cmk', 'isDefaultKey'),
      ref.property('default-key-always-enabled'),
    ],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-DEFAULT-KEY-NO-DELETION',
    title: 'evs/default cannot be scheduled for deletion',
    source: { section: SEED_SECTIONS.keys, quote: 'does not support scheduled deletion' },
    statement: 'key.scheduleDeletion on evs/default is refused with KMS.0211 and the key stays enabled.',
    constrains: [
      ref.refusal('cmk', 'enabled', 'key.scheduleDeletion', 'KMS.0211'),
      ref.guard('cmk', 'isDefaultKey'),
      ref.property('default-key-always-enabled'),
    ],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-CMK-USER-KEYS',
    title: 'Users may encrypt disks with their own CMKs',
    source: {
      section: SEED_SECTIONS.keys,
      quote: 'CMKs: Keys created by users. You may use existing CMKs or create new CMKs to encrypt disks.',
    },
    statement:
      'A creation request may name a CMK; the disk is then encrypted under that CMK, and the CMK (unlike evs/default) can be disabled, scheduled for deletion and deleted.',
    constrains: [
      ref.rule('table3.empty'),
      ref.rule('table3.with-server'),
      ref.transition('cmk', 'enabled', 'key.disable', 'disabled'),
      ref.transition('cmk', 'enabled', 'key.scheduleDeletion', 'pendingDeletion'),
      ref.transition('cmk', 'disabled', 'key.scheduleDeletion', 'pendingDeletion'),
      ref.guard('cmk', 'invalidPendingDays'),
      ref.refusal('cmk', 'enabled', 'key.scheduleDeletion', 'KMS.1401'),
    ],
    verifiedBy: ['model-check', 'provisioning-test'],
    kind: 'text',
  },
  {
    id: 'TXT-DK-TO-HOST-AT-ATTACH',
    title: 'Attaching an encrypted disk loads its DK into host memory',
    source: {
      section: SEED_SECTIONS.keys,
      quote:
        'When an encrypted disk is attached, EVS accesses KMS, and KMS sends the data key (DK) to the host memory for use.',
    },
    statement: 'A successful disk.attach of an encrypted disk leaves its DK in host memory (dkInMemory true).',
    constrains: [...attachRefs, ref.property('dk-in-memory-iff-attached')],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-DK-USED-FOR-IO',
    title: 'I/O uses the in-memory DK',
    source: { section: SEED_SECTIONS.keys, quote: 'The disk uses the DK plaintext to encrypt and decrypt disk I/Os.' },
    statement: 'Reads and writes of an encrypted disk happen only while its DK is in host memory, that is, while attached.',
    constrains: [...ioRefs, ref.property('io-only-while-attached')],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-DK-MEMORY-ONLY',
    title: 'The DK plaintext lives only in host memory',
    source: {
      section: SEED_SECTIONS.keys,
      quote:
        'The DK plaintext is only stored in the memory of the host housing the ECS and is not stored persistently on the media.',
    },
    statement:
      'The DK plaintext is in host memory exactly while the disk is attached, and no persisted record (disk metadata, store, media) ever contains it; only the DK wrapped under the CMK is stored.',
    constrains: [ref.property('dk-in-memory-iff-attached'), ref.transition('disk', 'attached', 'disk.detach', 'available')],
    verifiedBy: ['model-check', 'model-based-test', 'static-check'],
    kind: 'text',
  },
  {
    id: 'TXT-UNAVAILABLE-KEY-STILL-USES-DK',
    title: 'A disabled or deleted CMK does not stop an attached disk',
    source: {
      section: SEED_SECTIONS.keys,
      quote:
        'If a CMK is disabled or deleted in KMS, the disk encrypted using this CMK can still use the DK plaintext stored in the host memory.',
    },
    statement:
      'Key events (disable, schedule deletion, deletion after the waiting period) never change an attached disk: it stays attached, its DK stays in memory and reads and writes keep succeeding (finding F-DISABLED-OR-DELETED).',
    constrains: [...ioRefs, ref.property('attached-io-independent-of-key-state')],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-DETACH-DROPS-DK',
    title: 'Detaching deletes the DK from memory and ends I/O',
    source: {
      section: SEED_SECTIONS.keys,
      quote:
        'If this disk is later detached, the DK plaintext will be deleted from the memory, and data can no longer be read from or written to the disk.',
    },
    statement:
      'disk.detach zeroes and drops the DK; afterwards disk.read and disk.write are refused with EVS.1001 until a successful attach.',
    constrains: [
      ref.transition('disk', 'attached', 'disk.detach', 'available'),
      ref.refusal('disk', 'available', 'disk.read', 'EVS.1001'),
      ref.refusal('disk', 'available', 'disk.write', 'EVS.1001'),
      ref.property('dk-in-memory-iff-attached'),
      ref.property('io-only-while-attached'),
    ],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-REATTACH-NEEDS-ENABLED',
    title: 'Re-attaching needs an enabled CMK',
    source: { section: SEED_SECTIONS.keys, quote: 'Before you re-attach this encrypted disk, ensure that the CMK is enabled.' },
    statement: 'disk.attach of an encrypted disk succeeds only when its key is enabled; otherwise it is refused with EVS.2001.',
    constrains: [...attachRefs, ...reattachRefusals],
    verifiedBy: MODEL,
    kind: 'text',
  },
  {
    id: 'TXT-UNAVAILABLE-CMK-CONSEQUENCE',
    title: 'A disabled or pending-deletion CMK makes data unusable, possibly for ever',
    source: {
      section: SEED_SECTIONS.keys,
      quote:
        'If you use a CMK to encrypt disks and this CMK is then disabled or scheduled for deletion, data cannot be read from or written to these disks or may never be restored.',
    },
    statement:
      'With the CMK disabled or pending deletion, a detached disk cannot be read or written (attach refused); it becomes unrecoverable exactly when the key reaches deleted (findings F-INTRO-VS-TABLE1, F-MAY-NEVER).',
    constrains: [
      ...reattachRefusals,
      ref.transition('cmk', 'pendingDeletion', 'clock.advance', 'deleted'),
      ref.guard('cmk', 'waitingPeriodElapses'),
      ref.property('deleted-key-detached-never-readable'),
    ],
    verifiedBy: MODEL,
    kind: 'text',
  },
];
