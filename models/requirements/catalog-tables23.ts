import { ref } from './model-ref.ts';
import { SEED_SECTIONS } from './requirement.ts';
import type { Requirement } from './requirement.ts';

/**
 * Tables 2 (images and system disks) and 3 (backups, snapshots, images and
 * data disks): which created disk, backup, snapshot or image is encrypted.
 * These are decided by `decideProvisioning` (models/provisioning/).
 */

const T2 = 'Table 2';
const T3 = 'Table 3';
const ENCRYPTED_COLUMN_2 = 'Whether System Disk Will Be Encrypted';
const ENCRYPTED_COLUMN_3 = 'Whether Data Disk Will Be Encrypted';
const PROVISIONING: Requirement['verifiedBy'] = ['provisioning-test'];

export const table2Requirements: readonly Requirement[] = [
  {
    id: 'T2-ENCRYPTED-IMAGE',
    title: 'A server created from an encrypted image gets an encrypted system disk',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T2,
      row: 'Creating Server Using Encrypted Image: Yes',
      column: ENCRYPTED_COLUMN_2,
      quote: 'So whether a system disk is encrypted or not depends on the image you select when creating the server.',
    },
    statement:
      'Creating a server from an encrypted image yields an encrypted system disk whose key is the image key, for every disk type.',
    constrains: [ref.rule('table2.encrypted-image')],
    verifiedBy: PROVISIONING,
    kind: 'table2',
  },
  {
    id: 'T2-UNENCRYPTED-IMAGE',
    title: 'A server created from an unencrypted image gets an unencrypted system disk',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T2,
      row: 'Creating Server Using Encrypted Image: No',
      column: ENCRYPTED_COLUMN_2,
      quote: 'So whether a system disk is encrypted or not depends on the image you select when creating the server.',
    },
    statement: 'Creating a server from an unencrypted image yields an unencrypted system disk (no key).',
    constrains: [ref.rule('table2.unencrypted-image')],
    verifiedBy: PROVISIONING,
    kind: 'table2',
  },
  {
    id: 'T2-SYSTEM-DISK-WITH-SERVER',
    title: 'System disks exist only with a server; their attribute comes from the image, not a choice',
    source: {
      section: SEED_SECTIONS.scenarios,
      quote: 'System disks are created along with servers and cannot be created separately.',
    },
    statement:
      'The only way to create a system disk is `systemDiskFromImage`; it carries no encryption choice of its own, so its attribute is always the image attribute.',
    constrains: [ref.rule('table2.encrypted-image'), ref.rule('table2.unencrypted-image')],
    verifiedBy: ['static-check', 'provisioning-test'],
    kind: 'table2',
  },
];

export const table3Requirements: readonly Requirement[] = [
  {
    id: 'T3-WITH-SERVER-CHOICE',
    title: 'A data disk created with a server: encrypted or not, as chosen',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'The ECS console / Created together with the server',
      column: ENCRYPTED_COLUMN_3,
      quote: 'When a data disk is created together with a server, you can choose to encrypt the disk or not.',
    },
    statement:
      'A data disk created with a server is encrypted exactly when the request asks for it; an encrypted one uses the named key, or evs/default when none is named.',
    constrains: [ref.rule('table3.with-server')],
    verifiedBy: PROVISIONING,
    kind: 'table3',
  },
  {
    id: 'T3-EMPTY-CHOICE',
    title: 'An empty disk: encrypted or not, as chosen',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'The EVS console / No data source selected',
      column: ENCRYPTED_COLUMN_3,
      quote: 'When an empty disk is created, you can choose whether to encrypt the disk or not.',
    },
    statement:
      'An empty disk is encrypted exactly when the request asks for it; an encrypted one uses the named key, or evs/default when none is named.',
    constrains: [ref.rule('table3.empty')],
    verifiedBy: PROVISIONING,
    kind: 'table3',
  },
  {
    id: 'T3-EMPTY-IMMUTABLE',
    title: 'An empty disk keeps the attribute it was created with',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'The EVS console / No data source selected',
      column: 'Description',
      quote: 'The encryption attribute of the disk cannot be changed after the disk has been created.',
    },
    statement:
      'Any request to change the encryption flag or key of an existing disk is refused with EVS.1101 and leaves the disk unchanged.',
    constrains: [
      ref.rule('table4.immutable'),
      ref.refusal('disk', 'available', 'disk.changeEncryption', 'EVS.1101'),
      ref.property('encryption-attribute-immutable'),
    ],
    verifiedBy: ['provisioning-test', 'model-check'],
    kind: 'table3',
  },
  {
    id: 'T3-BACKUP-CHOICE',
    title: 'A disk from a backup: encrypted or not, as chosen, whatever the backup is',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'Creating from a backup',
      column: ENCRYPTED_COLUMN_3,
      quote:
        'When a disk is created from a backup, you can choose whether to encrypt the disk or not. The encryption attributes of the disk and backup do not need to be the same.',
    },
    statement:
      'For each of the four combinations of backup encrypted/unencrypted and requested encrypted/unencrypted, creating a disk from the backup succeeds with the requested attribute.',
    constrains: [ref.rule('table3.from-backup')],
    verifiedBy: PROVISIONING,
    kind: 'table3',
  },
  {
    id: 'T3-BACKUP-INHERITS',
    title: 'A backup has the encryption attribute of its disk',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'Creating from a backup',
      column: 'Description',
      quote:
        'When you create a backup for a system or data disk, the encryption attribute of the backup will be the same as that of the disk.',
    },
    statement: 'A backup of an encrypted disk is encrypted with the disk key; a backup of an unencrypted disk is not.',
    constrains: [ref.rule('table3.backup-inherits-disk')],
    verifiedBy: PROVISIONING,
    kind: 'table3',
  },
  {
    id: 'T3-SNAPSHOT-ENCRYPTED',
    title: 'A disk from a snapshot of an encrypted disk is encrypted',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'Creating from a snapshot',
      column: ENCRYPTED_COLUMN_3,
      quote: "(The snapshot's source disk is encrypted.)",
    },
    statement:
      'A disk created from an encrypted snapshot is encrypted with the snapshot key; a request for an unencrypted disk from it is refused with EVS.1101.',
    constrains: [ref.rule('table3.from-snapshot-encrypted')],
    verifiedBy: PROVISIONING,
    kind: 'table3',
  },
  {
    id: 'T3-SNAPSHOT-OF-ENCRYPTED',
    title: 'A snapshot of an encrypted disk is encrypted',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'Creating from a snapshot',
      column: 'Description',
      quote: 'A snapshot created from an encrypted disk is also encrypted.',
    },
    statement: 'A snapshot of an encrypted disk is encrypted with the disk key.',
    constrains: [ref.rule('table3.from-snapshot-encrypted')],
    verifiedBy: PROVISIONING,
    kind: 'table3',
  },
  {
    id: 'T3-SNAPSHOT-UNENCRYPTED',
    title: 'A disk from a snapshot of an unencrypted disk is not encrypted',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'Creating from a snapshot',
      column: ENCRYPTED_COLUMN_3,
      quote: "(The snapshot's source disk is not encrypted.)",
    },
    statement:
      'A disk created from an unencrypted snapshot is unencrypted; a request for an encrypted disk from it is refused with EVS.1101.',
    constrains: [ref.rule('table3.from-snapshot-unencrypted')],
    verifiedBy: PROVISIONING,
    kind: 'table3',
  },
  {
    id: 'T3-SNAPSHOT-OF-UNENCRYPTED',
    title: 'A snapshot of an unencrypted disk is not encrypted',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'Creating from a snapshot',
      column: 'Description',
      quote: 'A snapshot created from a non-encrypted disk is not encrypted.',
    },
    statement: 'A snapshot of an unencrypted disk is unencrypted (no key).',
    constrains: [ref.rule('table3.from-snapshot-unencrypted')],
    verifiedBy: PROVISIONING,
    kind: 'table3',
  },
  {
    id: 'T3-IMAGE-ENCRYPTED',
    title: 'A data disk from an image of an encrypted disk is encrypted',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'Creating from an image',
      column: ENCRYPTED_COLUMN_3,
      quote: "(The image's source disk is encrypted.)",
    },
    statement:
      'An image of an encrypted disk is encrypted with the disk key, and a data disk created from it is encrypted with that key; a request for an unencrypted disk from it is refused with EVS.1101.',
    constrains: [ref.rule('table3.from-image-encrypted')],
    verifiedBy: PROVISIONING,
    kind: 'table3',
  },
  {
    id: 'T3-IMAGE-UNENCRYPTED',
    title: 'A data disk from an image of an unencrypted disk is not encrypted',
    source: {
      section: SEED_SECTIONS.scenarios,
      table: T3,
      row: 'Creating from an image',
      column: ENCRYPTED_COLUMN_3,
      quote: "(The image's source disk is not encrypted.)",
    },
    statement:
      'An image of an unencrypted disk is unencrypted, and a data disk created from it is unencrypted; a request for an encrypted disk from it is refused with EVS.1101.',
    constrains: [ref.rule('table3.from-image-unencrypted')],
    verifiedBy: PROVISIONING,
    kind: 'table3',
  },
];
