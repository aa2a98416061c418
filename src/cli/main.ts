// Entry point of the `nbhygiene` command (bundled to dist/cli.js). The work is in run.ts, which tests call in-process.
import { nodeIO, runCli } from './run';

runCli(process.argv.slice(2), nodeIO()).then(
  (code) => {
    // exitCode rather than exit(): lets a piped stdout drain before the process ends.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`nbhygiene: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
