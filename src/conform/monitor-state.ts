import { initialSystemState, type SystemConfig, type SystemState } from '../../models/index.ts';

/**
 * What the conformance monitor remembers between lines. It grows with the
 * number of LIVE ids (keys, disks, snapshots, backups, images), never with
 * the number of lines: deleted disks are forgotten (the model refuses every
 * operation on a deleted disk with EVS.0404, exactly as for an unknown id).
 *
 * Everything is immutable; a step returns a new state sharing what did not change.
 */

/** The encryption attribute of a disk, snapshot, backup or image. */
export interface Attribute {
  readonly encrypted: boolean;
  readonly key: string | null;
}

/** What the log's times say about a key (the model counts whole days; this is exact). */
export interface KeyTiming {
  /** When its deletion was scheduled (ms), and when the waiting period ends, while pending deletion. */
  readonly scheduledAtMs: number | null;
  readonly deadlineMs: number | null;
  /** The log has said `keyDeleted` for it. */
  readonly announced: boolean;
  /** How many times the key went from enabled to unusable (disabled or pending deletion). */
  readonly episode: number;
  /** The unusable state of the latest episode, kept after the key is enabled again (for requirement ids). */
  readonly episodeKind: 'disabled' | 'pendingDeletion' | null;
}

/** History of a disk that picks the precise Table 1 row when something goes wrong. */
export interface DiskHistory {
  readonly everAttached: boolean;
  /** The key's episode when the disk was last detached while its key was unusable, else null. */
  readonly detachedInEpisode: number | null;
}

export interface MonitorState {
  /** The model's state, as the log would have it. */
  readonly system: SystemState;
  readonly keys: ReadonlyMap<string, KeyTiming>;
  readonly disks: ReadonlyMap<string, DiskHistory>;
  readonly snapshots: ReadonlyMap<string, Attribute>;
  readonly backups: ReadonlyMap<string, Attribute>;
  readonly images: ReadonlyMap<string, Attribute>;
  /** Time of the first line (model day 0), of the last line, and the last seq; null before the first line. */
  readonly startMs: number | null;
  readonly lastTimeMs: number | null;
  readonly lastSeq: number | null;
}

/** The model configuration conform starts from: nothing exists; keys come from createKey, evs/default from grantKmsAccess. */
export const EMPTY_SYSTEM: SystemConfig = {
  name: 'conform',
  description: 'an empty project: keys, disks and the agency come from the log',
  cmks: [],
  disks: [],
  servers: [],
  pendingDays: [7],
  agencyGranted: false,
};

export function initialMonitorState(): MonitorState {
  return {
    system: initialSystemState(EMPTY_SYSTEM),
    keys: new Map(),
    disks: new Map(),
    snapshots: new Map(),
    backups: new Map(),
    images: new Map(),
    startMs: null,
    lastTimeMs: null,
    lastSeq: null,
  };
}

export const NEW_KEY_TIMING: KeyTiming = { scheduledAtMs: null, deadlineMs: null, announced: false, episode: 0, episodeKind: null };
export const NEW_DISK_HISTORY: DiskHistory = { everAttached: false, detachedInEpisode: null };

/** A copy of `map` with `key` set (or removed when `value` is undefined). */
export function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V | undefined): ReadonlyMap<K, V> {
  const next = new Map(map);
  if (value === undefined) next.delete(key);
  else next.set(key, value);
  return next;
}

/** The attribute of a live disk of the model, or null when the disk is unknown or deleted. */
export function diskAttribute(state: MonitorState, disk: string): Attribute | null {
  const d = state.system.disks[disk];
  if (!d || d.value === 'deleted') return null;
  return { encrypted: d.context.encrypted, key: d.context.keyId };
}

/**
 * Forgets a deleted key once nothing live refers to it (no disk, snapshot,
 * backup or image), so the state holds only live ids. The model answers an
 * unknown key exactly as a deleted one (KMS.0207, attach refused as deleted).
 */
export function forgetKeyIfUnused(state: MonitorState, key: string | null): MonitorState {
  if (key === null || state.system.keys[key]?.value !== 'deleted') return state;
  const uses = (m: ReadonlyMap<string, Attribute>): boolean => {
    for (const a of m.values()) if (a.key === key) return true;
    return false;
  };
  if (Object.values(state.system.disks).some((d) => d.context.keyId === key)) return state;
  if (uses(state.snapshots) || uses(state.backups) || uses(state.images)) return state;
  const { [key]: _forgotten, ...keys } = state.system.keys;
  return { ...state, system: { ...state.system, keys }, keys: withEntry(state.keys, key, undefined) };
}
