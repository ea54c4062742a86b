/**
 * `evs-workbench conform LOG [--format workbench|cloudtrail|cts] [--json] [--max-violations N]`:
 * checks a recorded event log (JSON Lines; `-` reads stdin), or an AWS
 * CloudTrail / OTC CTS trail translated into log lines
 * (src/conform/formats), against the model. Exit 0 when the log conforms,
 * 1 when it does not, 2 when it cannot be read (the message names the line
 * or record and what to fix).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { formatVerdict, formatViolation, reportToJson } from '../../conform/format-report.ts';
import { CONFORM_INPUT_CODES } from '../../conform/log-line.ts';
import { conformStream, DEFAULT_MAX_VIOLATIONS } from '../../conform/run-conform.ts';
import { conformTrail } from '../../conform/formats/conform-trail.ts';
import { formatTrailVerdict, formatTrailViolation, trailReportToJson } from '../../conform/formats/format-trail-report.ts';
import { FORMAT_TITLES, parseInputFormat, type TrailFormatName } from '../../conform/formats/trail-format.ts';
import { EXIT, type CliIo, type Command, type ExitCode } from '../io.ts';

export const CONFORM_USAGE = `evs-workbench conform LOG [--format workbench|cloudtrail|cts] [--json] [--max-violations N]

Checks a recorded event log (JSON Lines, one event per line; LOG may be - for stdin)
against the model: every success must be one the model allows, every refusal one it
requires, with the same error code. Prints one line per violation and a verdict.
  --format F           workbench (default): our own log lines;
                       cloudtrail: AWS CloudTrail records ({"Records": [...]} as delivered
                         to S3, lookup-events output, or one record per line);
                       cts: Open Telekom Cloud CTS traces (JSON array, {"traces": [...]},
                         or one trace per line).
                       Trail records are translated into log lines (volumes, snapshots,
                       key lifecycle); other records are skipped and counted. Reads and
                       writes of a disk are data-plane operations that neither trail
                       records, so they are never checked from a trail. Documents are
                       parsed whole (at most 64 MiB) and sorted by time; one record per
                       line is streamed and must be in time order.
  --json               print {"conformant", "events", "violations": [...]} instead
                       (with --format cloudtrail|cts also "records", "skipped", ...)
  --max-violations N   list at most N violations (all are counted; default ${DEFAULT_MAX_VIOLATIONS})
Exit: 0 conformant, 1 not conformant, 2 unreadable log or bad arguments.`;

export interface ConformDeps {
  /** The standard input, for LOG = `-`. */
  readonly stdin: () => Readable;
}

function usage(message: string, fix: string): WorkbenchError {
  return new WorkbenchError({ code: CONFORM_INPUT_CODES.badOption, message, fix });
}

function parseMax(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_VIOLATIONS;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw usage(`--max-violations ${text} is not a positive whole number.`, 'Pass --max-violations N with N >= 1, e.g. --max-violations 20.');
  }
  return n;
}

async function openLog(path: string, cwd: string, deps: ConformDeps): Promise<{ input: Readable; source: string }> {
  if (path === '-') return { input: deps.stdin(), source: 'stdin' };
  const full = resolve(cwd, path);
  const info = await stat(full).catch((e: unknown) => {
    throw new WorkbenchError({
      code: CONFORM_INPUT_CODES.cannotOpen,
      message: `cannot read the log ${path}: ${e instanceof Error ? e.message : String(e)}.`,
      fix: 'Pass the path of an existing JSON Lines log (or - to read stdin).',
      cause: e,
    });
  });
  if (!info.isFile()) {
    throw new WorkbenchError({ code: CONFORM_INPUT_CODES.cannotOpen, message: `${path} is not a file.`, fix: 'Pass the path of a JSON Lines log file.' });
  }
  return { input: createReadStream(full, { encoding: 'utf8', highWaterMark: 1 << 16 }), source: path };
}

export function createConformCommand(deps: ConformDeps): Command {
  return {
    name: 'conform',
    summary: 'Check a recorded event log (JSON Lines) against the model',
    usage: CONFORM_USAGE,
    async run(args, io) {
      // node:util directly, not main.ts's helper: importing main.ts from a command is an import cycle (main -> commands -> here).
      const { values, positionals } = parseArgs({
        args: [...args],
        options: { json: { type: 'boolean' }, 'max-violations': { type: 'string' }, format: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      });
      if (positionals.length !== 1 || positionals[0] === undefined) {
        throw usage(
          positionals.length === 0 ? 'conform needs the log to check.' : `conform checks one log; got ${positionals.length}: ${positionals.join(' ')}.`,
          'Run `evs-workbench conform LOG` with one file, or - for stdin.',
        );
      }
      const max = parseMax(values['max-violations']);
      const json = values.json === true;
      const format = parseInputFormat(values.format);
      const { input, source } = await openLog(positionals[0], io.cwd, deps);
      if (format !== 'workbench') return runTrail(format, input, source, { max, json }, io);
      const report = await conformStream(input, source, {
        maxViolations: max,
        ...(json ? {} : { onViolation: (v) => void io.stdout.write(`${formatViolation(v)}\n`) }),
      });
      io.stdout.write(json ? `${JSON.stringify(reportToJson(report), null, 2)}\n` : `${formatVerdict(report)}\n`);
      return report.conformant ? EXIT.ok : EXIT.failed;
    },
  };
}

/** A CloudTrail or CTS trail: translated into log lines, judged by the same monitor. */
async function runTrail(format: TrailFormatName, input: Readable, source: string, opts: { max: number; json: boolean }, io: CliIo): Promise<ExitCode> {
  const report = await conformTrail(format, input, source, {
    maxViolations: opts.max,
    ...(opts.json ? {} : { onViolation: (v, where) => void io.stdout.write(`${formatTrailViolation(v, where)}\n`) }),
  });
  io.stdout.write(opts.json ? `${JSON.stringify(trailReportToJson(report), null, 2)}\n` : `${formatTrailVerdict(FORMAT_TITLES[format], report)}\n`);
  return report.conformant ? EXIT.ok : EXIT.failed;
}

export const conformCommand: Command = createConformCommand({ stdin: () => process.stdin });
