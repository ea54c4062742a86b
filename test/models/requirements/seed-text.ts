import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The seed, for checking quotes. It lives outside the repository, next to it
 * (`../shared/seed/evs_01_0009.rst`, as docs/CONTRACTS.md says); set
 * EVS_SEED_FILE to read it from elsewhere.
 */
export const SEED_FILE =
  process.env['EVS_SEED_FILE'] ?? fileURLToPath(new URL('../../../../shared/seed/evs_01_0009.rst', import.meta.url));

export function readSeed(): string {
  if (!existsSync(SEED_FILE)) {
    throw new Error(`seed not found at ${SEED_FILE}; set EVS_SEED_FILE to the path of evs_01_0009.rst`);
  }
  return readFileSync(SEED_FILE, 'utf8');
}

/** Collapses every run of whitespace to one space, so wrapped lines and grid padding do not matter. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

let cached: string | undefined;

export function occursInSeed(quote: string): boolean {
  cached ??= normalise(readSeed());
  return cached.includes(normalise(quote));
}
