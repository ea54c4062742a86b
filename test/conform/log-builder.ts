import { DAY_MS } from '../../src/clock/clock.ts';
import { conformLines, type ConformReport } from '../../src/conform/run-conform.ts';

/**
 * Builds event logs for tests, one line per call, with explicit time:
 * `new LogBuilder().ok('createKey', { key: 'k1' }).after(7).ok('keyDeleted', { key: 'k1' })`.
 * Lines share the current time until `after` moves it.
 */
export const LOG_START_MS = Date.UTC(2026, 0, 1);

export class LogBuilder {
  private seq = 0;
  private ms = LOG_START_MS;
  readonly lines: string[] = [];

  /** Moves time forward by days (fractions allowed) and hours. */
  after(days: number, hours = 0): this {
    this.ms += days * DAY_MS + hours * 3_600_000;
    return this;
  }

  ok(op: string, fields: Record<string, unknown> = {}): this {
    return this.push(op, fields, 'ok', undefined);
  }

  /** A refused line; `code` undefined writes no error code. */
  err(op: string, fields: Record<string, unknown>, code?: string): this {
    return this.push(op, fields, 'error', code);
  }

  /** The seq the next line will get. */
  get nextSeq(): number {
    return this.seq + 1;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }

  check(): ConformReport {
    return conformLines(this.lines);
  }

  private push(op: string, fields: Record<string, unknown>, result: 'ok' | 'error', code: string | undefined): this {
    this.seq += 1;
    const time = new Date(this.ms).toISOString();
    this.lines.push(JSON.stringify({ seq: this.seq, time, op, ...fields, result, ...(code === undefined ? {} : { error: code }) }));
    return this;
  }
}

/** grantKmsAccess, createKey k1, createDisk d1 (encrypted by k1), attachDisk d1 → s1: the usual start. */
export function attachedDisk(): LogBuilder {
  return new LogBuilder()
    .ok('grantKmsAccess', { project: 'p1' })
    .ok('createKey', { key: 'k1' })
    .ok('createDisk', { disk: 'd1', encrypted: true, key: 'k1' })
    .ok('attachDisk', { disk: 'd1', server: 's1' });
}
