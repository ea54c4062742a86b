import { parseLogTime } from './log-time.ts';
import { CONFORM_INPUT_CODES, type LineHeader, type LineProblem, type LogLine, type LogOp, type LogOpName } from './log-line.ts';

/**
 * Reads one JSON Lines record of an event log into a typed `LogLine`, or says
 * exactly what is wrong with it and how to fix it. Nothing is thrown: bad
 * input is data. Unknown extra fields are ignored (recorders may add their
 * own, e.g. a request id); missing or mistyped arguments are problems.
 */
export type ParseResult = { readonly ok: true; readonly line: LogLine } | { readonly ok: false; readonly problem: LineProblem };

/** The operations, with their arguments (`?` = optional), for help texts and messages. */
export const OP_SIGNATURES: Readonly<Record<LogOpName, string>> = {
  grantKmsAccess: 'project, securityAdmin?',
  createKey: 'key',
  enableKey: 'key',
  disableKey: 'key',
  scheduleKeyDeletion: 'key, pendingDays',
  cancelKeyDeletion: 'key',
  keyDeleted: 'key',
  createDisk: 'disk, encrypted, key?',
  attachDisk: 'disk, server',
  detachDisk: 'disk',
  readDisk: 'disk',
  writeDisk: 'disk',
  deleteDisk: 'disk',
  changeDiskEncryption: 'disk, encrypted',
  createSnapshot: 'snapshot, disk',
  createDiskFromSnapshot: 'disk, snapshot, encrypted?',
  createBackup: 'backup, disk',
  createDiskFromBackup: 'disk, backup, encrypted, key?',
  createImage: 'image, disk',
  createDiskFromImage: 'disk, image, encrypted?',
  replicateImage: 'image, region',
  exportImage: 'image',
};

const isOpName = (s: string): s is LogOpName => Object.prototype.hasOwnProperty.call(OP_SIGNATURES, s);

/** Thrown only inside this module, turned into a `LineProblem` by `parseLogLine`. */
class Bad {
  constructor(
    readonly message: string,
    readonly fix: string,
    readonly code: LineProblem['code'] = CONFORM_INPUT_CODES.badArgument,
  ) {}
}

class Fields {
  constructor(
    private readonly record: Readonly<Record<string, unknown>>,
    private readonly op: string,
  ) {}

  private where(name: string): string {
    return `${this.op}: argument '${name}'`;
  }

  id(name: string): string {
    const v = this.record[name];
    if (v === undefined || v === null) throw new Bad(`${this.where(name)} is missing.`, this.hint(name));
    if (typeof v !== 'string' || v.trim() === '') throw new Bad(`${this.where(name)} must be a non-empty string, got ${JSON.stringify(v)}.`, this.hint(name));
    return v;
  }

  optId(name: string): string | null {
    return this.record[name] === undefined || this.record[name] === null ? null : this.id(name);
  }

  bool(name: string): boolean {
    const v = this.record[name];
    if (v === undefined || v === null) throw new Bad(`${this.where(name)} is missing.`, this.hint(name));
    if (typeof v !== 'boolean') throw new Bad(`${this.where(name)} must be true or false, got ${JSON.stringify(v)}.`, this.hint(name));
    return v;
  }

  optBool(name: string): boolean | null {
    return this.record[name] === undefined || this.record[name] === null ? null : this.bool(name);
  }

  number(name: string): number {
    const v = this.record[name];
    if (v === undefined || v === null) throw new Bad(`${this.where(name)} is missing.`, this.hint(name));
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Bad(`${this.where(name)} must be a number, got ${JSON.stringify(v)}.`, this.hint(name));
    return v;
  }

  private hint(name: string): string {
    return isOpName(this.op) ? `Write ${this.op} with {${OP_SIGNATURES[this.op]}}; '${name}' as in the log format.` : `Set '${name}'.`;
  }
}

function encryptedWithKey(f: Fields, op: string): { encrypted: boolean; key: string | null } {
  const encrypted = f.bool('encrypted');
  const key = f.optId('key');
  if (!encrypted && key !== null) {
    throw new Bad(`${op}: an unencrypted disk has no key, but key '${key}' is given.`, 'Remove "key", or set "encrypted": true.');
  }
  return { encrypted, key };
}

function readOp(op: LogOpName, f: Fields): LogOp {
  switch (op) {
    case 'grantKmsAccess':
      return { op, project: f.id('project'), securityAdmin: f.optBool('securityAdmin') ?? true };
    case 'createKey':
    case 'enableKey':
    case 'disableKey':
    case 'cancelKeyDeletion':
    case 'keyDeleted':
      return { op, key: f.id('key') };
    case 'scheduleKeyDeletion':
      return { op, key: f.id('key'), pendingDays: f.number('pendingDays') };
    case 'createDisk':
      return { op, disk: f.id('disk'), ...encryptedWithKey(f, op) };
    case 'attachDisk':
      return { op, disk: f.id('disk'), server: f.id('server') };
    case 'detachDisk':
    case 'readDisk':
    case 'writeDisk':
    case 'deleteDisk':
      return { op, disk: f.id('disk') };
    case 'changeDiskEncryption':
      return { op, disk: f.id('disk'), encrypted: f.bool('encrypted') };
    case 'createSnapshot':
      return { op, snapshot: f.id('snapshot'), disk: f.id('disk') };
    case 'createDiskFromSnapshot':
      return { op, disk: f.id('disk'), snapshot: f.id('snapshot'), encrypted: f.optBool('encrypted') };
    case 'createBackup':
      return { op, backup: f.id('backup'), disk: f.id('disk') };
    case 'createDiskFromBackup':
      return { op, disk: f.id('disk'), backup: f.id('backup'), ...encryptedWithKey(f, op) };
    case 'createImage':
      return { op, image: f.id('image'), disk: f.id('disk') };
    case 'createDiskFromImage':
      return { op, disk: f.id('disk'), image: f.id('image'), encrypted: f.optBool('encrypted') };
    case 'replicateImage':
      return { op, image: f.id('image'), region: f.id('region') };
    case 'exportImage':
      return { op, image: f.id('image') };
  }
}

function readHeader(record: Readonly<Record<string, unknown>>): Omit<LineHeader, 'lineNumber'> {
  const seq = record['seq'];
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    throw new Bad(`'seq' must be a non-negative integer, got ${JSON.stringify(seq)}.`, 'Number the lines with "seq": 1, 2, 3, ... (strictly increasing).', CONFORM_INPUT_CODES.badSeq);
  }
  const rawTime = record['time'];
  const timeMs = typeof rawTime === 'string' ? parseLogTime(rawTime) : null;
  if (typeof rawTime !== 'string' || timeMs === null) {
    throw new Bad(
      `'time' must be an ISO 8601 UTC timestamp, got ${JSON.stringify(rawTime)}.`,
      'Write "time": "2026-01-01T00:00:00Z" (seconds, optional fraction, Z or ±hh:mm).',
      CONFORM_INPUT_CODES.badTime,
    );
  }
  const result = record['result'];
  if (result !== 'ok' && result !== 'error') {
    throw new Bad(`'result' must be "ok" or "error", got ${JSON.stringify(result)}.`, 'Record what the system answered: "result": "ok" or "result": "error".');
  }
  const error = record['error'];
  if (error !== undefined && error !== null && (typeof error !== 'string' || error === '')) {
    throw new Bad(`'error' must be an error code string such as "EVS.2001", got ${JSON.stringify(error)}.`, 'Write the code as a string, or leave "error" out.');
  }
  if (result === 'ok' && typeof error === 'string') {
    throw new Bad(`"result" is "ok" but the line carries "error": "${error}".`, 'Remove "error" from successful lines, or set "result": "error".');
  }
  return { seq, time: rawTime, timeMs, result, error: typeof error === 'string' ? error : null };
}

/** Parses and validates one line of text (without its newline). */
export function parseLogLine(text: string, lineNumber: number): ParseResult {
  const problem = (b: Bad): ParseResult => ({ ok: false, problem: { lineNumber, message: `line ${lineNumber}: ${b.message}`, fix: b.fix, code: b.code } });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return problem(new Bad(`not valid JSON (${detail}).`, 'Write one JSON object per line, e.g. {"seq": 1, "time": "2026-01-01T00:00:00Z", "op": "createKey", "key": "k1", "result": "ok"}.', CONFORM_INPUT_CODES.malformedJson));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return problem(new Bad(`a log line must be a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}.`, 'Write one JSON object per line.', CONFORM_INPUT_CODES.malformedJson));
  }
  const record = value as Readonly<Record<string, unknown>>;
  try {
    const header = readHeader(record);
    const op = record['op'];
    if (typeof op !== 'string' || !isOpName(op)) {
      throw new Bad(
        `unknown operation ${JSON.stringify(op)}.`,
        `Use one of: ${Object.keys(OP_SIGNATURES).join(', ')}.`,
        CONFORM_INPUT_CODES.unknownOp,
      );
    }
    if (op === 'keyDeleted' && header.result !== 'ok') {
      throw new Bad('keyDeleted records that a waiting period ended; it has no "error" form.', 'Drop the line, or set "result": "ok".');
    }
    // Object.assign, not spread: this runs once per line (see makeFacts in prediction.ts).
    return { ok: true, line: Object.assign(readOp(op, new Fields(record, op)), { lineNumber }, header) };
  } catch (e) {
    if (e instanceof Bad) return problem(e);
    throw e;
  }
}
