// The `nbhygiene` command (bundled to dist/cli-main.js, which dist/cli.js runs from its code cache; tests run this
// file under tsx). The work is in run.ts, which tests call in-process.
import { nodeIO, runCli } from './run';
import { tuneV8ForShortRuns } from './speed/v8-flags';

// Already done by dist/cli.js before this bundle was compiled; here for the runs of this file under tsx.
tuneV8ForShortRuns();

// `nbhygiene check | head`: once the reader is gone the rest of the report has nowhere to go, which is no error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

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
