import type { PropertyId } from '../system/properties.ts';
import type { ProvisioningRuleId } from '../provisioning/rule-ids.ts';

/** The machines a requirement can point into (their XState machine ids). */
export type MachineId = 'cmk' | 'disk' | 'system';

/**
 * The composed system (`models/system/`) is a product of component machines,
 * not a state chart, so its refs name abstract system conditions instead of
 * state nodes: whether EVS has been granted KMS access (the agency).
 */
export const SYSTEM_CONDITIONS = ['noAgency', 'agency'] as const;
export type SystemCondition = (typeof SYSTEM_CONDITIONS)[number];

/**
 * A pointer from a requirement to the model element it constrains.
 *
 * - `state`: a state node of a machine (top-level state name); for `system`, a
 *   `SystemCondition`.
 * - `transition`: an accepted transition `from --event--> to`; `to: null` means
 *   the transition stays where it is (targetless, e.g. a read on an attached disk).
 * - `refusal`: a targetless transition of `state` (or of an ancestor) on `event`
 *   whose `meta.refusal.code` is `code`, or a final state whose
 *   `meta.refusesAllWith` is `code` (the event is decided, and refused). For
 *   `system`: some event of that type is refused with `code` in that condition.
 * - `guard`: a named guard in the machine's implementations.
 * - `property`: an invariant checked on every explored state/transition.
 * - `rule`: a provisioning rule (Tables 2, 3 and 4) in `models/provisioning/`.
 */
export type ModelRef =
  | { readonly kind: 'state'; readonly machine: MachineId; readonly state: string }
  | {
      readonly kind: 'transition';
      readonly machine: MachineId;
      readonly from: string;
      readonly event: string;
      readonly to: string | null;
    }
  | {
      readonly kind: 'refusal';
      readonly machine: MachineId;
      readonly state: string;
      readonly event: string;
      readonly code: string;
    }
  | { readonly kind: 'guard'; readonly machine: MachineId; readonly guard: string }
  | { readonly kind: 'property'; readonly property: PropertyId }
  | { readonly kind: 'rule'; readonly rule: ProvisioningRuleId };

export type ModelRefKind = ModelRef['kind'];

function unreachable(x: never): never {
  throw new Error(`unreachable model reference: ${JSON.stringify(x)}`);
}

/**
 * One line naming the element, stable enough for reports and diffs:
 * `cmk#disabled`, `disk: available --disk.attach--> attached`,
 * `disk: available --disk.attach--x EVS.2001`, `cmk[guard isDefaultKey]`,
 * `property dk-in-memory-iff-attached`, `rule table3.empty`.
 */
export function formatModelRef(ref: ModelRef): string {
  switch (ref.kind) {
    case 'state':
      return `${ref.machine}#${ref.state}`;
    case 'transition':
      return `${ref.machine}: ${ref.from} --${ref.event}--> ${ref.to ?? '(stays)'}`;
    case 'refusal':
      return `${ref.machine}: ${ref.state} --${ref.event}--x ${ref.code}`;
    case 'guard':
      return `${ref.machine}[guard ${ref.guard}]`;
    case 'property':
      return `property ${ref.property}`;
    case 'rule':
      return `rule ${ref.rule}`;
    default:
      return unreachable(ref);
  }
}

/** Short constructors, so the catalog reads as a list of claims, not of object literals. */
export const ref = {
  state: (machine: MachineId, state: string): ModelRef => ({ kind: 'state', machine, state }),
  transition: (machine: MachineId, from: string, event: string, to: string | null): ModelRef => ({
    kind: 'transition',
    machine,
    from,
    event,
    to,
  }),
  refusal: (machine: MachineId, state: string, event: string, code: string): ModelRef => ({
    kind: 'refusal',
    machine,
    state,
    event,
    code,
  }),
  guard: (machine: MachineId, guard: string): ModelRef => ({ kind: 'guard', machine, guard }),
  property: (property: PropertyId): ModelRef => ({ kind: 'property', property }),
  rule: (rule: ProvisioningRuleId): ModelRef => ({ kind: 'rule', rule }),
} as const;
