import { parseArgs } from 'node:util';
import { WorkbenchError } from '../errors/workbench-error.ts';
import { commands } from './commands.ts';
import { EXIT, type CliIo, type ExitCode } from './io.ts';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'evs-workbench: model-driven verification of encrypted EVS disks (XTS-AES-256 + KMS, Table 1).',
    '',
    'usage: evs-workbench <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'Run `evs-workbench <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

/** The CLI entry: parses the command name, runs it, and is the only place that decides the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    io.stdout.write('evs-workbench 0.1.0\n');
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`evs-workbench: unknown command '${name}'. Known commands: ${commands.map((c) => c.name).join(', ')}.\nRun \`evs-workbench --help\` for a list.\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`usage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof WorkbenchError) {
      io.stderr.write(`evs-workbench ${name}: ${e.describe()}\n`);
      return e.code.startsWith('CLI.') || e.code.startsWith('CONFIG.') ? EXIT.usage : EXIT.failed;
    }
    if (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`evs-workbench ${name}: ${e.message}\nusage: ${command.usage}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

/** Shared strict option parsing for commands: unknown options are usage errors (exit 2). */
export function parseCommandArgs<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(
  args: readonly string[],
  options: T,
  allowPositionals = true,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>> {
  return parseArgs({ args: [...args], options, allowPositionals, strict: true });
}
