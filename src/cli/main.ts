// Entry point of the `nbhygiene` command (bundled to dist/cli.js). The work is in run.ts, which tests call in-process.
import { setFlagsFromString } from 'node:v8';
import { nodeIO, runCli } from './run';

// A check is a short run: V8's default makes it optimise hundreds of functions in the first few hundred
// milliseconds, and on a 2-core machine those compiles (one set per worker thread) take the cores the checks need.
// A larger budget lets fewer, hotter functions be optimised: the corpus's 126 notebooks check ~20% faster.
// Tiering is the only thing this flag changes; it applies to the worker threads too (V8 flags are per process).
setFlagsFromString('--interrupt-budget=600000');

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
