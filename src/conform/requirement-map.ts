import type { RequirementId } from '../../models/requirements/catalog.ts';
import type { LogOpName } from './log-line.ts';
import type { Facts } from './prediction.ts';

/**
 * Which requirement of the catalog (models/requirements) a violation breaks.
 * One table, read top to bottom; the first matching row wins.
 *
 * - `forbidden`: the model refuses the line (with `code`) and the log says it
 *   succeeded, or failed with another code.
 * - `required`: the model accepts the line and the log says it was refused.
 *
 * No row: the violation is of KMS/EVS semantics the seed does not state
 * (docs/CONTRACTS.md: e.g. enabling an enabled key, unknown ids); its
 * requirement is null and the message names the model element that decided.
 */
export type ViolationSide = 'forbidden' | 'required';

interface Row {
  readonly side: ViolationSide;
  readonly ops: readonly LogOpName[];
  /** For `forbidden` rows: the model's refusal code (null: the line cannot have happened, e.g. keyDeleted too early). */
  readonly code?: string | null;
  readonly when?: (f: Facts) => boolean;
  readonly requirement: RequirementId | ((f: Facts) => RequirementId);
}

const UNUSABLE = { disabled: 'DISABLED', pendingDeletion: 'PENDING', deleted: 'DELETED', unknown: 'DELETED' } as const;
type Unusable = keyof typeof UNUSABLE;
const isUnusable = (s: Facts['keyState']): s is Unusable => s in UNUSABLE;

/** Was the disk detached during the key's current episode of unavailability (Table 1 "attached" row), or before it ("not attached")? */
const detachedDuringEpisode = (f: Facts): boolean =>
  f.history?.detachedInEpisode !== null && f.history?.detachedInEpisode !== undefined && f.history.detachedInEpisode === (f.timing?.episode ?? 0);

const table1 = (f: Facts, column: 'IMPACT' | 'RESTORE', state: Unusable | 'disabled' | 'pendingDeletion'): RequirementId =>
  `T1-${UNUSABLE[state]}-${detachedDuringEpisode(f) ? 'ATTACHED' : 'DETACHED'}-${column}`;

const ROWS: readonly Row[] = [
  // --- the model refuses ---
  {
    side: 'forbidden',
    ops: ['attachDisk'],
    code: 'EVS.2001',
    requirement: (f) => (isUnusable(f.keyState) ? table1(f, 'IMPACT', f.keyState) : 'TXT-REATTACH-NEEDS-ENABLED'),
  },
  { side: 'forbidden', ops: ['readDisk', 'writeDisk'], code: 'EVS.1001', when: (f) => f.history?.everAttached === true, requirement: 'TXT-DETACH-DROPS-DK' },
  { side: 'forbidden', ops: ['readDisk', 'writeDisk'], code: 'EVS.1001', requirement: 'TXT-DK-USED-FOR-IO' },
  { side: 'forbidden', ops: ['changeDiskEncryption'], code: 'EVS.1101', when: (f) => f.diskEncrypted === true && f.requested === false, requirement: 'T4-NO-DECRYPT-DISK' },
  { side: 'forbidden', ops: ['changeDiskEncryption'], code: 'EVS.1101', when: (f) => f.diskEncrypted === false && f.requested === true, requirement: 'T4-NO-ENCRYPT-DISK' },
  { side: 'forbidden', ops: ['changeDiskEncryption'], code: 'EVS.1101', requirement: 'T4-IMMUTABLE-ATTRIBUTE' },
  { side: 'forbidden', ops: ['createDisk', 'createDiskFromSnapshot', 'createDiskFromBackup', 'createDiskFromImage'], code: 'EVS.1201', requirement: 'TXT-AGENCY-BEFORE-ENCRYPTION' },
  { side: 'forbidden', ops: ['createDiskFromSnapshot'], code: 'EVS.1101', requirement: (f) => (f.source?.encrypted ? 'T3-SNAPSHOT-ENCRYPTED' : 'T3-SNAPSHOT-UNENCRYPTED') },
  { side: 'forbidden', ops: ['createDiskFromImage'], code: 'EVS.1101', requirement: (f) => (f.source?.encrypted ? 'T3-IMAGE-ENCRYPTED' : 'T3-IMAGE-UNENCRYPTED') },
  { side: 'forbidden', ops: ['replicateImage'], code: 'EVS.4001', requirement: 'T4-IMAGE-NO-REPLICATE' },
  { side: 'forbidden', ops: ['exportImage'], code: 'EVS.4002', requirement: 'T4-IMAGE-NO-EXPORT' },
  { side: 'forbidden', ops: ['grantKmsAccess'], code: 'EVS.1202', requirement: 'TXT-AGENCY-SECURITY-ADMIN' },
  { side: 'forbidden', ops: ['disableKey'], code: 'KMS.0211', requirement: 'TXT-DEFAULT-KEY-NO-DISABLE' },
  { side: 'forbidden', ops: ['scheduleKeyDeletion'], code: 'KMS.0211', requirement: 'TXT-DEFAULT-KEY-NO-DELETION' },
  { side: 'forbidden', ops: ['enableKey', 'cancelKeyDeletion'], code: 'KMS.0207', when: (f) => f.keyState === 'deleted', requirement: 'T1-DELETED-DETACHED-RESTORE' },
  { side: 'forbidden', ops: ['disableKey', 'scheduleKeyDeletion'], code: 'KMS.0207', when: (f) => f.keyState === 'deleted', requirement: 'T1-DELETED-ATTACHED-RESTORE' },
  { side: 'forbidden', ops: ['enableKey'], code: 'KMS.0210', requirement: 'TXT-RESTORE-BY-STATUS' },
  { side: 'forbidden', ops: ['keyDeleted'], code: null, requirement: 'TXT-UNAVAILABLE-CMK-CONSEQUENCE' },
  // --- the model accepts ---
  {
    side: 'required',
    ops: ['readDisk', 'writeDisk'],
    requirement: (f) => (isUnusable(f.keyState) ? `T1-${UNUSABLE[f.keyState]}-ATTACHED-IMPACT` : 'TXT-DK-USED-FOR-IO'),
  },
  { side: 'required', ops: ['detachDisk'], requirement: 'TXT-DETACH-CHECK-CMK' },
  {
    side: 'required',
    ops: ['attachDisk'],
    when: (f) => f.keyState === 'enabled' && f.timing?.episodeKind != null,
    requirement: (f) => table1(f, 'RESTORE', f.timing?.episodeKind ?? 'disabled'),
  },
  { side: 'required', ops: ['attachDisk'], when: (f) => f.history?.everAttached === true, requirement: 'TXT-DETACH-CMK-AVAILABLE' },
  { side: 'required', ops: ['attachDisk'], when: (f) => f.diskEncrypted === true, requirement: 'TXT-KEYS-FROM-KMS' },
  { side: 'required', ops: ['enableKey', 'cancelKeyDeletion'], requirement: 'TXT-RESTORE-BY-STATUS' },
  { side: 'required', ops: ['createKey', 'disableKey', 'scheduleKeyDeletion'], requirement: 'TXT-CMK-USER-KEYS' },
  { side: 'required', ops: ['grantKmsAccess'], requirement: 'TXT-AGENCY-SECURITY-ADMIN' },
  { side: 'required', ops: ['createDisk'], when: (f) => f.agency && f.requested === true, requirement: 'T4-NOT-FIRST-USER' },
  { side: 'required', ops: ['createDisk'], requirement: 'T3-EMPTY-CHOICE' },
  { side: 'required', ops: ['createDiskFromBackup'], requirement: 'T3-BACKUP-CHOICE' },
  { side: 'required', ops: ['createDiskFromSnapshot'], requirement: (f) => (f.source?.encrypted ? 'T3-SNAPSHOT-ENCRYPTED' : 'T3-SNAPSHOT-UNENCRYPTED') },
  { side: 'required', ops: ['createDiskFromImage'], requirement: (f) => (f.source?.encrypted ? 'T3-IMAGE-ENCRYPTED' : 'T3-IMAGE-UNENCRYPTED') },
  { side: 'required', ops: ['replicateImage'], requirement: 'T4-IMAGE-NO-REPLICATE' },
  { side: 'required', ops: ['exportImage'], requirement: 'T4-IMAGE-NO-EXPORT' },
];

/** The requirement a violation breaks, or null when the seed states none (see above). */
export function requirementFor(side: ViolationSide, modelCode: string | null, f: Facts): RequirementId | null {
  for (const row of ROWS) {
    if (row.side !== side || !row.ops.includes(f.op)) continue;
    if (side === 'forbidden' && row.code !== undefined && row.code !== modelCode) continue;
    if (row.when && !row.when(f)) continue;
    return typeof row.requirement === 'string' ? row.requirement : row.requirement(f);
  }
  return null;
}
