import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { validateResults } from '../../src/report/results-validate.ts';
import { verifyBundle } from '../../src/report/manifest/verify-bundle.ts';
import { fakeIo } from '../support/fake-io.ts';

const io = (cwd: string) => {
  const f = fakeIo(cwd);
  return { io: f, out: f.out, err: f.err };
};

const dir = mkdtempSync(join(tmpdir(), 'evs-verify-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evs-workbench verify', () => {
  it('writes a complete, valid bundle and exits 0 when every requirement holds', async () => {
    const f = io(dir);
    const code = await main(['verify', '--config', 'minimal', '--out', 'ok', '--seed', '11', '--no-svg', '--quiet', '--strategies', 'states,table1,sneak,provisioning'], f.io);
    expect(f.err()).toContain('seed 11');
    expect(code).toBe(0);
    expect(f.out()).toContain('verdict: PASS');
    const results: unknown = JSON.parse(readFileSync(join(dir, 'ok', 'results.json'), 'utf8'));
    const validation = validateResults(results);
    expect(validation.ok ? [] : validation.problems).toEqual([]);
    const r = results as { summary: { tests: { failed: number }; table1: { covered: number } }; seed: number };
    expect(r.seed).toBe(11);
    expect(r.summary.tests.failed).toBe(0);
    expect(r.summary.table1.covered).toBe(6);
    const check = await verifyBundle(join(dir, 'ok'));
    expect(check.status).toBe('ok');
  }, 120_000);

  it('exits 1 with a readable counterexample when the implementation has a planted fault', async () => {
    const f = io(dir);
    const code = await main(['verify', '--config', 'minimal', '--out', 'bad', '--seed', '11', '--no-svg', '--quiet', '--strategies', 'table1', '--mutant', 'kms-ignores-disabled-key'], f.io);
    expect(code).toBe(1);
    expect(f.out()).toContain('verdict: FAIL');
    const r = JSON.parse(readFileSync(join(dir, 'bad', 'results.json'), 'utf8')) as { tests: Array<{ status: string; failure: { message: string; replay: string; steps: unknown[] } | null }> };
    const failed = r.tests.filter((t) => t.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    const shortest = failed.map((t) => t.failure!).sort((a, b) => a.steps.length - b.steps.length)[0]!;
    expect(shortest.steps.length).toBeLessThanOrEqual(6);
    expect(shortest.message).toMatch(/EVS\.2001/);
    expect(shortest.replay).toContain('--seed 11');
    expect(readFileSync(join(dir, 'bad', 'report.html'), 'utf8')).toContain('FAIL');
  }, 120_000);

  it('runs the suites against the implementation with its root key in SoftHSM2 (PKCS#11)', async () => {
    const f = io(dir);
    const code = await main(['verify', '--config', 'minimal', '--hsm', 'softhsm', '--out', 'hsm', '--seed', '3', '--no-svg', '--quiet', '--strategies', 'table1'], f.io);
    expect(code).toBe(0);
    const r = JSON.parse(readFileSync(join(dir, 'hsm', 'results.json'), 'utf8')) as { implementation: string; summary: { tests: { passed: number } } };
    expect(r.implementation).toContain('pkcs11');
    expect(r.summary.tests.passed).toBe(30);
  }, 120_000);

  it('prints a one-line replay for a failing random walk, and that line replays exactly its shrunk counterexample', async () => {
    const run = async (args: string[], out: string) => {
      const f = io(dir);
      const code = await main(['verify', '--config', 'minimal', '--out', out, '--no-svg', '--quiet', '--mutant', 'kms-ignores-disabled-key', ...args], f.io);
      const r = JSON.parse(readFileSync(join(dir, out, 'results.json'), 'utf8')) as { tests: Array<{ strategy: string; failure: { replay: string; message: string } | null }> };
      return { code, failure: r.tests.find((t) => t.strategy === 'random')?.failure ?? null };
    };
    const first = await run(['--strategies', 'random:200x40', '--seed', '9'], 'rand');
    expect(first.code).toBe(1);
    const replay = first.failure!.replay;
    expect(replay).toMatch(/^npx evs-workbench verify --config minimal --strategies random:1x40 --seed 9 --replay-path "[^"]+" --mutant kms-ignores-disabled-key$/);
    const args = replay.replace(/^npx evs-workbench verify --config minimal /, '').match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
    const again = await run(args, 'rand-replay');
    expect(again.code).toBe(1);
    const events = (m: string) => m.split('\n').filter((l) => /^\S*\s+\d+\. /.test(l));
    expect(events(again.failure!.message)).toEqual(events(first.failure!.message));
    expect(events(first.failure!.message).length).toBeLessThanOrEqual(6);
  }, 120_000);

  it('detects an altered bundle', async () => {
    const file = join(dir, 'ok', 'report.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\ntampered\n`);
    const f = io(dir);
    expect(await main(['verify-bundle', join(dir, 'ok')], f.io)).toBe(1);
  });

  it.each([
    [['--config', 'nope'], /neither a preset nor a file/],
    [['--config', './missing.json'], /cannot read the configuration file/],
    [['--seed', 'x'], /--seed x is not an integer/],
    [['--strategies', 'states,warp'], /unknown strategy/],
    [['--depth', '99'], /--depth 99/],
    [['--mutant', 'nope'], /not a known planted fault/],
    [['--bogus'], /Unknown option/],
  ])('rejects bad input %j with exit 2 and a fix', async (args, message) => {
    const f = io(dir);
    expect(await main(['verify', ...args], f.io)).toBe(2);
    expect(f.err()).toMatch(message);
  });

  it('reports every problem of a bad configuration file', async () => {
    writeFileSync(join(dir, 'bad-config.json'), JSON.stringify({ cmks: ['k1'], disks: [{ id: 'd1', encrypted: true, key: 'k9' }], servers: [] }));
    const f = io(dir);
    expect(await main(['verify', '--config', './bad-config.json'], f.io)).toBe(2);
    expect(f.err()).toContain('$.disks[0].key');
    expect(f.err()).toContain('$.servers');
  });
});
