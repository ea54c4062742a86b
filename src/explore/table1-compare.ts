import { seedTable1Cell } from '../../models/requirements/seed-table1.ts';
import type { Outcome } from '../../models/index.ts';
import type { DerivedCell, DerivedTable1 } from './table1.ts';

/**
 * The derived Table 1 beside the seed's, field by field. A field the seed
 * says nothing about (null) is not compared. Each difference is a finding.
 */
export interface CellComparison {
  readonly keyState: DerivedCell['keyState'];
  readonly attachment: DerivedCell['attachment'];
  readonly seed: Readonly<Record<string, string>>;
  readonly model: Readonly<Record<string, string>>;
  readonly differences: readonly string[];
  readonly requirementIds: readonly string[];
}

const verb = (o: Outcome, yes: string, no: string): string => (o.kind === 'ok' ? yes : `${no} (${o.code})`);
const plain = (s: string): string => s.replace(/ \(.*\)$/, '');

export function compareTable1(derived: DerivedTable1): CellComparison[] {
  return derived.cells.map((cell) => {
    const seed = seedTable1Cell(cell.keyState, cell.attachment);
    const model: Record<string, string> = {
      readWrite: cell.read.kind === 'ok' && cell.write.kind === 'ok' ? 'normal' : verb(cell.read.kind === 'ok' ? cell.write : cell.read, 'normal', 'impossible'),
      detach: verb(cell.detach, 'allowed', 'refused'),
      [cell.attachment === 'attached' ? 'attachAfterDetach' : 'attach']: verb(cell.attach, 'allowed', 'refused'),
      restore: cell.restore === null ? 'never' : cell.restore.join(' + '),
      restorable: cell.restore === null ? 'no' : 'yes',
    };
    const seedFields: Record<string, string> = {};
    if (seed.readWrite !== null) seedFields['readWrite'] = seed.readWrite;
    if (seed.detach !== null) seedFields['detach'] = seed.detach;
    if (seed.attach !== null) seedFields['attach'] = seed.attach;
    if (seed.attachAfterDetach !== null) seedFields['attachAfterDetach'] = seed.attachAfterDetach;
    seedFields['restore'] = seed.restore.action ?? 'never';
    seedFields['restorable'] = seed.restore.restorable ? 'yes' : 'no';
    const differences = Object.keys(seedFields).filter((f) => model[f] !== undefined && plain(model[f] as string) !== seedFields[f]);
    return { keyState: cell.keyState, attachment: cell.attachment, seed: seedFields, model, differences, requirementIds: seed.requirementIds };
  });
}
