import type { Finding } from './finding.ts';

/**
 * Findings about Tables 2, 3 and 4 and the permission text.
 * `seedSays` is one or more exact seed quotes joined by ' … '.
 */
export const findingsProvisioning: readonly Finding[] = [
  {
    id: 'F-TABLE3-YES-NO',
    title: 'Table 3 "Yes/No" means the user chooses',
    requirementIds: ['T3-WITH-SERVER-CHOICE', 'T3-EMPTY-CHOICE', 'T3-BACKUP-CHOICE'],
    seedSays: 'Yes/No … you can choose whether to encrypt the disk or not.',
    readings: [
      { id: 'user-choice', text: 'Either value is allowed, as the request asks, independently of anything else.' },
      { id: 'depends', text: 'The value depends on something the table does not name (the server image, the backup).' },
    ],
    modelTakes: 'user-choice',
    rationale: 'Every Yes/No row\'s description says "you can choose"; for backups it adds that the attributes need not match.',
    severity: 'editorial',
  },
  {
    id: 'F-SOURCE-DISK-KEYING',
    title: 'Table 3 rows are keyed on the source disk of the snapshot or image, not on the snapshot or image',
    requirementIds: ['T3-SNAPSHOT-ENCRYPTED', 'T3-SNAPSHOT-OF-ENCRYPTED', 'T3-IMAGE-ENCRYPTED', 'T3-IMAGE-UNENCRYPTED', 'T2-ENCRYPTED-IMAGE'],
    seedSays:
      "(The snapshot's source disk is encrypted.) … (The image's source disk is encrypted.) … A snapshot created from an encrypted disk is also encrypted.",
    readings: [
      {
        id: 'inherit',
        text: 'Snapshots and images inherit the attribute and the key of their source disk, and disks created from them inherit those again, so keying on either is the same.',
      },
      {
        id: 'independent',
        text: 'An image may be encrypted independently of its source disk (Table 2 refers to creating encrypted images in IMS), so the source disk says little.',
      },
    ],
    modelTakes: 'inherit',
    rationale:
      'Stated for snapshots, only implied for images. The key is not stated anywhere; inheriting it is the only choice that lets the derived disk be decrypted without re-encryption.',
    severity: 'gap',
  },
  {
    id: 'F-REQUESTED-CONTRADICTS-SOURCE',
    title: 'Asking for the other attribute when creating from a snapshot or image',
    requirementIds: ['T3-SNAPSHOT-ENCRYPTED', 'T3-SNAPSHOT-UNENCRYPTED', 'T3-IMAGE-ENCRYPTED', 'T3-IMAGE-UNENCRYPTED'],
    seedSays: "(The snapshot's source disk is not encrypted.) … The encryption attributes of the disk and backup do not need to be the same.",
    readings: [
      { id: 'refuse', text: 'A request for the other attribute is refused (EVS.1101).' },
      { id: 'ignore', text: 'The requested attribute is ignored and the source\'s is used.' },
      { id: 'honour', text: 'The disk is created with the requested attribute, as for backups.' },
    ],
    modelTakes: 'refuse',
    rationale:
      'Backups are explicitly exempt ("do not need to be the same"), which implies snapshots and images are not; silently ignoring a request hides the mistake; CONTRACTS.md gives EVS.1101 for a requested attribute that contradicts the source.',
    severity: 'gap',
  },
  {
    id: 'F-KEY-WHEN-UNNAMED',
    title: 'Which key encrypts a disk when the user chooses encryption without naming a key',
    requirementIds: ['T3-WITH-SERVER-CHOICE', 'T3-EMPTY-CHOICE', 'T3-BACKUP-CHOICE', 'TXT-DEFAULT-KEY-AUTO'],
    seedSays:
      'you can choose whether to encrypt the disk or not. … A key that is automatically created by EVS through KMS and named **evs/default**.',
    readings: [
      { id: 'default-key', text: 'evs/default, whatever the source (also for a disk created from an encrypted backup); a named key always wins.' },
      { id: 'source-key', text: 'For a disk from an encrypted backup, the backup\'s key; otherwise evs/default.' },
      { id: 'must-name', text: 'A key must always be named; a request without one is refused.' },
    ],
    modelTakes: 'default-key',
    rationale:
      'evs/default exists precisely so that encryption works without a CMK, and the seed makes the encryption of a disk from a backup a fresh choice ("do not need to be the same"), so one rule for every unnamed key is the simplest reading. Snapshots and images are different: there the key is inherited, not chosen (F-SOURCE-DISK-KEYING).',
    severity: 'gap',
  },
  {
    id: 'F-IMAGE-ENCRYPT-DIRECTION',
    title: 'Only one direction of image encryption change is named',
    requirementIds: ['T4-IMAGE-NO-UNENCRYPT'],
    seedSays: 'Encrypted images cannot be changed to non-encrypted images. … **Creating Encrypted Images**',
    readings: [
      { id: 'only-stated-direction', text: 'An unencrypted image may be changed in place to an encrypted one.' },
      { id: 'immutable-both-ways', text: 'Images, like disks, keep the attribute they were created with, in both directions (EVS.1101 for the direction the seed does not name).' },
    ],
    modelTakes: 'immutable-both-ways',
    rationale:
      'The seed points to "Creating Encrypted Images": encryption is chosen when an image is created, as for disks, whose attribute is immutable both ways. The named direction is the one with a security consequence; the other is not granted by silence. EVS.4003 stays the code for the named direction.',
    severity: 'gap',
  },
  {
    id: 'F-IMAGE-SAME-REGION',
    title: '"cannot be replicated across regions": and within a region?',
    requirementIds: ['T4-IMAGE-NO-REPLICATE'],
    seedSays: 'Encrypted images cannot be replicated across regions.',
    readings: [
      { id: 'cross-region-only', text: 'Replication to another region is refused; within the region it is allowed and keeps the key.' },
      { id: 'no-replication', text: 'Encrypted images cannot be replicated at all.' },
    ],
    modelTakes: 'cross-region-only',
    rationale:
      'The restriction is worded for regions; KMS keys are regional, which explains it and does not extend to the same region. An implementation that refuses every replication of an encrypted image takes the other reading; the conformance check will show it.',
    severity: 'ambiguity',
  },
  {
    id: 'F-PERMISSION-NAME',
    title: 'Two names for the permission that creates the agency',
    requirementIds: ['T4-AGENCY-NEEDS-PERMISSION', 'TXT-AGENCY-SECURITY-ADMIN'],
    seedSays:
      'The first user must have the EVS KMSAccess permissions to create the agency. … contact the account administrator … If you have the Security Administrator permissions, grant the KMS access rights to EVS directly.',
    readings: [
      { id: 'one-permission', text: 'One permission under two names; the model has one flag, securityAdmin on kms.grantAccess.' },
      { id: 'two-permissions', text: 'EVS KMSAccess and Security Administrator are different permissions; one or both are needed.' },
    ],
    modelTakes: 'one-permission',
    rationale:
      'Both passages describe the same act (creating the agency). The contracts have one refusal code, EVS.1202, named after the security administrator permission.',
    severity: 'contradiction',
  },
  {
    id: 'F-FIRST-USER-SCOPE',
    title: '"the first one ever in the current region or project"',
    requirementIds: ['T4-PERMISSIONS-SCOPE', 'T4-FIRST-USER-AGENCY', 'T4-NOT-FIRST-USER'],
    seedSays:
      'the condition varies depending on whether the user is the first one ever in the current region or project to use this function.',
    readings: [
      { id: 'per-project', text: 'The agency is per project; one modelled system is one project in one region.' },
      { id: 'per-region', text: 'The agency is per region, shared by the projects in it.' },
    ],
    modelTakes: 'per-project',
    rationale: 'The model has a single project in a single region, so the readings coincide there; CONTRACTS.md says "in this project".',
    severity: 'ambiguity',
  },
  {
    id: 'F-ALL-DISK-TYPES',
    title: '"All disk types" does not say which types exist',
    requirementIds: ['T4-ALL-DISK-TYPES'],
    seedSays: 'All disk types',
    readings: [
      { id: 'service-types', text: 'Every type the service offers: SATA, SAS, GPSSD, SSD and ESSD.' },
      { id: 'open', text: 'Any type, including ones added later; the statement cannot be enumerated.' },
    ],
    modelTakes: 'service-types',
    rationale: 'A finite list is needed to generate test cases; the five are the EVS disk types of the same cloud.',
    severity: 'gap',
  },
];
