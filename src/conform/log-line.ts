/**
 * One line of a recorded event log (JSON Lines), after validation: a typed
 * union on `op`. Every line carries its position (`seq`, `time`) and what the
 * system answered (`result`, and the error code when refused).
 *
 * `encrypted` on a line that creates a disk is the attribute the system
 * REPORTS for the created disk; for the copies (snapshot, image) it is
 * checked against Table 3.
 */

/** Where a line sits in the log and what the system answered. */
export interface LineHeader {
  /** 1-based line number in the file (for messages). */
  readonly lineNumber: number;
  /** Strictly increasing sequence number written by the recorder. */
  readonly seq: number;
  /** The `time` field as written. */
  readonly time: string;
  /** `time` in milliseconds since the Unix epoch. */
  readonly timeMs: number;
  readonly result: 'ok' | 'error';
  /** The error code of a refused line; null when the line carries none. */
  readonly error: string | null;
}

export type LogOp =
  | { readonly op: 'grantKmsAccess'; readonly project: string; readonly securityAdmin: boolean }
  | { readonly op: 'createKey'; readonly key: string }
  | { readonly op: 'enableKey'; readonly key: string }
  | { readonly op: 'disableKey'; readonly key: string }
  | { readonly op: 'scheduleKeyDeletion'; readonly key: string; readonly pendingDays: number }
  | { readonly op: 'cancelKeyDeletion'; readonly key: string }
  | { readonly op: 'keyDeleted'; readonly key: string }
  | { readonly op: 'createDisk'; readonly disk: string; readonly encrypted: boolean; readonly key: string | null }
  | { readonly op: 'attachDisk'; readonly disk: string; readonly server: string }
  | { readonly op: 'detachDisk'; readonly disk: string }
  | { readonly op: 'readDisk'; readonly disk: string }
  | { readonly op: 'writeDisk'; readonly disk: string }
  | { readonly op: 'deleteDisk'; readonly disk: string }
  | { readonly op: 'changeDiskEncryption'; readonly disk: string; readonly encrypted: boolean }
  | { readonly op: 'createSnapshot'; readonly snapshot: string; readonly disk: string }
  | { readonly op: 'createDiskFromSnapshot'; readonly disk: string; readonly snapshot: string; readonly encrypted: boolean | null }
  | { readonly op: 'createBackup'; readonly backup: string; readonly disk: string }
  | {
      readonly op: 'createDiskFromBackup';
      readonly disk: string;
      readonly backup: string;
      readonly encrypted: boolean;
      readonly key: string | null;
    }
  | { readonly op: 'createImage'; readonly image: string; readonly disk: string }
  | { readonly op: 'createDiskFromImage'; readonly disk: string; readonly image: string; readonly encrypted: boolean | null }
  | { readonly op: 'replicateImage'; readonly image: string; readonly region: string }
  | { readonly op: 'exportImage'; readonly image: string };

export type LogOpName = LogOp['op'];

/** A validated log line. */
export type LogLine = LineHeader & LogOp;

/** Why a line cannot be read, and what to change in it. */
export interface LineProblem {
  readonly lineNumber: number;
  readonly message: string;
  readonly fix: string;
  /** Which CLI code the problem maps to (see `CONFORM_INPUT_CODES`). */
  readonly code: ConformInputCode;
}

/** Error codes for unreadable logs (`CLI.04xx`, exit 2). */
export const CONFORM_INPUT_CODES = {
  cannotOpen: 'CLI.0401',
  malformedJson: 'CLI.0402',
  unknownOp: 'CLI.0403',
  badArgument: 'CLI.0404',
  badSeq: 'CLI.0405',
  badTime: 'CLI.0406',
  badOption: 'CLI.0407',
} as const;

export type ConformInputCode = (typeof CONFORM_INPUT_CODES)[keyof typeof CONFORM_INPUT_CODES];

/** A short rendering of a line's operation and ids, for messages: `attachDisk d1 → s1`. */
export function describeOp(line: LogOp): string {
  switch (line.op) {
    case 'grantKmsAccess':
      return `grantKmsAccess ${line.project}${line.securityAdmin ? '' : ' (without security administrator permission)'}`;
    case 'createKey':
    case 'enableKey':
    case 'disableKey':
    case 'cancelKeyDeletion':
    case 'keyDeleted':
      return `${line.op} ${line.key}`;
    case 'scheduleKeyDeletion':
      return `scheduleKeyDeletion ${line.key} (${line.pendingDays} days)`;
    case 'createDisk':
      return `createDisk ${line.disk} ${line.encrypted ? `encrypted by ${line.key ?? 'evs/default'}` : 'unencrypted'}`;
    case 'attachDisk':
      return `attachDisk ${line.disk} → ${line.server}`;
    case 'detachDisk':
    case 'readDisk':
    case 'writeDisk':
    case 'deleteDisk':
      return `${line.op} ${line.disk}`;
    case 'changeDiskEncryption':
      return `changeDiskEncryption ${line.disk} to ${line.encrypted ? 'encrypted' : 'unencrypted'}`;
    case 'createSnapshot':
      return `createSnapshot ${line.snapshot} of ${line.disk}`;
    case 'createBackup':
      return `createBackup ${line.backup} of ${line.disk}`;
    case 'createImage':
      return `createImage ${line.image} of ${line.disk}`;
    case 'createDiskFromSnapshot':
      return `createDiskFromSnapshot ${line.disk} from ${line.snapshot}${reported(line.encrypted)}`;
    case 'createDiskFromImage':
      return `createDiskFromImage ${line.disk} from ${line.image}${reported(line.encrypted)}`;
    case 'createDiskFromBackup':
      return `createDiskFromBackup ${line.disk} from ${line.backup} ${line.encrypted ? `encrypted by ${line.key ?? 'evs/default'}` : 'unencrypted'}`;
    case 'replicateImage':
      return `replicateImage ${line.image} to ${line.region}`;
    case 'exportImage':
      return `exportImage ${line.image}`;
  }
}

function reported(encrypted: boolean | null): string {
  return encrypted === null ? '' : encrypted ? ' (reported encrypted)' : ' (reported unencrypted)';
}
