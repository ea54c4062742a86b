import type { CmkContext } from '../cmk.machine.ts';
import type { DiskContext } from '../disk.machine.ts';
import type { Outcome } from '../outcome.ts';

/** A component's state as plain data (JSON): its state value and its context without the last outcome. */
export interface ComponentState<C> {
  readonly value: string;
  readonly context: C;
}

export type KeyData = Omit<CmkContext, 'outcome'>;
export type DiskData = Omit<DiskContext, 'outcome'>;
export type KeyComponent = ComponentState<KeyData>;
export type DiskComponent = ComponentState<DiskData>;

/** The composed system: the agency, every key (CMKs and evs/default once it exists) and every created disk. */
export interface SystemState {
  /** Whether EVS has been granted KMS access (the agency) in the project. */
  readonly agency: boolean;
  readonly keys: Readonly<Record<string, KeyComponent>>;
  readonly disks: Readonly<Record<string, DiskComponent>>;
  /** Simulated days since the start; not part of a state's identity. */
  readonly day: number;
}

/** Events of the composed system. Each names the component it addresses. */
export type SystemEvent =
  | { readonly type: 'kms.grantAccess'; readonly securityAdmin: boolean }
  | { readonly type: 'key.create'; readonly key: string }
  | { readonly type: 'key.enable'; readonly key: string }
  | { readonly type: 'key.disable'; readonly key: string }
  | { readonly type: 'key.scheduleDeletion'; readonly key: string; readonly pendingDays: number }
  | { readonly type: 'key.cancelDeletion'; readonly key: string }
  | { readonly type: 'clock.advance'; readonly days: number }
  | { readonly type: 'disk.create'; readonly disk: string; readonly encrypted: boolean; readonly key: string | null }
  | { readonly type: 'disk.attach'; readonly disk: string; readonly server: string }
  | { readonly type: 'disk.detach'; readonly disk: string }
  | { readonly type: 'disk.read'; readonly disk: string }
  | { readonly type: 'disk.write'; readonly disk: string }
  | { readonly type: 'disk.delete'; readonly disk: string }
  | { readonly type: 'disk.changeEncryption'; readonly disk: string };

export type SystemEventType = SystemEvent['type'];

export const SYSTEM_EVENT_TYPES: readonly SystemEventType[] = [
  'kms.grantAccess',
  'key.create',
  'key.enable',
  'key.disable',
  'key.scheduleDeletion',
  'key.cancelDeletion',
  'clock.advance',
  'disk.create',
  'disk.attach',
  'disk.detach',
  'disk.read',
  'disk.write',
  'disk.delete',
  'disk.changeEncryption',
];

/** What one step of the composed system did. `unhandled` means no component decided the event: a model bug. */
export interface StepResult {
  readonly next: SystemState;
  readonly outcome: Outcome;
  /** Which machine and transition decided the event, for coverage and diagrams. */
  readonly decidedBy: Decision;
}

export type Decision =
  | { readonly machine: 'cmk' | 'disk'; readonly component: string; readonly from: string; readonly to: string; readonly event: string }
  | { readonly machine: 'system'; readonly rule: string; readonly event: string }
  | { readonly machine: 'unhandled'; readonly event: string };

/** A short, readable rendering of an event: `disk.attach d1 → s1`. */
export function formatEvent(e: SystemEvent): string {
  switch (e.type) {
    case 'kms.grantAccess':
      return `kms.grantAccess${e.securityAdmin ? ' (security admin)' : ' (no admin permission)'}`;
    case 'key.create':
    case 'key.enable':
    case 'key.disable':
    case 'key.cancelDeletion':
      return `${e.type} ${e.key}`;
    case 'key.scheduleDeletion':
      return `${e.type} ${e.key} ${e.pendingDays}d`;
    case 'clock.advance':
      return `clock.advance ${e.days}d`;
    case 'disk.create':
      return `disk.create ${e.disk} ${e.encrypted ? `encrypted by ${e.key ?? '?'}` : 'unencrypted'}`;
    case 'disk.attach':
      return `disk.attach ${e.disk} → ${e.server}`;
    case 'disk.detach':
    case 'disk.read':
    case 'disk.write':
    case 'disk.delete':
    case 'disk.changeEncryption':
      return `${e.type} ${e.disk}`;
  }
}
