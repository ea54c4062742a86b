import type { RequirementId } from './requirement.ts';
import {
  TABLE1_IMPACT_ATTACHED,
  TABLE1_IMPACT_DETACHED,
  TABLE1_RESTORE_DELETED,
  TABLE1_RESTORE_DISABLED,
  TABLE1_RESTORE_PENDING,
} from './catalog-table1.ts';

/**
 * The seed's Table 1 as data, AS THE SEED STATES IT (with the merged Impact
 * cell restored, finding F-TABLE1-LOST-ROWSPAN). The model checker derives its
 * own Table 1 from the machines; the differences between the two are findings
 * (F-CANCEL-LEAVES-DISABLED above all), so do not "fix" this table to match.
 */

export type UnavailableKeyState = 'disabled' | 'pendingDeletion' | 'deleted';
export type Attachment = 'attached' | 'detached';

export interface SeedTable1Restore {
  /** The one key event the seed names as the restore action; null when there is none. */
  readonly action: 'key.enable' | 'key.cancelDeletion' | null;
  /** The How to Restore cell, first sentence, exactly. */
  readonly text: string;
  readonly restorable: boolean;
}

export interface SeedTable1Cell {
  readonly keyState: UnavailableKeyState;
  readonly attachment: Attachment;
  /** Reads and writes: normal, impossible, or null when the seed says nothing that applies. */
  readonly readWrite: 'normal' | 'impossible' | null;
  /** Detaching (only meaningful for an attached disk). */
  readonly detach: 'allowed' | null;
  /** Attaching this disk now (only meaningful for a detached disk). */
  readonly attach: 'refused' | 'allowed' | null;
  /** Attaching again after detaching (only meaningful for an attached disk). */
  readonly attachAfterDetach: 'refused' | null;
  readonly restore: SeedTable1Restore;
  /** The Impact text the cell is read from. */
  readonly impactText: string;
  /** Whether the Impact text is in the row itself or comes from the merged Disabled cell. */
  readonly impactSource: 'row' | 'merged-from-disabled-row';
  readonly requirementIds: readonly RequirementId[];
}

const RESTORES: Record<UnavailableKeyState, SeedTable1Restore> = {
  disabled: { action: 'key.enable', text: TABLE1_RESTORE_DISABLED, restorable: true },
  pendingDeletion: { action: 'key.cancelDeletion', text: TABLE1_RESTORE_PENDING, restorable: true },
  deleted: { action: null, text: TABLE1_RESTORE_DELETED, restorable: false },
};

const ID_PART: Record<UnavailableKeyState, string> = {
  disabled: 'DISABLED',
  pendingDeletion: 'PENDING',
  deleted: 'DELETED',
};

function cell(keyState: UnavailableKeyState, attachment: Attachment): SeedTable1Cell {
  const impactSource = keyState === 'disabled' ? 'row' : 'merged-from-disabled-row';
  const part = `T1-${ID_PART[keyState]}-${attachment === 'attached' ? 'ATTACHED' : 'DETACHED'}` as const;
  const requirementIds: RequirementId[] = [`${part}-IMPACT`, `${part}-RESTORE`];
  if (attachment === 'attached') {
    return {
      keyState,
      attachment,
      readWrite: 'normal',
      detach: 'allowed',
      attach: null,
      attachAfterDetach: 'refused',
      restore: RESTORES[keyState],
      impactText: TABLE1_IMPACT_ATTACHED,
      impactSource,
      requirementIds,
    };
  }
  return {
    keyState,
    attachment,
    // Table 1 does not say it, but the text does: a detached disk cannot be read or written.
    readWrite: 'impossible',
    detach: null,
    attach: 'refused',
    attachAfterDetach: null,
    restore: RESTORES[keyState],
    impactText: TABLE1_IMPACT_DETACHED,
    impactSource,
    requirementIds: [...requirementIds, 'TXT-DETACH-DROPS-DK', 'TXT-UNAVAILABLE-CMK-CONSEQUENCE'],
  };
}

export const UNAVAILABLE_KEY_STATES: readonly UnavailableKeyState[] = ['disabled', 'pendingDeletion', 'deleted'];
export const ATTACHMENTS: readonly Attachment[] = ['attached', 'detached'];

/** The six cells, row by row (Disabled, Scheduled deletion, Deleted), attached first. */
export const seedTable1: readonly SeedTable1Cell[] = UNAVAILABLE_KEY_STATES.flatMap((k) =>
  ATTACHMENTS.map((a) => cell(k, a)),
);

export function seedTable1Cell(keyState: UnavailableKeyState, attachment: Attachment): SeedTable1Cell {
  const found = seedTable1.find((c) => c.keyState === keyState && c.attachment === attachment);
  if (found === undefined) throw new Error(`seed Table 1 has no cell ${keyState}/${attachment}`);
  return found;
}
