/**
 * The formal models of evs-workbench: the specification and the oracle.
 * Imports only `xstate`.
 */
export { cmkMachine, CMK_STATES, isValidPendingDays, MIN_PENDING_DAYS, MAX_PENDING_DAYS } from './cmk.machine.ts';
export type { CmkContext, CmkEvent, CmkInput, CmkStateName } from './cmk.machine.ts';
export { diskMachine, DISK_STATES } from './disk.machine.ts';
export type { DiskContext, DiskEvent, DiskInput, DiskStateName } from './disk.machine.ts';
export { OK, refused } from './outcome.ts';
export type { Outcome, RefusalCode, KeyStateName, KeyStateView, TransitionMeta, StateMeta } from './outcome.ts';
export { DEFAULT_KEY_ID, PRESETS, parseSystemConfig } from './system/config.ts';
export type { SystemConfig, DiskSpec, ConfigIssue, ConfigResult } from './system/config.ts';
export { initialSystemState, stepSystem, keyStateOf } from './system/system-model.ts';
export { SYSTEM_EVENT_TYPES, formatEvent } from './system/system-types.ts';
export type { SystemState, SystemEvent, SystemEventType, StepResult, Decision, KeyComponent, DiskComponent, ComponentState } from './system/system-types.ts';
export { systemAlphabet, clockMoves } from './system/alphabet.ts';
export type { AlphabetOptions } from './system/alphabet.ts';
export { createSystemLogic } from './system/system-logic.ts';
export type { SystemLogic, SystemLogicContext } from './system/system-logic.ts';
export { PROPERTIES, propertyById } from './system/properties.ts';
export type { Property, PropertyId, StateProperty, TransitionProperty } from './system/properties.ts';
