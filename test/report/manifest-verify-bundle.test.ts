import { mkdir, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBundle } from '../../src/report/manifest/collect.ts';
import { verifyBundle, type BundleCheck } from '../../src/report/manifest/verify-bundle.ts';
import { sampleResults } from '../fixtures/results/sample-results.ts';
import { writeSampleBundle } from './manifest-bundle-fixture.ts';

function problemsOf(check: BundleCheck): Array<{ kind: string; path: string }> {
  return check.status === 'altered' ? check.problems.map((p) => ({ kind: p.kind, path: p.path })) : [];
}

async function flipOneByte(file: string, at: (data: Buffer) => number): Promise<void> {
  const data = await readFile(file);
  const i = at(data);
  data[i] = (data[i] ?? 0) ^ 0x01;
  await writeFile(file, data);
}

describe('verifyBundle', () => {
  it('accepts a bundle written from the fixture, listing every file but the manifest', async () => {
    const dir = await writeSampleBundle();
    const check = await verifyBundle(dir);
    expect(check.status).toBe('ok');
    if (check.status !== 'ok') return;
    const paths = check.manifest.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['results.json', 'report.html', 'report.md', 'junit.xml', 'oscal-assessment-results.json', 'traces/sneak-002.json', 'diagrams/cmk.svg']));
    expect(paths).not.toContain('manifest.json');
    expect(check.manifest.seed).toBe(24301);
    expect(check.manifest.sources.length).toBeGreaterThan(10);
    await rm(dir, { recursive: true });
  });

  it('names the file when one byte of ANY file of the bundle is altered', async () => {
    const dir = await writeSampleBundle();
    const { files } = await listBundle(dir);
    for (const f of files) {
      await flipOneByte(join(dir, f.path), (d) => Math.floor(d.length / 2));
      const check = await verifyBundle(dir);
      expect(problemsOf(check), f.path).toContainEqual({ kind: 'altered', path: f.path });
      await flipOneByte(join(dir, f.path), (d) => Math.floor(d.length / 2));
    }
    expect((await verifyBundle(dir)).status).toBe('ok');
    // The manifest itself: a changed digit of its creation time breaks its digest.
    await flipOneByte(join(dir, 'manifest.json'), (d) => d.indexOf('"createdAt": "2025') + 17);
    expect(problemsOf(await verifyBundle(dir))).toEqual([{ kind: 'manifest-digest', path: 'manifest.json' }]);
    await rm(dir, { recursive: true });
  });

  it('names a deleted file, an added file, an added symbolic link and a file replaced by a link', async () => {
    const dir = await writeSampleBundle();
    await unlink(join(dir, 'traces/states-001.json'));
    await writeFile(join(dir, 'notes.txt'), 'added later');
    await mkdir(join(dir, 'extra'));
    await writeFile(join(dir, 'extra/x.json'), '{}');
    await symlink('/etc/hostname', join(dir, 'link'));
    await unlink(join(dir, 'report.md'));
    await symlink(join(dir, 'junit.xml'), join(dir, 'report.md'));
    const check = await verifyBundle(dir);
    expect(check.status).toBe('altered');
    expect(problemsOf(check)).toEqual([
      { kind: 'missing', path: 'traces/states-001.json' },
      { kind: 'not-a-file', path: 'report.md' },
      { kind: 'extra', path: 'extra/x.json' },
      { kind: 'extra', path: 'link' },
      { kind: 'extra', path: 'notes.txt' },
    ]);
    await rm(dir, { recursive: true });
  });

  it('does not follow a linked folder out of the bundle', async () => {
    const outside = await writeSampleBundle();
    const dir = await writeSampleBundle();
    await rm(join(dir, 'traces'), { recursive: true });
    await symlink(join(outside, 'traces'), join(dir, 'traces'));
    const kinds = new Set(problemsOf(await verifyBundle(dir)).filter((p) => p.path.startsWith('traces/')).map((p) => p.kind));
    expect(kinds).toEqual(new Set(['not-a-file']));
    await rm(dir, { recursive: true });
    await rm(outside, { recursive: true });
  });

  it('reports results.json that fails validation, and tests whose trace is not in the bundle', async () => {
    const r = sampleResults();
    const dir = await writeSampleBundle({ ...r, summary: { ...r.summary, tests: { ...r.summary.tests, total: 3 } } });
    const check = await verifyBundle(dir);
    expect(check.status === 'altered' ? check.problems : []).toEqual([{ kind: 'results-invalid', path: 'results.json', problems: [{ path: '$.summary.tests.total', message: 'says 3 but the number of tests is 8' }] }]);
    await rm(dir, { recursive: true });
    // A bundle written without one trace is consistent with its manifest, but results.json names the trace.
    const dir2 = await writeSampleBundle(r, { withoutTraces: ['sneak-002'] });
    expect(problemsOf(await verifyBundle(dir2))).toEqual([{ kind: 'trace-not-in-bundle', path: 'traces/sneak-002.json' }]);
    await rm(dir2, { recursive: true });
  });

  it('says a folder is not a bundle when it or its manifest is absent or malformed', async () => {
    const dir = await writeSampleBundle();
    expect(await verifyBundle(join(dir, 'nope'))).toMatchObject({ status: 'not-a-bundle', reason: 'no-folder' });
    await writeFile(join(dir, 'manifest.json'), '{"manifestVersion": 1');
    expect(await verifyBundle(dir)).toMatchObject({ status: 'not-a-bundle', reason: 'manifest-malformed' });
    await writeFile(join(dir, 'manifest.json'), '{"manifestVersion": 1}');
    const malformed = await verifyBundle(dir);
    expect(malformed.status === 'not-a-bundle' ? malformed.details : []).toContain('$.files: expected an array');
    await unlink(join(dir, 'manifest.json'));
    expect(await verifyBundle(dir)).toMatchObject({ status: 'not-a-bundle', reason: 'no-manifest' });
    await rm(dir, { recursive: true });
  });
});
