import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError } from '../errors/workbench-error.ts';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  readonly modulePath: string;
  readonly confPath: string;
  readonly tokenLabel: string;
  readonly pin: string;
  readonly soPin: string;
  readonly dir: string;
  /** Restores SOFTHSM2_CONF and removes the token folder. Close every root key on this token first. */
  cleanup(): void;
}

let counter = 0;

/**
 * A fresh SoftHSM2 token (used by `verify --hsm softhsm` and by the tests) in its own temporary folder, with SOFTHSM2_CONF
 * pointing at it. SoftHSM reads SOFTHSM2_CONF at C_Initialize, and a module
 * stays initialised while any root key on it is open, so: create one token per
 * test file (beforeAll), share it between that file's tests, close every root
 * key, then cleanup() (afterAll).
 */
export function createSoftHsmToken(label = `evs-test-${process.pid}-${++counter}`): SoftHsmToken {
  if (!existsSync(SOFTHSM_MODULE)) {
    throw new WorkbenchError({
      code: 'HSM.0001',
      message: `SoftHSM2 is not installed (${SOFTHSM_MODULE} is missing).`,
      fix: 'run `bash scripts/install.sh` (or `apt-get install -y softhsm2`), or leave out --hsm softhsm to use the software root key',
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'evs-softhsm-'));
  const tokenDir = join(dir, 'tokens');
  mkdirSync(tokenDir, { mode: 0o700 });
  const confPath = join(dir, 'softhsm2.conf');
  writeFileSync(confPath, `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const previous = process.env['SOFTHSM2_CONF'];
  process.env['SOFTHSM2_CONF'] = confPath;
  const pin = '123456';
  const soPin = '654321';
  try {
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', soPin], {
      env: { ...process.env, SOFTHSM2_CONF: confPath },
      stdio: 'pipe',
    });
  } catch (e) {
    restore(previous);
    rmSync(dir, { recursive: true, force: true });
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`softhsm2-util --init-token failed: ${stderr || String(e)}`, { cause: e });
  }
  return {
    modulePath: SOFTHSM_MODULE,
    confPath,
    tokenLabel: label,
    pin,
    soPin,
    dir,
    cleanup: () => {
      restore(previous);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function restore(previous: string | undefined): void {
  if (previous === undefined) delete process.env['SOFTHSM2_CONF'];
  else process.env['SOFTHSM2_CONF'] = previous;
}
