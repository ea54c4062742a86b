import type { DiskComponent, SystemEvent } from '../../models/index.ts';
import type { LogLine } from './log-line.ts';
import { forgetKeyIfUnused, NEW_DISK_HISTORY, withEntry, type Attribute, type DiskHistory, type MonitorState } from './monitor-state.ts';
import { makeFacts, keyView, keyWords, modelStep, type Facts, type Prediction } from './prediction.ts';
import { attributeOf, provisioning, type ProvisioningDecision } from './provisioning.ts';
import { claimedDiskEffect } from './what-if.ts';

/**
 * Predictions for disk lines: creating a disk (empty, or from a copy once
 * the provisioning rules gave its attribute), attach, detach, I/O, delete and
 * attempts to change the encryption attribute.
 */
type DiskOpLine = LogLine & { op: 'attachDisk' | 'detachDisk' | 'readDisk' | 'writeDisk' | 'deleteDisk' | 'changeDiskEncryption' };

/** Facts about an existing disk (or none) before a line. */
export function diskFacts(state: MonitorState, line: LogLine, disk: string, decidedBy: string): Facts {
  const d: DiskComponent | undefined = state.system.disks[disk];
  const keyId = d?.context.keyId ?? null;
  return makeFacts({
    op: line.op,
    keyId,
    keyState: d ? keyView(state.system, keyId) : 'unknown',
    timing: keyId === null ? null : (state.keys.get(keyId) ?? null),
    diskState: d && d.value !== 'deleted' ? (d.value as 'available' | 'attached') : null,
    diskEncrypted: d ? d.context.encrypted : null,
    history: state.disks.get(disk) ?? null,
    agency: state.system.agency,
    decidedBy,
  });
}

/**
 * Creating `disk` with the attribute a provisioning decision gives (or its
 * refusal). `reported` is the attribute the log reports, used for the claimed
 * effect when the model refuses a success.
 */
export function predictCreate(state: MonitorState, _line: LogLine, disk: string, decision: ProvisioningDecision, base: Facts, reported: Attribute | null): Prediction {
  const claimedWith = (attr: Attribute): MonitorState | undefined => {
    const system = claimedDiskEffect(state.system, { type: 'disk.create', disk, encrypted: attr.encrypted, key: attr.key }, attr.key);
    return system ? { ...state, system, disks: withEntry(state.disks, disk, NEW_DISK_HISTORY) } : undefined;
  };
  if (!decision.allowed) {
    const facts = { ...base, decidedBy: `provisioning rule ${decision.rule}` };
    const claimed = reported ? () => claimedWith(reported) : undefined;
    return { expected: { kind: 'refused', code: decision.code, why: decision.reason }, predicted: state, claimed, facts };
  }
  const attr = attributeOf(decision);
  const step = modelStep(state.system, { type: 'disk.create', disk, encrypted: attr.encrypted, key: attr.key });
  const facts: Facts = { ...base, decidedBy: `provisioning rule ${decision.rule}; ${step.decidedBy}`, keyId: attr.key, keyState: keyView(state.system, attr.key) };
  const what = attr.encrypted ? `an encrypted disk under ${attr.key ?? '?'}` : 'an unencrypted disk';
  if (step.ok) {
    return {
      expected: { kind: 'ok', why: `${what} can be created (${decision.rule})` },
      predicted: { ...state, system: step.next, disks: withEntry(state.disks, disk, NEW_DISK_HISTORY) },
      facts,
    };
  }
  const why =
    step.code === 'EVS.1201'
      ? `${what} needs the agency: KMS access has not been granted to EVS (grantKmsAccess)`
      : step.code === 'EVS.2002'
        ? `${what} needs its key enabled, but ${keyWords(attr.key, keyView(state.system, attr.key))}`
        : `disk id ${disk} already exists (ids are unique)`;
  const claimed = step.code === 'EVS.1201' || step.code === 'EVS.2002' ? () => claimedWith(reported ?? attr) : undefined;
  return { expected: { kind: 'refused', code: step.code, why }, predicted: state, claimed, facts };
}

export function predictCreateDisk(state: MonitorState, line: LogLine & { op: 'createDisk' }): Prediction {
  const base = makeFacts({ op: line.op, requested: line.encrypted, agency: state.system.agency, decidedBy: '' });
  const decision = provisioning.emptyDisk(line.encrypted, line.key);
  return predictCreate(state, line, line.disk, decision, base, decision.allowed ? attributeOf(decision) : null);
}

function diskEvent(line: DiskOpLine): SystemEvent {
  switch (line.op) {
    case 'attachDisk':
      return { type: 'disk.attach', disk: line.disk, server: line.server };
    case 'detachDisk':
      return { type: 'disk.detach', disk: line.disk };
    case 'readDisk':
      return { type: 'disk.read', disk: line.disk };
    case 'writeDisk':
      return { type: 'disk.write', disk: line.disk };
    case 'deleteDisk':
      return { type: 'disk.delete', disk: line.disk };
    case 'changeDiskEncryption':
      return { type: 'disk.changeEncryption', disk: line.disk };
  }
}

/** The disk's history after an accepted operation. */
function historyAfter(line: DiskOpLine, before: DiskHistory, f: Facts): DiskHistory {
  if (line.op === 'attachDisk') return { everAttached: true, detachedInEpisode: null };
  if (line.op === 'detachDisk') {
    const unusable = f.keyState === 'disabled' || f.keyState === 'pendingDeletion' || f.keyState === 'deleted' || f.keyState === 'unknown';
    return { ...before, detachedInEpisode: unusable && f.keyId !== null ? (f.timing?.episode ?? 0) : null };
  }
  return before;
}

export function predictDiskOp(state: MonitorState, line: DiskOpLine): Prediction {
  const step = modelStep(state.system, diskEvent(line));
  const f = { ...diskFacts(state, line, line.disk, step.decidedBy), requested: line.op === 'changeDiskEncryption' ? line.encrypted : null };
  const keyText = f.diskEncrypted === null ? '' : `; ${keyWords(f.keyId, f.keyState)}`;
  if (step.ok) {
    const history = historyAfter(line, state.disks.get(line.disk) ?? NEW_DISK_HISTORY, f);
    if (line.op === 'deleteDisk') {
      const { [line.disk]: _deleted, ...disks } = step.next.disks;
      const forgotten = { ...state, system: { ...step.next, disks }, disks: withEntry(state.disks, line.disk, undefined) };
      return { expected: { kind: 'ok', why: `disk ${line.disk} is detached and can be deleted` }, predicted: forgetKeyIfUnused(forgotten, f.keyId), facts: f };
    }
    const why = line.op === 'readDisk' || line.op === 'writeDisk'
      ? `disk ${line.disk} is attached: I/O uses the DK in host memory, whatever the key state${keyText}`
      : line.op === 'detachDisk'
        ? `disk ${line.disk} is attached, and detaching never depends on the key${keyText}`
        : `disk ${line.disk} is detached${keyText}, so it can be attached`;
    return { expected: { kind: 'ok', why }, predicted: { ...state, system: step.next, disks: withEntry(state.disks, line.disk, history) }, facts: f };
  }
  let claimed: (() => MonitorState | undefined) | undefined;
  if (line.op === 'attachDisk' && step.code === 'EVS.2001') {
    const { disk, server } = line;
    claimed = () => {
      const system = claimedDiskEffect(state.system, { type: 'disk.attach', disk, server }, f.keyId);
      const history = historyAfter(line, state.disks.get(disk) ?? NEW_DISK_HISTORY, f);
      return system ? { ...state, system, disks: withEntry(state.disks, disk, history) } : undefined;
    };
  }
  const why = diskRefusalWhy(line, step.code, f);
  return { expected: { kind: 'refused', code: step.code, why: step.code === 'EVS.2001' ? why : why + keyText }, predicted: state, claimed, facts: f };
}

function diskRefusalWhy(line: DiskOpLine, code: string | null, f: Facts): string {
  switch (code) {
    case 'EVS.0404':
      return `disk ${line.disk} does not exist (never created, or deleted)`;
    case 'EVS.1001':
      return `disk ${line.disk} is not attached${f.history?.everAttached ? ' (detaching dropped its DK from host memory)' : ''}`;
    case 'EVS.1002':
      return `disk ${line.disk} is already attached`;
    case 'EVS.1004':
      return `disk ${line.disk} is attached and cannot be deleted`;
    case 'EVS.1101':
      return `the encryption attribute of disk ${line.disk} cannot be changed after creation (it is ${f.diskEncrypted ? 'encrypted' : 'unencrypted'})`;
    case 'EVS.2001':
      return `disk ${line.disk} is detached and ${keyWords(f.keyId, f.keyState)} (Table 1: ${
        f.keyState === 'disabled' ? 'enable the key first' : f.keyState === 'pendingDeletion' ? 'cancel the deletion and enable the key first' : 'its data can never be restored'
      })`;
    default:
      return `the model refuses it (${code ?? 'no code'})`;
  }
}
