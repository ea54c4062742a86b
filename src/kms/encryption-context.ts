import { invalidArgument } from './kms-errors.ts';
import type { EncryptionContext } from './kms-types.ts';

/** Upper bound of the canonical JSON of a context, as in the KMS APIs (8 KiB). */
export const MAX_CONTEXT_CHARS = 8192;

/**
 * Checks an encryption context (a flat object of string keys to string
 * values) and returns a copy with its keys sorted, so that the same context
 * always gives the same bytes whatever the order its properties were set in.
 * KMS.0401 for anything else (arrays, nested objects, non-string values,
 * empty keys, more than 8 KiB).
 */
export function canonicalContext(context: unknown): EncryptionContext {
  const proto: unknown = typeof context === 'object' && context !== null ? Object.getPrototypeOf(context) : undefined;
  if (typeof context !== 'object' || context === null || Array.isArray(context) || (proto !== Object.prototype && proto !== null)) {
    throw invalidArgument(
      `the encryption context must be a plain object of strings, got ${context === null ? 'null' : Array.isArray(context) ? 'an array' : typeof context}.`,
      'Pass an object such as { diskId: "disk-1" }.',
      { context: String(context) },
    );
  }
  const entries: [string, string][] = [];
  for (const key of Object.keys(context).sort()) {
    const value: unknown = (context as Record<string, unknown>)[key];
    if (key.length === 0 || typeof value !== 'string') {
      throw invalidArgument(
        `the encryption context entry ${JSON.stringify(key)} is invalid: keys must be non-empty and values must be strings (got ${typeof value}).`,
        'Use only non-empty string keys with string values, e.g. { diskId: "disk-1" }.',
        { key },
      );
    }
    entries.push([key, value]);
  }
  // fromEntries defines own properties, so even a "__proto__" entry is kept (assignment would drop it)
  const sorted: Record<string, string> = Object.fromEntries(entries);
  const length = JSON.stringify(sorted).length;
  if (length > MAX_CONTEXT_CHARS) {
    throw invalidArgument(
      `the encryption context is ${length} characters of JSON, more than ${MAX_CONTEXT_CHARS}.`,
      'Keep the context small: it names the data (disk id, snapshot id), it does not carry it.',
      { length },
    );
  }
  return sorted;
}

/** The authenticated data of a wrapped DK: the canonical JSON of `{ context, keyId }`. */
export function dataKeyAad(keyId: string, context: EncryptionContext): string {
  return JSON.stringify({ context: canonicalContext(context), keyId });
}
