import type { Command } from './io.ts';
import { checkCommand } from './check/check-command.ts';
import { verifyCommand } from './verify/verify-command.ts';
import { xtsCommand } from './xts/xts-command.ts';
import { diagramsCommand } from './diagrams/diagrams-command.ts';
import { conformCommand } from './conform/conform-command.ts';
import { verifyBundleCommand } from './verify-bundle/verify-bundle-command.ts';

/**
 * The registry of subcommands. Each command lives in its own folder under
 * src/cli/ and exports one `Command`; add it here.
 */
export const commands: readonly Command[] = [verifyCommand, checkCommand, xtsCommand, diagramsCommand, conformCommand, verifyBundleCommand];
