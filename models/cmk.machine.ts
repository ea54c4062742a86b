import { assign, setup } from 'xstate';
import { OK, type Outcome, type RefusalCode } from './outcome.ts';

/**
 * The lifecycle of one master key in KMS: a customer master key (CMK) or the
 * default master key `evs/default`. Semantics of the KMS API:
 * only an enabled key can be disabled, only a disabled key enabled,
 * deletion can be scheduled from enabled or disabled with a waiting period of
 * 7..1096 days, cancelling leaves the key DISABLED, and once the waiting
 * period has elapsed (a simulated clock moves forward) the key is deleted for
 * good. The default key can be neither disabled nor scheduled for deletion.
 */
export interface CmkContext {
  readonly keyId: string;
  readonly isDefault: boolean;
  /** Days left in the waiting period while pending deletion, else null. */
  readonly remainingDays: number | null;
  /** Whether the key material still exists (destroyed on deletion). */
  readonly materialPresent: boolean;
  readonly outcome: Outcome;
}

export interface CmkInput {
  readonly keyId: string;
  readonly isDefault: boolean;
}

export type CmkEvent =
  | { readonly type: 'key.enable' }
  | { readonly type: 'key.disable' }
  | { readonly type: 'key.scheduleDeletion'; readonly pendingDays: number }
  | { readonly type: 'key.cancelDeletion' }
  | { readonly type: 'clock.advance'; readonly days: number };

export const MIN_PENDING_DAYS = 7;
export const MAX_PENDING_DAYS = 1096;

export function isValidPendingDays(days: number): boolean {
  return Number.isInteger(days) && days >= MIN_PENDING_DAYS && days <= MAX_PENDING_DAYS;
}

const refusal = (code: RefusalCode, description: string, guard?: 'isDefaultKey' | 'invalidPendingDays') => ({
  ...(guard ? { guard } : {}),
  actions: { type: 'refuse' as const, params: { code } },
  description,
  meta: { refusal: { code } },
});

export const cmkMachine = setup({
  types: {} as { context: CmkContext; events: CmkEvent; input: CmkInput },
  guards: {
    isDefaultKey: ({ context }) => context.isDefault,
    invalidPendingDays: ({ event }) => event.type === 'key.scheduleDeletion' && !isValidPendingDays(event.pendingDays),
    waitingPeriodElapses: ({ context, event }) =>
      event.type === 'clock.advance' && context.remainingDays !== null && event.days >= context.remainingDays,
  },
  actions: {
    accept: assign({ outcome: OK }),
    refuse: assign((_, params: { code: RefusalCode }) => ({ outcome: { kind: 'refused', code: params.code } as const })),
    startWaitingPeriod: assign(({ event }) => ({
      remainingDays: event.type === 'key.scheduleDeletion' ? event.pendingDays : null,
      outcome: OK,
    })),
    stopWaitingPeriod: assign({ remainingDays: null, outcome: OK }),
    countDown: assign(({ context, event }) => ({
      remainingDays: event.type === 'clock.advance' && context.remainingDays !== null ? context.remainingDays - event.days : context.remainingDays,
      outcome: OK,
    })),
    destroyMaterial: assign({ remainingDays: null, materialPresent: false, outcome: OK }),
  },
}).createMachine({
  id: 'cmk',
  description: 'Lifecycle of a KMS master key (CMK or evs/default)',
  context: ({ input }) => ({ keyId: input.keyId, isDefault: input.isDefault, remainingDays: null, materialPresent: true, outcome: OK }),
  initial: 'enabled',
  on: {
    'clock.advance': { actions: 'accept', description: 'time passes; nothing changes outside a waiting period' },
  },
  states: {
    enabled: {
      description: 'Usable: KMS issues and decrypts data keys under it',
      on: {
        'key.disable': [
          refusal('KMS.0211', 'the default master key cannot be disabled', 'isDefaultKey'),
          { target: 'disabled', actions: 'accept', description: 'disable the CMK' },
        ],
        'key.enable': [
          refusal('KMS.0211', 'no state change is allowed on the default master key', 'isDefaultKey'),
          refusal('KMS.1201', 'only a disabled key can be enabled'),
        ],
        'key.scheduleDeletion': [
          refusal('KMS.1401', 'the waiting period must be 7..1096 days (arguments are checked first)', 'invalidPendingDays'),
          refusal('KMS.0211', 'the default master key does not support scheduled deletion', 'isDefaultKey'),
          { target: 'pendingDeletion', actions: 'startWaitingPeriod', description: 'schedule deletion after a waiting period' },
        ],
        'key.cancelDeletion': [
          refusal('KMS.0211', 'no state change is allowed on the default master key', 'isDefaultKey'),
          refusal('KMS.1501', 'the key is not pending deletion'),
        ],
      },
    },
    disabled: {
      description: 'Not usable: data keys can be neither issued nor decrypted',
      on: {
        'key.enable': { target: 'enabled', actions: 'accept', description: 'enable the CMK (restores Table 1 "Disabled")' },
        'key.disable': refusal('KMS.1301', 'only an enabled key can be disabled'),
        'key.scheduleDeletion': [
          refusal('KMS.1401', 'the waiting period must be 7..1096 days', 'invalidPendingDays'),
          { target: 'pendingDeletion', actions: 'startWaitingPeriod', description: 'schedule deletion after a waiting period' },
        ],
        'key.cancelDeletion': refusal('KMS.1501', 'the key is not pending deletion'),
      },
    },
    pendingDeletion: {
      description: 'Scheduled for deletion: not usable; deleted when the waiting period elapses',
      on: {
        'key.cancelDeletion': {
          target: 'disabled',
          actions: 'stopWaitingPeriod',
          description: 'cancel the scheduled deletion: the key is left DISABLED',
        },
        'key.enable': refusal('KMS.0210', 'a key pending deletion must first have its deletion cancelled'),
        'key.disable': refusal('KMS.0210', 'a key pending deletion cannot be disabled'),
        'key.scheduleDeletion': [
          refusal('KMS.1401', 'the waiting period must be 7..1096 days (arguments are checked first)', 'invalidPendingDays'),
          refusal('KMS.1402', 'the key is already pending deletion'),
        ],
        'clock.advance': [
          {
            guard: 'waitingPeriodElapses',
            target: 'deleted',
            actions: 'destroyMaterial',
            description: 'the waiting period elapses: the key and its material are destroyed',
          },
          { actions: 'countDown', description: 'the waiting period runs down' },
        ],
      },
    },
    deleted: {
      type: 'final',
      description: 'Deleted: the key material is destroyed; every operation is refused with KMS.0207',
      meta: { refusesAllWith: 'KMS.0207' },
    },
  },
});

export type CmkStateName = 'enabled' | 'disabled' | 'pendingDeletion' | 'deleted';
export const CMK_STATES: readonly CmkStateName[] = ['enabled', 'disabled', 'pendingDeletion', 'deleted'];
