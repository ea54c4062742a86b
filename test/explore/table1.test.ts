import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../models/index.ts';
import { explore } from '../../src/explore/explorer.ts';
import { deriveTable1 } from '../../src/explore/table1.ts';

describe('Table 1 derived from the model', () => {
  const table = deriveTable1(explore(PRESETS['default']!));
  const cell = (k: string, a: string) => table.cells.find((c) => c.keyState === k && c.attachment === a)!;

  it('reaches all six cells in the default configuration', () => {
    expect(table.unreachable).toEqual([]);
    expect(table.cells).toHaveLength(6);
  });

  it('attached disks read, write and detach normally in every unavailable key state', () => {
    for (const k of ['disabled', 'pendingDeletion', 'deleted']) {
      const c = cell(k, 'attached');
      expect([c.read.kind, c.write.kind, c.detach.kind]).toEqual(['ok', 'ok', 'ok']);
      expect(c.attach).toEqual({ kind: 'refused', code: 'EVS.2001' });
    }
  });

  it('detached disks cannot attach; the restore action depends on the key state', () => {
    expect(cell('disabled', 'detached').restore).toEqual(['key.enable']);
    expect(cell('pendingDeletion', 'detached').restore).toEqual(['key.cancelDeletion', 'key.enable']);
    expect(cell('deleted', 'detached').restore).toBeNull();
    expect(cell('deleted', 'detached').read).toEqual({ kind: 'refused', code: 'EVS.1001' });
  });

  it('each cell has a replayable witness trace ending in that cell', () => {
    for (const c of table.cells) {
      const last = c.witness.steps[c.witness.steps.length - 1]!.state;
      expect(last.keys[c.key]?.value).toBe(c.keyState);
      expect(last.disks[c.disk]?.value).toBe(c.attachment === 'attached' ? 'attached' : 'available');
    }
  });
});
