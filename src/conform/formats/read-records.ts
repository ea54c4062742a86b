import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { CONFORM_INPUT_CODES } from '../log-line.ts';
import { isObject, type JsonObject } from './record-fields.ts';
import { TRAIL_TOO_LARGE, type TrailFormatSpec } from './trail-format.ts';

/**
 * Reads the records of a trail. The first non-blank line decides the shape:
 * - a JSON object that is a record → JSON Lines, one record per line,
 *   STREAMED line by line (constant memory); records must be in time order;
 * - a document holding the records (`{"Records": [...]}` as CloudTrail
 *   delivers to S3, `{"Events": [...]}` from `aws cloudtrail lookup-events`,
 *   `{"traces": [...]}` from the CTS API, or a JSON array), on one line or
 *   pretty-printed → parsed WHOLE, up to `maxDocumentBytes` (default 64 MiB;
 *   larger documents are refused with CLI.0408), then sorted by time
 *   (stable), because CloudTrail files are not ordered and APIs list the
 *   newest first.
 * A record's position is its line number (JSON Lines) or its index in the
 * document + 1; `label` turns it back into `line 7`, `Records[6]` or `array[6]`.
 */
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 2 ** 20;

export interface TrailRecord {
  readonly record: JsonObject;
  /** Line number (JSON Lines) or 1-based index in the document; used as the log line's `lineNumber`. */
  readonly position: number;
  /** `line 7` or `Records[6]`. */
  readonly where: string;
}

type Shape = { readonly kind: 'lines' } | { readonly kind: 'document'; readonly container: string };

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
}

export class TrailReader {
  private shape: Shape | null = null;

  constructor(
    private readonly spec: TrailFormatSpec,
    private readonly source: string,
    private readonly maxDocumentBytes: number = DEFAULT_MAX_DOCUMENT_BYTES,
  ) {}

  /** How messages name the record at `position`. */
  label(position: number): string {
    return this.shape?.kind === 'document' ? `${this.shape.container || 'array'}[${position - 1}]` : `line ${position}`;
  }

  private problem(where: string, message: string, fix: string, code: string = CONFORM_INPUT_CODES.malformedJson, position?: number): WorkbenchError {
    return new WorkbenchError({ code, message: `${this.source}: ${where}: ${message}`, fix, data: { record: where, ...(position === undefined ? {} : { line: position }) } });
  }

  private containerOf(value: unknown): string | null {
    if (Array.isArray(value)) return '';
    if (!isObject(value)) return null;
    return this.spec.containers.find((c) => Array.isArray(value[c])) ?? null;
  }

  private unwrapped(value: unknown, position: number): TrailRecord {
    const where = this.label(position);
    if (!isObject(value)) throw this.problem(where, `each ${this.spec.title} record must be a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}.`, 'Give one record (a JSON object) per line, or one document holding the records.', undefined, position);
    const record = this.spec.unwrap(value);
    if (typeof record === 'string') throw this.problem(where, record, 'Give the records as the service writes them.', undefined, position);
    return { record, position, where };
  }

  async *records(input: Readable): AsyncGenerator<TrailRecord> {
    const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    const buffered: string[] = [];
    let bytes = 0;
    let lineNumber = 0;
    let completed = false;
    try {
      for await (const raw of rl) {
        lineNumber += 1;
        const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
        if (this.shape?.kind === 'document' || (this.shape === null && text.trim() !== '' && this.startsDocument(text, lineNumber))) {
          bytes += Buffer.byteLength(text) + 1;
          if (bytes > this.maxDocumentBytes) throw this.tooLarge();
          buffered.push(text);
          continue;
        }
        if (text.trim() === '') continue;
        this.shape = { kind: 'lines' };
        const parsed = tryParse(text);
        if (!parsed.ok) throw this.problem(`line ${lineNumber}`, `not valid JSON (${parsed.detail}).`, `Write one ${this.spec.title} record per line (JSON Lines), or give one whole document.`, undefined, lineNumber);
        yield this.unwrapped(parsed.value, lineNumber);
      }
      completed = true;
    } finally {
      rl.close();
      if (!completed) input.destroy();
    }
    if (this.shape?.kind === 'document') yield* this.documentRecords(buffered.join('\n'));
  }

  /** Whether the first non-blank line starts a whole document (and records which container holds the records). */
  private startsDocument(text: string, lineNumber: number): boolean {
    const parsed = tryParse(text);
    if (parsed.ok) {
      const container = this.containerOf(parsed.value);
      if (container === null) return false;
      this.shape = { kind: 'document', container };
      return true;
    }
    if (!/^\s*[[{]/.test(text)) {
      throw this.problem(`line ${lineNumber}`, `not valid JSON (${parsed.detail}).`, `Give ${this.spec.title} records as JSON: one record per line, or one document holding them.`, undefined, lineNumber);
    }
    this.shape = { kind: 'document', container: '' }; // pretty-printed: the container is known once the document is parsed
    return true;
  }

  private *documentRecords(text: string): Generator<TrailRecord> {
    const parsed = tryParse(text);
    if (!parsed.ok) throw this.problem('the document', `not valid JSON (${parsed.detail}).`, 'Give the document exactly as the service delivered it, or convert it to JSON Lines (one record per line).');
    const container = this.containerOf(parsed.value);
    if (container === null) {
      throw this.problem(
        'the document',
        `expected ${this.spec.containers.map((c) => `{"${c}": [...]}`).join(', ')} or a JSON array of records.`,
        'Give the whole document as delivered, or one record per line (JSON Lines).',
      );
    }
    this.shape = { kind: 'document', container };
    const list = (Array.isArray(parsed.value) ? parsed.value : (parsed.value as JsonObject)[container]) as readonly unknown[];
    const records = list.map((value, i) => this.unwrapped(value, i + 1));
    const timed = records.map((r) => ({ r, t: this.spec.timeOf(r.record) ?? Number.NEGATIVE_INFINITY }));
    timed.sort((a, b) => a.t - b.t || a.r.position - b.r.position);
    for (const { r } of timed) yield r;
  }

  private tooLarge(): WorkbenchError {
    const limit = this.maxDocumentBytes % 2 ** 20 === 0 ? `${this.maxDocumentBytes / 2 ** 20} MiB` : `${this.maxDocumentBytes} bytes`;
    return new WorkbenchError({
      code: TRAIL_TOO_LARGE,
      message: `${this.source}: the ${this.spec.title} document is larger than ${limit}, the limit for a document parsed whole.`,
      fix:
        this.spec.name === 'cloudtrail'
          ? "Convert it to JSON Lines, which is streamed without a limit: jq -c '.Records | sort_by(.eventTime) | .[]' FILE > trail.jsonl"
          : "Convert it to JSON Lines, which is streamed without a limit: jq -c 'sort_by(.time) | .[]' FILE > trail.jsonl",
      data: { limitBytes: this.maxDocumentBytes },
    });
  }
}
