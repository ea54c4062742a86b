import { ref } from './model-ref.ts';
import { SEED_SECTIONS } from './requirement.ts';
import type { Requirement } from './requirement.ts';

/** Table 4 ("Constraints on disk encryption"): every row and every bullet. */

const T4 = 'Table 4';
const DESCRIPTION = 'Description';

function source(row: string, quote: string): Requirement['source'] {
  return { section: SEED_SECTIONS.constraints, table: T4, row, column: DESCRIPTION, quote };
}

const changeEncryptionRefusals = [
  ref.refusal('disk', 'available', 'disk.changeEncryption', 'EVS.1101'),
  ref.refusal('disk', 'attached', 'disk.changeEncryption', 'EVS.1101'),
  ref.property('encryption-attribute-immutable'),
  ref.rule('table4.immutable'),
] as const;

export const table4Requirements: readonly Requirement[] = [
  {
    id: 'T4-ALL-DISK-TYPES',
    title: 'Every disk type can be encrypted',
    source: source('Types of disks supporting encryption', 'All disk types'),
    statement:
      'For every disk type, creating an encrypted disk (empty, with a server, from a backup, snapshot or image, or as a system disk) is allowed when the agency exists.',
    constrains: [ref.rule('table4.all-disk-types')],
    verifiedBy: ['provisioning-test'],
    kind: 'table4',
  },
  {
    id: 'T4-IMMUTABLE-ATTRIBUTE',
    title: 'The encryption attribute of a disk never changes after creation',
    source: source(
      'Constraints on encrypted disks',
      'The encryption attribute of a disk cannot be changed after the disk is created, meaning that:',
    ),
    statement:
      'disk.changeEncryption is refused with EVS.1101 in every state of a disk, and the encrypted flag and key in the disk context never differ from their values at creation.',
    constrains: changeEncryptionRefusals,
    verifiedBy: ['model-check', 'model-based-test', 'provisioning-test'],
    kind: 'table4',
  },
  {
    id: 'T4-NO-DECRYPT-DISK',
    title: 'An encrypted disk cannot become unencrypted',
    source: source('Constraints on encrypted disks', 'An encrypted disk cannot be changed to a non-encrypted disk.'),
    statement: 'Changing an encrypted disk to unencrypted is refused with EVS.1101; the disk stays encrypted with its key.',
    constrains: changeEncryptionRefusals,
    verifiedBy: ['model-check', 'provisioning-test'],
    kind: 'table4',
  },
  {
    id: 'T4-NO-ENCRYPT-DISK',
    title: 'An unencrypted disk cannot become encrypted',
    source: source('Constraints on encrypted disks', 'A non-encrypted disk cannot be changed to an encrypted disk.'),
    statement: 'Changing an unencrypted disk to encrypted is refused with EVS.1101; the disk stays unencrypted.',
    constrains: changeEncryptionRefusals,
    verifiedBy: ['model-check', 'provisioning-test'],
    kind: 'table4',
  },
  {
    id: 'T4-PERMISSIONS-SCOPE',
    title: 'The first user of encryption in a project sets it up; later users do not',
    source: source(
      'Constraints on user permissions',
      'When a user uses the encryption function, the condition varies depending on whether the user is the first one ever in the current region or project to use this function.',
    ),
    statement:
      'Whether encrypted disks can be created depends on one per-project fact: whether the agency granting EVS KMS access exists (finding F-FIRST-USER-SCOPE).',
    constrains: [ref.rule('table4.agency-required'), ref.property('encrypted-disk-needs-agency')],
    verifiedBy: ['model-check', 'provisioning-test'],
    kind: 'table4',
  },
  {
    id: 'T4-FIRST-USER-AGENCY',
    title: 'The first user creates the agency before keys can be used',
    source: source(
      'Constraints on user permissions',
      'If the user is the first user, the user needs to follow the prompt to create an agency, which grants EVS KMSAccess permissions to EVS. Then, the user can create and obtain keys to encrypt and decrypt disks.',
    ),
    statement:
      'Before the agency exists, creating an encrypted disk is refused with EVS.1201; after kms.grantAccess succeeds, the agency and evs/default exist and encrypted disks can be created.',
    constrains: [
      ref.refusal('system', 'noAgency', 'disk.create', 'EVS.1201'),
      ref.transition('system', 'noAgency', 'kms.grantAccess', 'agency'),
      ref.rule('table4.agency-required'),
      ref.property('encrypted-disk-needs-agency'),
    ],
    verifiedBy: ['model-check', 'model-based-test', 'provisioning-test'],
    kind: 'table4',
  },
  {
    id: 'T4-AGENCY-NEEDS-PERMISSION',
    title: 'Creating the agency needs a permission',
    source: source(
      'Constraints on user permissions',
      'The first user must have the EVS KMSAccess permissions to create the agency. If the user does not have the permissions, contact the account administrator to grant the permissions first.',
    ),
    statement:
      'kms.grantAccess without the security administrator permission is refused with EVS.1202 and creates neither the agency nor evs/default (finding F-PERMISSION-NAME).',
    constrains: [ref.refusal('system', 'noAgency', 'kms.grantAccess', 'EVS.1202'), ref.rule('table4.agency-needs-admin')],
    verifiedBy: ['model-check', 'provisioning-test'],
    kind: 'table4',
  },
  {
    id: 'T4-NOT-FIRST-USER',
    title: 'Once the agency exists, any user can use encryption directly',
    source: source('Constraints on user permissions', 'If the user is not the first user, the user can use encryption directly.'),
    statement:
      'With the agency in place, creating an encrypted disk needs no further permission and is never refused with EVS.1201 or EVS.1202.',
    constrains: [
      ref.state('system', 'agency'),
      ref.transition('system', 'agency', 'disk.create', null),
      ref.rule('table4.agency-required'),
    ],
    verifiedBy: ['provisioning-test'],
    kind: 'table4',
  },
  {
    id: 'T4-IMAGE-NO-REPLICATE',
    title: 'An encrypted image cannot be replicated across regions',
    source: source('Constraints on encrypted images', 'Encrypted images cannot be replicated across regions.'),
    statement:
      'Replicating an encrypted image to another region is refused with EVS.4001; replication within the region, and of unencrypted images anywhere, is allowed (finding F-IMAGE-SAME-REGION).',
    constrains: [ref.rule('table4.image-no-replicate')],
    verifiedBy: ['provisioning-test'],
    kind: 'table4',
  },
  {
    id: 'T4-IMAGE-NO-UNENCRYPT',
    title: 'An encrypted image cannot become unencrypted',
    source: source('Constraints on encrypted images', 'Encrypted images cannot be changed to non-encrypted images.'),
    statement:
      'Changing an encrypted image to unencrypted is refused with EVS.4003 and the image keeps its key; the other direction is refused with EVS.1101 (finding F-IMAGE-ENCRYPT-DIRECTION).',
    constrains: [ref.rule('table4.image-no-unencrypt')],
    verifiedBy: ['provisioning-test'],
    kind: 'table4',
  },
  {
    id: 'T4-IMAGE-NO-EXPORT',
    title: 'An encrypted image cannot be exported',
    source: source('Constraints on encrypted images', 'Encrypted images cannot be exported.'),
    statement: 'Exporting an encrypted image is refused with EVS.4002; exporting an unencrypted image is allowed.',
    constrains: [ref.rule('table4.image-no-export')],
    verifiedBy: ['provisioning-test'],
    kind: 'table4',
  },
];
