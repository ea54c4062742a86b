import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../src/errors/workbench-error.ts';
import { hashModelSources, toolAndDependencies } from '../../src/report/manifest/collect.ts';
import { buildManifest, canonicalJson, manifestDigest, renderManifest, type ManifestInput } from '../../src/report/manifest/manifest.ts';
import { parseManifest } from '../../src/report/manifest/parse-manifest.ts';

const h = (s: string): string => createHash('sha256').update(s).digest('hex');

function input(): ManifestInput {
  return {
    files: [
      { path: 'traces/b.json', sha256: h('b'), bytes: 1 },
      { path: 'manifest.json', sha256: h('m'), bytes: 1 },
      { path: 'results.json', sha256: h('r'), bytes: 1 },
    ],
    sources: [{ path: 'models/z.ts', sha256: h('z') }, { path: 'models/a.ts', sha256: h('a') }],
    tool: { name: 'evs-workbench', version: '0.1.0' },
    dependencies: { xstate: '5.33.3', 'fast-check': '4.11.0' },
    node: '20.20.2',
    openssl: '3.0.17',
    seed: 24301,
    command: ['evs-workbench', 'verify', '--seed', '24301'],
    createdAt: '2025-12-03T17:00:04.250Z',
  };
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('buildManifest', () => {
  it('sorts entries, never lists itself, and carries a digest of its canonical content', () => {
    const m = buildManifest(input());
    expect(m.files.map((f) => f.path)).toEqual(['results.json', 'traces/b.json']);
    expect(m.sources.map((s) => s.path)).toEqual(['models/a.ts', 'models/z.ts']);
    expect(Object.keys(m.dependencies)).toEqual(['fast-check', 'xstate']);
    expect(m.digest).toBe(manifestDigest(m));
    expect(m.digest).toMatch(/^[0-9a-f]{64}$/);
    // Same content in another order: same manifest, same digest.
    const shuffled = { ...input(), files: [...input().files].reverse(), sources: [...input().sources].reverse() };
    expect(buildManifest(shuffled)).toEqual(m);
  });

  it('refuses paths that leave the bundle, duplicates and malformed hashes', () => {
    for (const files of [
      [{ path: '../x', sha256: h('x'), bytes: 1 }],
      [{ path: '/etc/passwd', sha256: h('x'), bytes: 1 }],
      [{ path: 'a', sha256: h('x'), bytes: 1 }, { path: 'a', sha256: h('y'), bytes: 2 }],
      [{ path: 'a', sha256: 'ABC', bytes: 1 }],
      [{ path: 'a', sha256: h('x'), bytes: -1 }],
    ]) {
      const e = thrown(() => buildManifest({ ...input(), files }));
      expect(isWorkbenchError(e) && e.code === 'CLI.0704', JSON.stringify(files)).toBe(true);
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: 'x', u: undefined })).toBe('{"a":"x","b":[{"c":2,"d":1}]}');
  });
});

describe('parseManifest', () => {
  it('reads back what renderManifest wrote, with a matching digest', () => {
    const m = buildManifest(input());
    expect(parseManifest(renderManifest(m))).toEqual({ ok: true, manifest: m, digestMatches: true });
  });

  it('notices any edit of the manifest through its digest, including an added field', () => {
    const text = renderManifest(buildManifest(input()));
    for (const edited of [text.replace('"seed": 24301', '"seed": 24302'), text.replace('"xstate": "5.33.3"', '"xstate": "5.33.4"'), text.replace('{', '{"note": "x",')]) {
      const p = parseManifest(edited);
      expect(p.ok && p.digestMatches).toBe(false);
      expect(p.ok).toBe(true);
    }
  });

  it('lists what makes a manifest malformed', () => {
    expect(parseManifest('{')).toMatchObject({ ok: false });
    const m = JSON.parse(renderManifest(buildManifest(input()))) as Record<string, unknown>;
    const broken = { ...m, manifestVersion: 2, files: [{ path: '../x', sha256: h('x'), bytes: 1 }, { path: 'a', sha256: 'no', bytes: 1 }, { path: 'b', sha256: h('b'), bytes: 1.5 }], seed: 'x' };
    const p = parseManifest(JSON.stringify(broken));
    expect(p.ok ? [] : p.problems).toEqual([
      '$.manifestVersion: expected 1',
      '$.seed: expected a number',
      '$.files[0].path: expected a relative path inside the bundle',
      '$.files[1].sha256: expected 64 lower-case hex digits',
      '$.files[2].bytes: expected a whole number >= 0',
    ]);
  });
});

describe('collect (reads this project)', () => {
  it('reads the tool and the installed dependency versions from package.json files', async () => {
    const { tool, dependencies } = await toolAndDependencies(process.cwd());
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string; dependencies: Record<string, string> };
    expect(tool).toEqual({ name: 'evs-workbench', version: pkg.version });
    const xstate = JSON.parse(await readFile('node_modules/xstate/package.json', 'utf8')) as { version: string };
    expect(dependencies['xstate']).toBe(xstate.version);
    expect(Object.keys(dependencies).sort()).toEqual(expect.arrayContaining(Object.keys(pkg.dependencies)));
  });

  it('hashes every model and requirement source under models/', async () => {
    const sources = await hashModelSources(process.cwd());
    const catalog = sources.find((s) => s.path === 'models/requirements/catalog.ts');
    expect(catalog?.sha256).toBe(createHash('sha256').update(await readFile('models/requirements/catalog.ts')).digest('hex'));
    expect(sources.every((s) => s.path.startsWith('models/') && s.path.endsWith('.ts'))).toBe(true);
    expect(sources.map((s) => s.path)).toEqual([...sources.map((s) => s.path)].sort());
  });
});
