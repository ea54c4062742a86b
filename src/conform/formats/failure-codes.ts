import type { LogOpName } from '../log-line.ts';

/**
 * The one table from why a cloud refused an operation to the error code the
 * model uses for that operation. Both translators first say WHY (a
 * `FailureCause`, read from the AWS error code or the OTC response body),
 * then this table says which model code that is for the operation at hand:
 * a disabled key is EVS.2001 for an attach, EVS.2002 for a create, KMS.0210
 * ... A cause with no entry for the operation gives null: the line keeps
 * `result: "error"` without a code and the monitor checks only that the
 * model refuses too.
 */
export type FailureCause =
  | 'keyDisabled'
  | 'keyPendingDeletion'
  /** The key cannot be used, state unknown (AWS: CustomerKeyHasBeenRevoked, InvalidKMSKey.InvalidState). */
  | 'keyUnusable'
  | 'keyNotFound'
  | 'diskNotFound'
  | 'snapshotNotFound'
  | 'diskNotAttached'
  | 'diskAttached'
  | 'pendingDaysOutOfRange'
  | 'keyNotEnabled'
  | 'keyNotDisabled'
  | 'keyNotPendingDeletion'
  | 'keyAlreadyPendingDeletion'
  | 'defaultKeyProtected'
  /** A failure with no exact equivalent in the model. */
  | 'unspecified';

const KEY_NOT_USABLE_FOR_DISKS = { attachDisk: 'EVS.2001', createDisk: 'EVS.2002', createDiskFromSnapshot: 'EVS.2002' } as const;

export const FAILURE_CODES: Readonly<Record<FailureCause, Partial<Readonly<Record<LogOpName, string>>>>> = {
  keyDisabled: { ...KEY_NOT_USABLE_FOR_DISKS, disableKey: 'KMS.1301' },
  keyPendingDeletion: { ...KEY_NOT_USABLE_FOR_DISKS, enableKey: 'KMS.0210', disableKey: 'KMS.0210', scheduleKeyDeletion: 'KMS.1402' },
  keyUnusable: { ...KEY_NOT_USABLE_FOR_DISKS },
  keyNotFound: {
    ...KEY_NOT_USABLE_FOR_DISKS,
    enableKey: 'KMS.0207',
    disableKey: 'KMS.0207',
    scheduleKeyDeletion: 'KMS.0207',
    cancelKeyDeletion: 'KMS.0207',
  },
  diskNotFound: { attachDisk: 'EVS.0404', detachDisk: 'EVS.0404', deleteDisk: 'EVS.0404', createSnapshot: 'EVS.0404' },
  snapshotNotFound: { createDiskFromSnapshot: 'EVS.0404' },
  diskNotAttached: { detachDisk: 'EVS.1001' },
  diskAttached: { attachDisk: 'EVS.1002', deleteDisk: 'EVS.1004' },
  pendingDaysOutOfRange: { scheduleKeyDeletion: 'KMS.1401' },
  keyNotEnabled: { disableKey: 'KMS.1301' },
  keyNotDisabled: { enableKey: 'KMS.1201' },
  keyNotPendingDeletion: { cancelKeyDeletion: 'KMS.1501' },
  keyAlreadyPendingDeletion: { scheduleKeyDeletion: 'KMS.1402' },
  defaultKeyProtected: { enableKey: 'KMS.0211', disableKey: 'KMS.0211', scheduleKeyDeletion: 'KMS.0211', cancelKeyDeletion: 'KMS.0211' },
  unspecified: {},
};

/** The model's code for `op` refused because of `cause`, or null when the model has no exact equivalent. */
export function modelCodeFor(op: LogOpName, cause: FailureCause): string | null {
  return FAILURE_CODES[cause][op] ?? null;
}

/** Operations on disks (the key's state reaches them as EVS.2001/EVS.2002). */
const DISK_OPS: ReadonlySet<LogOpName> = new Set(['attachDisk', 'detachDisk', 'deleteDisk', 'createDisk', 'createDiskFromSnapshot', 'createSnapshot']);

/** Our vocabulary of EVS codes (docs/CONTRACTS.md). */
const EVS_CODES: ReadonlySet<string> = new Set([
  'EVS.0404', 'EVS.1001', 'EVS.1002', 'EVS.1004', 'EVS.1101', 'EVS.1201', 'EVS.1202', 'EVS.2001', 'EVS.2002',
  'EVS.3001', 'EVS.3002', 'EVS.3003', 'EVS.3004', 'EVS.4001', 'EVS.4002', 'EVS.4003',
]);

/** KMS codes that say the key is not usable, as causes (a disk operation reports them as EVS.2001/EVS.2002). */
const KMS_KEY_CAUSES: Readonly<Record<string, FailureCause>> = {
  'KMS.0207': 'keyNotFound',
  'KMS.0209': 'keyDisabled',
  'KMS.0210': 'keyPendingDeletion',
};

/**
 * A KMS or EVS code found in a response body (OTC), as the model's code for
 * `op`: a KMS operation keeps the KMS's own code (the same KMS); a disk
 * operation refused because of its key gets EVS.2001/EVS.2002; an EVS code
 * is kept only if it is in our vocabulary. Anything else: null.
 */
export function modelCodeFromServiceCode(op: LogOpName, code: string): string | null {
  if (code.startsWith('KMS.')) {
    if (!DISK_OPS.has(op)) return /^KMS\.\d{4}$/.test(code) ? code : null;
    const cause = KMS_KEY_CAUSES[code];
    return cause ? modelCodeFor(op, cause) : null;
  }
  return DISK_OPS.has(op) && EVS_CODES.has(code) ? code : null;
}
