// The commands beside `check`, each in its own file under src/cli/commands/: one line here adds one.
import { scaffoldCommand } from './commands/scaffold';
import type { CliIO } from './run';
import { extractCommand } from './commands/extract';
import { fixCommand } from './commands/fix';
import { reportCommand } from './commands/report';
import { verifyCommand } from './commands/verify';

export interface Subcommand {
  /** One line for `nbhygiene --help`: `extract NOTEBOOK --cells 3,5-6   move cells into a tested module`. */
  synopsis: string;
  /** Parses its own arguments (after the command name); returns the exit code (2 for usage errors). */
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

export const SUBCOMMANDS: Record<string, Subcommand> = {
  report: reportCommand,
  fix: fixCommand,
  extract: extractCommand,
  scaffold: scaffoldCommand,
  verify: verifyCommand,
};
