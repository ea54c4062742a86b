import type { CliIo } from '../../src/cli/io.ts';

/** A CliIo that collects what a command writes, for tests that call `main` without a terminal. */
export type FakeIo = CliIo & { out: () => string; err: () => string };

export function fakeIo(cwd: string): FakeIo {
  let out = '';
  let err = '';
  return {
    cwd,
    env: {},
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    out: () => out,
    err: () => err,
  };
}
