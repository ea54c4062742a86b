import { CONFORM_INPUT_CODES, type ConformInputCode } from '../log-line.ts';
import type { Translation } from './trail-format.ts';

/**
 * Reading fields of trail records, which are `unknown` JSON: dotted paths,
 * typed reads, and a problem that names the record's event and the missing
 * or mistyped field. Translators throw `BadRecord`; `guarded` turns it into
 * a `bad` translation (exit 2), so nothing else escapes.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path (`responseElements.keyMetadata.keyId`, `resources.0.ARN`), or undefined when a step is missing. */
export function at(record: JsonObject, path: string): unknown {
  let value: unknown = record;
  for (const step of path.split('.')) {
    if (Array.isArray(value) && /^\d+$/.test(step)) value = (value as readonly unknown[])[Number(step)];
    else if (isObject(value)) value = value[step];
    else return undefined;
  }
  return value;
}

export class BadRecord extends Error {
  constructor(
    message: string,
    readonly fix: string,
    readonly code: ConformInputCode = CONFORM_INPUT_CODES.badArgument,
  ) {
    super(message);
  }
}

/** Runs a translation, turning a `BadRecord` into a `bad` translation. */
export function guarded(translate: () => Translation): Translation {
  try {
    return translate();
  } catch (e) {
    if (e instanceof BadRecord) return { kind: 'bad', message: e.message, fix: e.fix, code: e.code };
    throw e;
  }
}

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Typed reads of one record, for one event (`what`, e.g. `ec2 AttachVolume`). */
export class RecordFields {
  constructor(
    private readonly record: JsonObject,
    private readonly what: string,
    private readonly fix: string,
  ) {}

  private missing(paths: readonly string[]): BadRecord {
    return new BadRecord(`${this.what}: ${paths.join(' or ')} is missing.`, this.fix);
  }

  private first(paths: readonly string[]): { path: string; value: unknown } | null {
    for (const path of paths) {
      const value = at(this.record, path);
      if (present(value)) return { path, value };
    }
    return null;
  }

  /** Whether a value is present (not missing, null or empty) at `path`. */
  has(path: string): boolean {
    return present(at(this.record, path));
  }

  /** A non-empty string id at the first of `paths` that is present. */
  id(...paths: string[]): string {
    const found = this.optId(...paths);
    if (found === null) throw this.missing(paths);
    return found;
  }

  optId(...paths: string[]): string | null {
    const found = this.first(paths);
    if (found === null) return null;
    if (typeof found.value !== 'string' || found.value.trim() === '') {
      throw new BadRecord(`${this.what}: ${found.path} must be a non-empty string, got ${JSON.stringify(found.value)}.`, this.fix);
    }
    return found.value;
  }

  /** A boolean (also `"true"`/`"false"`, `"1"`/`"0"` and 1/0, as services write them), or null when absent. */
  optBool(path: string): boolean | null {
    const value = at(this.record, path);
    if (!present(value)) return null;
    if (value === true || value === 'true' || value === '1' || value === 1) return true;
    if (value === false || value === 'false' || value === '0' || value === 0) return false;
    throw new BadRecord(`${this.what}: ${path} must be true or false, got ${JSON.stringify(value)}.`, this.fix);
  }

  /** A whole number (also written as a string of digits, as CTS does). */
  integer(...paths: string[]): number {
    const found = this.first(paths);
    if (found === null) throw this.missing(paths);
    const n = typeof found.value === 'string' && /^\s*-?\d+\s*$/.test(found.value) ? Number(found.value) : found.value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
      throw new BadRecord(`${this.what}: ${found.path} must be a whole number, got ${JSON.stringify(found.value)}.`, this.fix);
    }
    return n;
  }
}
