import type { SystemConfig, SystemEvent } from '../../../models/index.ts';
import { seedTable1Cell } from '../../../models/requirements/seed-table1.ts';
import type { Exploration } from '../../explore/explorer.ts';
import { deriveTable1, type DerivedCell } from '../../explore/table1.ts';
import { traceEvents } from '../../explore/trace.ts';

/**
 * Every Table 1 cell: the key in each unavailable state while its disk is
 * attached and while it is detached, followed by each operation the table
 * speaks of: read, write, detach, attach (after a detach when attached), and
 * the restore actions followed by an attach. Guarantees: all 6 cells × 5
 * operations, each with the cell's requirement ids.
 */
export interface Table1Case {
  readonly events: SystemEvent[];
  readonly requirementIds: string[];
  readonly purpose: string;
  readonly cell: { readonly keyState: string; readonly attachment: string };
}

export function table1Cases(config: SystemConfig, exploration: Exploration): Table1Case[] {
  const cases: Table1Case[] = [];
  const server = config.servers[0] ?? 's1';
  for (const cell of deriveTable1(exploration).cells) {
    const reach = traceEvents(cell.witness);
    const seed = seedTable1Cell(cell.keyState, cell.attachment);
    const ids = [...seed.requirementIds];
    const [impact, restore] = [ids.filter((i) => i.endsWith('IMPACT')), ids.filter((i) => i.endsWith('RESTORE'))];
    const where = `key ${cell.keyState}, disk ${cell.attachment}`;
    const add = (events: SystemEvent[], reqs: string[], what: string): void =>
      void cases.push({ events: [...reach, ...events], requirementIds: reqs, purpose: `Table 1 (${where}): ${what}`, cell: { keyState: cell.keyState, attachment: cell.attachment } });
    add([{ type: 'disk.read', disk: cell.disk }], impact, 'read');
    add([{ type: 'disk.write', disk: cell.disk }], impact, 'write');
    add([{ type: 'disk.detach', disk: cell.disk }], impact, 'detach');
    const detach: SystemEvent[] = cell.attachment === 'attached' ? [{ type: 'disk.detach', disk: cell.disk }] : [];
    add([...detach, { type: 'disk.attach', disk: cell.disk, server }], impact, cell.attachment === 'attached' ? 'detach, then attach again' : 'attach');
    add([...detach, ...restoreEvents(cell), { type: 'disk.attach', disk: cell.disk, server }], restore, `restore (${restoreLabel(cell)}), then attach`);
  }
  return cases;
}

/** The model's restore sequence; for a key that cannot be restored, what the seed would try (enable) — it must stay refused. */
function restoreEvents(cell: DerivedCell): SystemEvent[] {
  const types = cell.restore ?? ['key.enable', 'key.cancelDeletion'];
  return types.map((type) => ({ type, key: cell.key }) as SystemEvent);
}

function restoreLabel(cell: DerivedCell): string {
  return cell.restore === null ? 'nothing restores a deleted key: enable and cancel are refused' : cell.restore.join(' + ');
}
