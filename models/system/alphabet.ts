import { DEFAULT_KEY_ID, type SystemConfig } from './config.ts';
import type { SystemEvent, SystemState } from './system-types.ts';

/**
 * The events the explorer offers in a state: every operation on every
 * component of the configuration, accepted or not (refused ones are the
 * negative, "sneak path" cases). Clock moves are abstracted into the two
 * that matter: to the day before the next expiry, and to the next expiry.
 */
export interface AlphabetOptions {
  /** Also offer operations the model refuses for bad input (invalid waiting periods, grants without permission). */
  readonly badInput?: boolean;
}

export function systemAlphabet(config: SystemConfig, state: SystemState, options: AlphabetOptions = {}): SystemEvent[] {
  const events: SystemEvent[] = [];
  events.push({ type: 'kms.grantAccess', securityAdmin: true });
  if (options.badInput) events.push({ type: 'kms.grantAccess', securityAdmin: false });
  const keyIds = [...config.cmks, DEFAULT_KEY_ID];
  for (const key of keyIds) {
    events.push({ type: 'key.enable', key }, { type: 'key.disable', key }, { type: 'key.cancelDeletion', key });
    for (const pendingDays of config.pendingDays) events.push({ type: 'key.scheduleDeletion', key, pendingDays });
    if (options.badInput) events.push({ type: 'key.scheduleDeletion', key, pendingDays: 6 }, { type: 'key.scheduleDeletion', key, pendingDays: 1097 });
  }
  for (const days of clockMoves(state)) events.push({ type: 'clock.advance', days });
  for (const disk of config.disks) {
    if (!state.disks[disk.id]) {
      events.push({ type: 'disk.create', disk: disk.id, encrypted: disk.encrypted, key: disk.key });
      continue;
    }
    for (const server of config.servers) events.push({ type: 'disk.attach', disk: disk.id, server });
    events.push(
      { type: 'disk.detach', disk: disk.id },
      { type: 'disk.read', disk: disk.id },
      { type: 'disk.write', disk: disk.id },
      { type: 'disk.delete', disk: disk.id },
      { type: 'disk.changeEncryption', disk: disk.id },
    );
  }
  return events;
}

/** The clock moves worth exploring: up to the day before the nearest expiry, and onto it. */
export function clockMoves(state: SystemState): number[] {
  const remaining = Object.values(state.keys)
    .map((k) => (k.value === 'pendingDeletion' ? k.context.remainingDays : null))
    .filter((d): d is number => d !== null);
  if (remaining.length === 0) return [];
  const nearest = Math.min(...remaining);
  return nearest > 1 ? [nearest - 1, nearest] : [nearest];
}
