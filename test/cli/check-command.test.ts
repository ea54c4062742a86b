import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { fakeIo } from '../support/fake-io.ts';

describe('evs-workbench check', () => {
  it('model-checks a preset, prints the statistics and the derived Table 1 against the seed, exit 0', async () => {
    const io = fakeIo(process.cwd());
    expect(await main(['check', '--config', 'minimal'], io)).toBe(0);
    expect(io.out()).toMatch(/^config minimal: 25 distinct states/);
    expect(io.out()).toContain('Table 1 (pendingDeletion, detached): differs from the seed in restore (seed: key.cancelDeletion, model: key.cancelDeletion + key.enable)');
    expect(io.out()).toContain('every property holds');
  });

  it('--json gives the statistics as data, and a bound makes the run say it is incomplete', async () => {
    const io = fakeIo(process.cwd());
    expect(await main(['check', '--config', 'default', '--max-depth', '3', '--json', '--no-symmetry'], io)).toBe(0);
    const r = JSON.parse(io.out()) as { stats: { complete: boolean; maxDepth: number }; symmetryGroupSize: number; violations: unknown[] };
    expect(r.stats).toMatchObject({ complete: false, maxDepth: 3 });
    expect(r.symmetryGroupSize).toBe(1);
    expect(r.violations).toEqual([]);
  });

  it.each([
    [['--max-states', '0'], /--max-states 0 is not a positive integer/],
    [['--config', 'nope'], /neither a preset nor a file/],
    [['extra'], /unexpected argument/],
  ])('rejects %j with exit 2', async (args, message) => {
    const io = fakeIo(process.cwd());
    expect(await main(['check', ...args], io)).toBe(2);
    expect(io.err()).toMatch(message);
  });
});
