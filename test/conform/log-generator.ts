import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes large conformant logs for the streaming tests: a setup, then cycles
 * of attach / write / key disable / read / detach / refused attach / key
 * enable / attach / read / detach, with a scheduled-and-cancelled deletion
 * every tenth cycle. One line per second of simulated time.
 */
const START_MS = Date.UTC(2026, 0, 1);

export function logLine(seq: number, fields: Record<string, unknown>): string {
  const time = new Date(START_MS + seq * 1000).toISOString().replace('.000Z', 'Z');
  return JSON.stringify({ seq, time, ...fields, result: fields['result'] ?? 'ok' });
}

const SETUP: ReadonlyArray<Record<string, unknown>> = [
  { op: 'grantKmsAccess', project: 'p1' },
  { op: 'createKey', key: 'k1' },
  { op: 'createDisk', disk: 'd1', encrypted: true, key: 'k1' },
  { op: 'createDisk', disk: 'd2', encrypted: false },
];

const CYCLE: ReadonlyArray<Record<string, unknown>> = [
  { op: 'attachDisk', disk: 'd1', server: 's1' },
  { op: 'writeDisk', disk: 'd1' },
  { op: 'disableKey', key: 'k1' },
  { op: 'readDisk', disk: 'd1' },
  { op: 'detachDisk', disk: 'd1' },
  { op: 'attachDisk', disk: 'd1', server: 's1', result: 'error', error: 'EVS.2001' },
  { op: 'enableKey', key: 'k1' },
  { op: 'attachDisk', disk: 'd2', server: 's2' },
  { op: 'readDisk', disk: 'd2' },
  { op: 'detachDisk', disk: 'd2' },
];

const DELETION_DETOUR: ReadonlyArray<Record<string, unknown>> = [
  { op: 'scheduleKeyDeletion', key: 'k1', pendingDays: 7 },
  { op: 'attachDisk', disk: 'd1', server: 's1', result: 'error', error: 'EVS.2001' },
  { op: 'cancelKeyDeletion', key: 'k1' },
  { op: 'enableKey', key: 'k1' },
];

/** The lines of a conformant log of exactly `lines` lines (lazily, so a million lines never sit in memory). */
export function* conformantLines(lines: number): Generator<string> {
  let seq = 0;
  let cycle = 0;
  while (true) {
    const block = seq === 0 ? SETUP : cycle % 10 === 9 ? [...CYCLE, ...DELETION_DETOUR] : CYCLE;
    if (seq > 0) cycle += 1;
    for (const fields of block) {
      if (seq >= lines) return;
      seq += 1;
      yield logLine(seq, fields);
    }
  }
}

/** Writes `lines` conformant lines to `file`, in chunks. */
export async function writeConformantLog(file: string, lines: number): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let chunk: string[] = [];
  for (const line of conformantLines(lines)) {
    chunk.push(line);
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}
