import type { Command } from './io.ts';

/**
 * The registry of subcommands. Each command lives in its own folder under
 * src/cli/ and exports one `Command`; add it here.
 */
export const commands: readonly Command[] = [];
