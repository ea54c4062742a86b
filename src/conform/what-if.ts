import { DEFAULT_KEY_ID, initialSystemState, type SystemEvent, type SystemState } from '../../models/index.ts';
import { EMPTY_SYSTEM } from './monitor-state.ts';
import { modelStep } from './prediction.ts';

/**
 * The claimed effect of a success the model refused only because of the
 * environment (the key's state, the agency): the model's own transition for
 * the event, taken in a copy of the state where the environment allowed it,
 * applied to the one disk the event is about. Nothing else changes: the key
 * stays as it is, and so does the agency.
 */
function enabledKey(key: string): SystemState['keys'][string] | undefined {
  const fresh =
    key === DEFAULT_KEY_ID
      ? initialSystemState({ ...EMPTY_SYSTEM, agencyGranted: true })
      : initialSystemState({ ...EMPTY_SYSTEM, cmks: [key] });
  return fresh.keys[key];
}

/** The system with `disk` as the model would have it after `event` (a disk.create or disk.attach), had the key been enabled and the agency granted. */
export function claimedDiskEffect(system: SystemState, event: SystemEvent & { disk: string }, key: string | null): SystemState | undefined {
  const permissiveKey = key === null ? undefined : enabledKey(key);
  const permissive: SystemState = {
    ...system,
    agency: true,
    keys: key !== null && permissiveKey ? { ...system.keys, [key]: permissiveKey } : system.keys,
  };
  const step = modelStep(permissive, event);
  const disk = step.next.disks[event.disk];
  if (!step.ok || !disk) return undefined;
  return { ...system, disks: { ...system.disks, [event.disk]: disk } };
}
