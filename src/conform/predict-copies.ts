import { DEFAULT_KEY_ID } from '../../models/index.ts';
import type { LogLine } from './log-line.ts';
import { diskAttribute, withEntry, type Attribute, type MonitorState } from './monitor-state.ts';
import { predictCreate } from './predict-disks.ts';
import { makeFacts, type Facts, type Prediction } from './prediction.ts';
import { attributeOf, provisioning } from './provisioning.ts';

/**
 * Predictions for snapshots, backups and images (Tables 3 and 4): creating
 * them from a disk, creating disks from them, replicating and exporting
 * images. The monitor remembers each copy's attribute; disks created from a
 * copy then go through the composed model like any other disk.
 */
type CopyLine = LogLine & {
  op: 'createSnapshot' | 'createBackup' | 'createImage' | 'createDiskFromSnapshot' | 'createDiskFromBackup' | 'createDiskFromImage' | 'replicateImage' | 'exportImage';
};

type CopyKind = 'snapshot' | 'backup' | 'image';
const MAPS = { snapshot: 'snapshots', backup: 'backups', image: 'images' } as const;

function base(state: MonitorState, line: CopyLine, source: Attribute | null, requested: boolean | null): Facts {
  return makeFacts({ op: line.op, source, requested, keyId: source?.key ?? null, agency: state.system.agency, decidedBy: '' });
}

const unknown = (state: MonitorState, f: Facts, what: string, id: string): Prediction => ({
  expected: { kind: 'refused', code: 'EVS.0404', why: `${what} ${id} does not exist` },
  predicted: state,
  facts: { ...f, decidedBy: `unknown ${what}` },
});

function createCopy(state: MonitorState, line: CopyLine, kind: CopyKind, id: string, disk: string): Prediction {
  const source = diskAttribute(state, disk);
  const f = base(state, line, source, null);
  if (source === null) return unknown(state, f, 'disk', disk);
  const map = state[MAPS[kind]];
  if (map.has(id)) return { expected: { kind: 'refused', code: 'MODEL.0001', why: `${kind} id ${id} already exists (ids are unique)` }, predicted: state, facts: { ...f, decidedBy: `${kind} ids unique` } };
  const decision = kind === 'snapshot' ? provisioning.snapshotOf(source) : kind === 'backup' ? provisioning.backupOf(source) : provisioning.imageOf(source);
  const facts = { ...f, decidedBy: `provisioning rule ${decision.rule}` };
  if (!decision.allowed) return { expected: { kind: 'refused', code: decision.code, why: decision.reason }, predicted: state, facts };
  const attr = attributeOf(decision);
  const why = `a ${kind} of ${source.encrypted ? `an encrypted disk is encrypted under ${attr.key ?? '?'}` : 'an unencrypted disk is unencrypted'}`;
  return { expected: { kind: 'ok', why }, predicted: { ...state, [MAPS[kind]]: withEntry(map, id, attr) }, facts };
}

/** The attribute the log reports for a disk created from an inheriting copy, for the claimed effect. */
function reportedFrom(source: Attribute, reported: boolean | null): Attribute | null {
  if (reported === null) return null;
  if (reported === source.encrypted) return source;
  return reported ? { encrypted: true, key: DEFAULT_KEY_ID } : { encrypted: false, key: null };
}

export function predictCopyLine(state: MonitorState, line: CopyLine): Prediction {
  switch (line.op) {
    case 'createSnapshot':
      return createCopy(state, line, 'snapshot', line.snapshot, line.disk);
    case 'createBackup':
      return createCopy(state, line, 'backup', line.backup, line.disk);
    case 'createImage':
      return createCopy(state, line, 'image', line.image, line.disk);
    case 'createDiskFromSnapshot': {
      const source = state.snapshots.get(line.snapshot) ?? null;
      const f = base(state, line, source, line.encrypted);
      if (source === null) return unknown(state, f, 'snapshot', line.snapshot);
      return predictCreate(state, line, line.disk, provisioning.diskFromSnapshot(source, line.encrypted), f, reportedFrom(source, line.encrypted));
    }
    case 'createDiskFromImage': {
      const source = state.images.get(line.image) ?? null;
      const f = base(state, line, source, line.encrypted);
      if (source === null) return unknown(state, f, 'image', line.image);
      return predictCreate(state, line, line.disk, provisioning.diskFromImage(source, line.encrypted), f, reportedFrom(source, line.encrypted));
    }
    case 'createDiskFromBackup': {
      const source = state.backups.get(line.backup) ?? null;
      const f = base(state, line, source, line.encrypted);
      if (source === null) return unknown(state, f, 'backup', line.backup);
      const decision = provisioning.diskFromBackup(source, line.encrypted, line.key);
      return predictCreate(state, line, line.disk, decision, f, decision.allowed ? attributeOf(decision) : null);
    }
    case 'replicateImage':
    case 'exportImage': {
      const source = state.images.get(line.image) ?? null;
      const f = base(state, line, source, null);
      if (source === null) return unknown(state, f, 'image', line.image);
      const decision = line.op === 'replicateImage' ? provisioning.replicate(source) : provisioning.exportImage(source);
      const facts = { ...f, decidedBy: `provisioning rule ${decision.rule}` };
      if (!decision.allowed) return { expected: { kind: 'refused', code: decision.code, why: decision.reason }, predicted: state, facts };
      return { expected: { kind: 'ok', why: `image ${line.image} is unencrypted` }, predicted: state, facts };
    }
  }
}
