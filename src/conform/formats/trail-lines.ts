import { WorkbenchError } from '../../errors/workbench-error.ts';
import type { LogLine } from '../log-line.ts';
import { formatLogTime } from '../log-time.ts';
import type { TrailRecord } from './read-records.ts';
import type { RecordTranslator, SkipReason, TrailFormatSpec } from './trail-format.ts';

/**
 * Turns the records of a trail into log lines for the monitor: translates
 * each record (zero or one line), numbers the lines (`seq` 1, 2, …), and
 * counts what was skipped and why. A malformed record of a translated
 * event stops the run with a `WorkbenchError` (CLI.04xx, exit 2) naming the
 * record and the field.
 *
 * Before the first translated line it adds one `grantKmsAccess` line (the
 * trail's account or project, same time and position as that line): the
 * model refuses encrypted disks until KMS access is granted to the volume
 * service. AWS EBS has no such grant (EBS uses KMS through the key policy
 * and grants it creates per volume), and on OTC the EVS agency is created
 * once per project, usually long before the trail starts; neither appears
 * as an event the model could read. The line only opens the model's gate.
 */
export interface TrailStats {
  /** Records read. */
  readonly records: number;
  /** Records that became a log line. */
  readonly translated: number;
  readonly skipped: number;
  readonly skippedByReason: Readonly<Partial<Record<SkipReason, number>>>;
  /** Untranslated events seen that change volumes or keys the model tracks (distinct, at most 20). */
  readonly stateChanging: readonly string[];
  /** Lines added that no record gave (the grantKmsAccess at the start). */
  readonly synthetic: number;
}

const MAX_LISTED = 20;

export class TrailTranslation {
  private readonly translator: RecordTranslator;
  private records = 0;
  private translated = 0;
  private synthetic = 0;
  private readonly skips = new Map<SkipReason, number>();
  private readonly stateChanging = new Set<string>();

  constructor(
    private readonly spec: TrailFormatSpec,
    private readonly source: string,
  ) {
    this.translator = spec.createTranslator();
  }

  async *lines(records: AsyncIterable<TrailRecord>): AsyncGenerator<LogLine> {
    let seq = 0;
    for await (const r of records) {
      this.records += 1;
      const t = this.translator.translate(r.record, r.position);
      if (t.kind === 'bad') {
        throw new WorkbenchError({ code: t.code, message: `${this.source}: ${r.where}: ${t.message}`, fix: t.fix, data: { record: r.where, line: r.position } });
      }
      if (t.kind === 'skip') {
        this.skips.set(t.reason, (this.skips.get(t.reason) ?? 0) + 1);
        if (t.reason === 'changes-state' && this.stateChanging.size < MAX_LISTED) this.stateChanging.add(t.name);
        continue;
      }
      const time = formatLogTime(t.timeMs);
      if (seq === 0) {
        const project = this.spec.projectOf(r.record) ?? this.spec.name;
        this.synthetic += 1;
        seq += 1;
        yield { op: 'grantKmsAccess', project, securityAdmin: true, lineNumber: r.position, seq, time, timeMs: t.timeMs, result: 'ok', error: null };
      }
      this.translated += 1;
      seq += 1;
      yield Object.assign({ ...t.op }, { lineNumber: r.position, seq, time, timeMs: t.timeMs, result: t.result, error: t.error });
    }
  }

  stats(): TrailStats {
    const skippedByReason = Object.fromEntries(this.skips) as Partial<Record<SkipReason, number>>;
    const skipped = [...this.skips.values()].reduce((a, b) => a + b, 0);
    return { records: this.records, translated: this.translated, skipped, skippedByReason, stateChanging: [...this.stateChanging], synthetic: this.synthetic };
  }
}
