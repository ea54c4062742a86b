/**
 * Parses `evs-workbench xts encrypt|decrypt --key-file FILE [--sector-size 512|4096]
 * [--first-sector N] IN OUT` into a typed invocation. Every problem is a usage
 * error (`CLI.02xx`, exit 2) that names the argument and the accepted values.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import type { SectorSize, XtsDirection } from '../../xts/xts-cipher.ts';

export const XTS_USAGE = 'evs-workbench xts encrypt|decrypt --key-file FILE [--sector-size 512|4096] [--first-sector N] IN OUT';

export interface XtsInvocation {
  readonly direction: XtsDirection;
  readonly keyFile: string;
  readonly sectorSize: SectorSize;
  readonly firstSector: bigint;
  readonly inFile: string;
  readonly outFile: string;
}

const MAX_SECTOR = (1n << 64n) - 1n;

function usage(code: string, message: string, fix: string, data: Record<string, unknown> = {}): WorkbenchError {
  return new WorkbenchError({ code, message, fix: `${fix} Usage: ${XTS_USAGE}`, data });
}

function parseDirection(word: string | undefined): XtsDirection {
  if (word === 'encrypt' || word === 'decrypt') return word;
  throw usage(
    'CLI.0201',
    word === undefined ? 'The xts command needs a direction.' : `Unknown xts direction '${word}'.`,
    "Say 'encrypt' or 'decrypt' first.",
    { direction: word ?? null },
  );
}

function parseSectorSize(text: string | undefined): SectorSize {
  if (text === undefined || text === '512') return 512;
  if (text === '4096') return 4096;
  throw usage('CLI.0204', `--sector-size ${text} is not supported.`, 'Use --sector-size 512 (the default) or --sector-size 4096.', { sectorSize: text });
}

function parseFirstSector(text: string | undefined): bigint {
  if (text === undefined) return 0n;
  const value = /^[0-9]+$/.test(text) ? BigInt(text) : undefined;
  if (value === undefined || value > MAX_SECTOR) {
    throw usage(
      'CLI.0205',
      `--first-sector ${text} is not a sector number.`,
      'Give a whole number from 0 to 2^64-1 (decimal), counted in units of the sector size.',
      { firstSector: text },
    );
  }
  return value;
}

/** Turns the arguments after `xts` into an invocation; relative paths are taken from `cwd`. */
export function parseXtsArgs(args: readonly string[], cwd: string): XtsInvocation {
  // node:util parseArgs directly (strict, like main.ts's parseCommandArgs): importing main.ts here would be an import cycle.
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { 'key-file': { type: 'string' }, 'sector-size': { type: 'string' }, 'first-sector': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const direction = parseDirection(positionals[0]);
  const [inFile, outFile, ...extra] = positionals.slice(1);
  if (inFile === undefined || outFile === undefined || extra.length > 0) {
    throw usage(
      'CLI.0202',
      extra.length > 0 ? `Too many arguments: ${extra.join(' ')}.` : 'The xts command needs an input image and an output file.',
      'Give exactly two paths after the options: IN (the image to read) and OUT (the file to write).',
      { positionals },
    );
  }
  const keyFile = values['key-file'];
  if (keyFile === undefined || keyFile === '') {
    throw usage('CLI.0203', 'The xts command needs --key-file.', 'Pass --key-file FILE, a file holding the 64 raw bytes of the XTS-AES-256 key.');
  }
  return {
    direction,
    keyFile: resolve(cwd, keyFile),
    sectorSize: parseSectorSize(values['sector-size']),
    firstSector: parseFirstSector(values['first-sector']),
    inFile: resolve(cwd, inFile),
    outFile: resolve(cwd, outFile),
  };
}
