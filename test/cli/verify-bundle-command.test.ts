import { appendFile, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { writeSampleBundle } from '../report/manifest-bundle-fixture.ts';
import { fakeIo } from '../support/fake-io.ts';

describe('evs-workbench verify-bundle', () => {
  it('exits 0 for a complete, unaltered bundle and says so in one line', async () => {
    const dir = await writeSampleBundle();
    const io = fakeIo(dirname(dir));
    expect(await main(['verify-bundle', basename(dir)], io)).toBe(EXIT.ok);
    expect(io.out()).toMatch(new RegExp(`^verify-bundle: ${basename(dir)} is complete and unaltered: \\d+ files match manifest.json \\(evs-workbench 0.1.0, seed 24301, created 2025-12-03T17:00:04.250Z\\)\\.\\n$`));
    expect(io.err()).toBe('');
    await rm(dir, { recursive: true });
  });

  it('exits 1 and names each altered, missing and extra file, with the fix', async () => {
    const dir = await writeSampleBundle();
    await appendFile(join(dir, 'report.html'), ' ');
    await unlink(join(dir, 'junit.xml'));
    await writeFile(join(dir, 'extra.txt'), 'x');
    const io = fakeIo(dir);
    expect(await main(['verify-bundle', '.'], io)).toBe(EXIT.failed);
    const lines = io.out().split('\n');
    expect(lines[0]).toBe('verify-bundle: . does NOT match its manifest: 3 problems.');
    expect(lines[1]).toBe('  missing    junit.xml: listed in manifest.json but not in the folder');
    expect(lines[2]).toMatch(/^ {2}altered {4}report\.html: SHA-256 [0-9a-f]{12}… \((\d+) bytes\), manifest says [0-9a-f]{12}… \(\d+ bytes\)$/);
    expect(lines[3]).toBe('  extra      extra.txt: in the folder but not listed in manifest.json');
    expect(lines[4]).toContain('Fix: an altered bundle is not evidence. Restore the original bundle, or regenerate it with `evs-workbench verify --config minimal --seed 24301 --out evidence` (seed 24301).');
    await rm(dir, { recursive: true });
  });

  it('prints the check as JSON with --json', async () => {
    const dir = await writeSampleBundle();
    await writeFile(join(dir, 'extra.txt'), 'x');
    const io = fakeIo(dir);
    expect(await main(['verify-bundle', dir, '--json'], io)).toBe(EXIT.failed);
    const body = JSON.parse(io.out()) as { status: string; seed: number; problems: unknown[] };
    expect(body).toMatchObject({ status: 'altered', seed: 24301, problems: [{ kind: 'extra', path: 'extra.txt' }] });
    await rm(dir, { recursive: true });
  });

  it('exits 2 with a message and a fix when the folder is not a bundle', async () => {
    const dir = await writeSampleBundle();
    await unlink(join(dir, 'manifest.json'));
    const io = fakeIo(dir);
    expect(await main(['verify-bundle', '.'], io)).toBe(EXIT.usage);
    expect(io.err()).toContain('[CLI.0702] . is not an evidence bundle:');
    expect(io.err()).toContain('has no manifest.json');
    expect(io.err()).toContain('Fix: Pass the folder written by `evs-workbench verify --out DIR`');
    await writeFile(join(dir, 'manifest.json'), 'not json');
    const io2 = fakeIo(dir);
    expect(await main(['verify-bundle', '.', '--json'], io2)).toBe(EXIT.usage);
    expect(JSON.parse(io2.out())).toMatchObject({ status: 'not-a-bundle', reason: 'manifest-malformed' });
    const io3 = fakeIo(dir);
    expect(await main(['verify-bundle', 'missing-folder'], io3)).toBe(EXIT.usage);
    expect(io3.err()).toContain('[CLI.0702] missing-folder is not an evidence bundle');
    await rm(dir, { recursive: true });
  });

  it('exits 2 on bad arguments', async () => {
    for (const args of [[], ['a', 'b'], ['a', '--nope']]) {
      const io = fakeIo('/');
      expect(await main(['verify-bundle', ...args], io), args.join(' ')).toBe(EXIT.usage);
      expect(io.err()).toMatch(/verify-bundle/);
    }
  });
});
