import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The seed, for checking quotes: the copy kept in the repository
 * (docs/seed/evs_01_0009.rst); set EVS_SEED_FILE to read it from elsewhere.
 * test/models/requirements/seed-copy.test.ts checks that the copy is the
 * shared seed, byte for byte, when the shared folder is beside the checkout.
 */
export const SEED_FILE = process.env['EVS_SEED_FILE'] ?? fileURLToPath(new URL('../../../docs/seed/evs_01_0009.rst', import.meta.url));

/** The shared seed next to the checkout (present for developers and CI). */
export const SHARED_SEED_FILE = fileURLToPath(new URL('../../../../shared/seed/evs_01_0009.rst', import.meta.url));

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
