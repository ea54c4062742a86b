/**
 * `evs-workbench verify-bundle DIR [--json]`: checks that an evidence bundle
 * is complete and unaltered against its manifest.json. Exit 0 when it is,
 * 1 when a file is altered, missing or extra (each named), 2 when DIR is
 * not a bundle (no folder, no manifest, unreadable or malformed manifest).
 */
import { resolve } from 'node:path';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { verifyBundle, type BundleCheck, type BundleProblem } from '../../report/manifest/verify-bundle.ts';
import { EXIT, type Command, type ExitCode } from '../io.ts';
import { parseCommandArgs } from '../main.ts';

export const VERIFY_BUNDLE_USAGE = `evs-workbench verify-bundle DIR [--json]

Checks that the evidence bundle in DIR (written by \`evs-workbench verify\`) is complete
and unaltered: every file listed in DIR/manifest.json is present with the same size and
SHA-256, no other file is present, the manifest's own digest matches, results.json is
valid and every test's trace file is in the bundle.
  --json   print the check as JSON ({"status": "ok" | "altered" | "not-a-bundle", ...})
Exit: 0 complete and unaltered, 1 altered, missing or extra files, 2 DIR is not a bundle
or bad arguments.`;

export const VERIFY_BUNDLE_ERRORS = { usage: 'CLI.0701', notABundle: 'CLI.0702', manifestUnreadable: 'CLI.0703' } as const;

const short = (hash: string): string => `${hash.slice(0, 12)}…`;

export function describeProblem(p: BundleProblem): string {
  switch (p.kind) {
    case 'missing':
      return `missing    ${p.path}: listed in manifest.json but not in the folder`;
    case 'extra':
      return `extra      ${p.path}: in the folder but not listed in manifest.json`;
    case 'altered':
      return `altered    ${p.path}: SHA-256 ${short(p.actual.sha256)} (${p.actual.bytes} bytes), manifest says ${short(p.expected.sha256)} (${p.expected.bytes} bytes)`;
    case 'not-a-file':
      return `not a file ${p.path}: ${p.detail}`;
    case 'manifest-digest':
      return `altered    ${p.path}: its digest does not match its content (the manifest was edited)`;
    case 'results-invalid':
      return [`invalid    ${p.path}: ${p.problems.length} problem${p.problems.length === 1 ? '' : 's'}`, ...p.problems.slice(0, 20).map((q) => `             ${q.path}: ${q.message}`), ...(p.problems.length > 20 ? [`             … ${p.problems.length - 20} more (use --json)`] : [])].join('\n');
    case 'trace-not-in-bundle':
      return `missing    ${p.path}: the trace of test ${p.test} (named in results.json) is not in the bundle`;
  }
}

const NOT_A_BUNDLE_FIX: Readonly<Record<Extract<BundleCheck, { status: 'not-a-bundle' }>['reason'], string>> = {
  'no-folder': 'Pass the folder written by `evs-workbench verify --out DIR`.',
  'no-manifest': 'Pass the folder written by `evs-workbench verify --out DIR` (it ends with manifest.json); if this is one, its manifest was removed and it cannot be checked: regenerate it with the replay command.',
  'manifest-unreadable': 'Check the permissions of manifest.json, or regenerate the bundle with the replay command.',
  'manifest-malformed': 'Restore manifest.json from the original bundle, or regenerate the bundle with the replay command (see results.json: command and seed).',
};

function text(check: BundleCheck, shown: string): string {
  switch (check.status) {
    case 'ok': {
      const m = check.manifest;
      return `verify-bundle: ${shown} is complete and unaltered: ${m.files.length} files match manifest.json (${m.tool.name} ${m.tool.version}, seed ${m.seed}, created ${m.createdAt}).\n`;
    }
    case 'altered': {
      const n = check.problems.length;
      return [
        `verify-bundle: ${shown} does NOT match its manifest: ${n} problem${n === 1 ? '' : 's'}.`,
        ...check.problems.map((p) => `  ${describeProblem(p)}`),
        `Fix: an altered bundle is not evidence. Restore the original bundle, or regenerate it with \`${check.manifest.command.join(' ')}\` (seed ${check.manifest.seed}).`,
        '',
      ].join('\n');
    }
    case 'not-a-bundle': {
      const code = check.reason === 'manifest-unreadable' || check.reason === 'manifest-malformed' ? VERIFY_BUNDLE_ERRORS.manifestUnreadable : VERIFY_BUNDLE_ERRORS.notABundle;
      return `evs-workbench verify-bundle: [${code}] ${shown} is not an evidence bundle: ${check.message}${check.details.map((d) => `\n  ${d}`).join('')}\nFix: ${NOT_A_BUNDLE_FIX[check.reason]}\n`;
    }
  }
}

function json(check: BundleCheck): string {
  const body =
    check.status === 'not-a-bundle'
      ? { ...check, fix: NOT_A_BUNDLE_FIX[check.reason] }
      : { status: check.status, dir: check.dir, files: check.manifest.files.length, tool: check.manifest.tool, seed: check.manifest.seed, createdAt: check.manifest.createdAt, ...(check.status === 'altered' ? { problems: check.problems } : {}) };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export const verifyBundleCommand: Command = {
  name: 'verify-bundle',
  summary: 'Check that an evidence bundle is complete and unaltered (manifest.json)',
  usage: VERIFY_BUNDLE_USAGE,
  async run(args, io): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
    const [dir, ...more] = positionals;
    if (dir === undefined || more.length > 0) {
      throw new WorkbenchError({
        code: VERIFY_BUNDLE_ERRORS.usage,
        message: dir === undefined ? 'verify-bundle needs the bundle folder.' : `verify-bundle checks one folder; got ${positionals.length}: ${positionals.join(' ')}.`,
        fix: 'Run `evs-workbench verify-bundle DIR`, with DIR the folder written by `evs-workbench verify --out DIR`.',
      });
    }
    const check = await verifyBundle(resolve(io.cwd, dir));
    const out = values.json === true ? json(check) : text(check, dir);
    if (check.status === 'not-a-bundle' && values.json !== true) io.stderr.write(out);
    else io.stdout.write(out);
    return check.status === 'ok' ? EXIT.ok : check.status === 'altered' ? EXIT.failed : EXIT.usage;
  },
};
