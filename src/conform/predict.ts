import type { LogLine } from './log-line.ts';
import type { MonitorState } from './monitor-state.ts';
import { predictCopyLine } from './predict-copies.ts';
import { predictCreateDisk, predictDiskOp } from './predict-disks.ts';
import { predictKeyLine } from './predict-keys.ts';
import type { Prediction } from './prediction.ts';

/** What the model predicts for one line, in the given state (the model clock already moved to the line's time). */
export function predictLine(state: MonitorState, line: LogLine): Prediction {
  switch (line.op) {
    case 'grantKmsAccess':
    case 'createKey':
    case 'enableKey':
    case 'disableKey':
    case 'scheduleKeyDeletion':
    case 'cancelKeyDeletion':
    case 'keyDeleted':
      return predictKeyLine(state, line);
    case 'createDisk':
      return predictCreateDisk(state, line);
    case 'attachDisk':
    case 'detachDisk':
    case 'readDisk':
    case 'writeDisk':
    case 'deleteDisk':
    case 'changeDiskEncryption':
      return predictDiskOp(state, line);
    case 'createSnapshot':
    case 'createBackup':
    case 'createImage':
    case 'createDiskFromSnapshot':
    case 'createDiskFromBackup':
    case 'createDiskFromImage':
    case 'replicateImage':
    case 'exportImage':
      return predictCopyLine(state, line);
  }
}
