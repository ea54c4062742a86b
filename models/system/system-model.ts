import { isValidPendingDays } from '../cmk.machine.ts';
import type { KeyStateView } from '../outcome.ts';
import { OK, refused } from '../outcome.ts';
import { DEFAULT_KEY_ID, type SystemConfig } from './config.ts';
import { initialDisk, initialKey, stepDisk, stepKey } from './component-step.ts';
import type { DiskComponent, KeyComponent, StepResult, SystemEvent, SystemState } from './system-types.ts';

/**
 * The composed system: a synchronous product of one CMK machine per key and
 * one disk machine per disk. The composition routes each event to the
 * component it names; for an attach it tells the disk the current state of
 * its key, which is how the two lifecycles interact (Table 1). System-level
 * rules (the agency, creating disks) live here, each with a rule name.
 */
export function initialSystemState(config: SystemConfig): SystemState {
  const keys: Record<string, KeyComponent> = {};
  for (const id of config.cmks) keys[id] = initialKey({ keyId: id, isDefault: false });
  if (config.agencyGranted) keys[DEFAULT_KEY_ID] = initialKey({ keyId: DEFAULT_KEY_ID, isDefault: true });
  return { agency: config.agencyGranted, keys, disks: {}, day: 0 };
}

/** The state of a key as an attaching disk sees it; a key that does not exist counts as deleted. */
export function keyStateOf(state: SystemState, keyId: string | null): KeyStateView {
  if (keyId === null) return 'none';
  const key = state.keys[keyId];
  return key ? (key.value as KeyStateView) : 'deleted';
}

const system = (rule: string, event: SystemEvent) => ({ machine: 'system' as const, rule, event: event.type });

export function stepSystem(state: SystemState, event: SystemEvent): StepResult {
  switch (event.type) {
    case 'kms.grantAccess': {
      if (!event.securityAdmin) return { next: state, outcome: refused('EVS.1202'), decidedBy: system('agency-needs-security-admin', event) };
      const keys = state.keys[DEFAULT_KEY_ID] ? state.keys : { ...state.keys, [DEFAULT_KEY_ID]: initialKey({ keyId: DEFAULT_KEY_ID, isDefault: true }) };
      return { next: { ...state, agency: true, keys }, outcome: OK, decidedBy: system('grant-creates-agency-and-default-key', event) };
    }
    case 'key.create': {
      if (state.keys[event.key] || event.key === DEFAULT_KEY_ID) return { next: state, outcome: refused('MODEL.0001'), decidedBy: system('key-ids-unique', event) };
      const keys = { ...state.keys, [event.key]: initialKey({ keyId: event.key, isDefault: false }) };
      return { next: { ...state, keys }, outcome: OK, decidedBy: system('create-cmk', event) };
    }
    case 'key.enable':
    case 'key.disable':
    case 'key.cancelDeletion':
    case 'key.scheduleDeletion': {
      const key = state.keys[event.key];
      if (event.type === 'key.scheduleDeletion' && !isValidPendingDays(event.pendingDays) && (!key || key.value === 'deleted')) {
        return { next: state, outcome: refused('KMS.1401'), decidedBy: system('arguments-checked-first', event) };
      }
      if (!key) return { next: state, outcome: refused('KMS.0207'), decidedBy: system('unknown-key', event) };
      const { key: _id, ...componentEvent } = event;
      const r = stepKey(key, componentEvent);
      const decidedBy = r.handled
        ? { machine: 'cmk' as const, component: event.key, from: key.value, to: r.next.value, event: event.type }
        : { machine: 'unhandled' as const, event: event.type };
      return { next: r.next === key ? state : { ...state, keys: { ...state.keys, [event.key]: r.next } }, outcome: r.outcome, decidedBy };
    }
    case 'clock.advance': {
      if (!Number.isInteger(event.days) || event.days <= 0) return { next: state, outcome: refused('MODEL.0001'), decidedBy: system('clock-moves-forward', event) };
      const keys: Record<string, KeyComponent> = {};
      for (const [id, key] of Object.entries(state.keys)) keys[id] = stepKey(key, event).next;
      return { next: { ...state, keys, day: state.day + event.days }, outcome: OK, decidedBy: system('clock-advances-every-key', event) };
    }
    case 'disk.create': {
      if (state.disks[event.disk]) return { next: state, outcome: refused('MODEL.0001'), decidedBy: system('disk-ids-unique', event) };
      if (event.encrypted) {
        if (!state.agency) return { next: state, outcome: refused('EVS.1201'), decidedBy: system('encrypted-disk-needs-agency', event) };
        if (keyStateOf(state, event.key) !== 'enabled') return { next: state, outcome: refused('EVS.2002'), decidedBy: system('encrypted-disk-needs-enabled-key', event) };
      }
      const disk = initialDisk({ diskId: event.disk, encrypted: event.encrypted, keyId: event.encrypted ? event.key : null });
      return { next: { ...state, disks: { ...state.disks, [event.disk]: disk } }, outcome: OK, decidedBy: system('create-disk', event) };
    }
    case 'disk.attach':
    case 'disk.detach':
    case 'disk.read':
    case 'disk.write':
    case 'disk.delete':
    case 'disk.changeEncryption': {
      const disk = state.disks[event.disk];
      if (!disk) return { next: state, outcome: refused('EVS.0404'), decidedBy: system('unknown-disk', event) };
      const r =
        event.type === 'disk.attach'
          ? stepDisk(disk, { type: 'disk.attach', server: event.server, keyState: keyStateOf(state, disk.context.keyId) })
          : stepDisk(disk, { type: event.type });
      const decidedBy = r.handled
        ? { machine: 'disk' as const, component: event.disk, from: disk.value, to: r.next.value, event: event.type }
        : { machine: 'unhandled' as const, event: event.type };
      const next: SystemState = r.next === disk ? state : { ...state, disks: { ...state.disks, [event.disk]: r.next as DiskComponent } };
      return { next, outcome: r.outcome, decidedBy };
    }
  }
}
