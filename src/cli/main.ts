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

/** Calls `then` once everything written to the stream so far has been handed to the system. */
function afterWrites(stream: NodeJS.WriteStream, then: () => void): void {
  // Writes complete in order, so an empty write's callback comes after every earlier one's.
  stream.write('', then);
}

runCli(process.argv.slice(2), nodeIO()).then(
  (code) => {
    process.exitCode = code;
    // The run is over. A piped stdout is written asynchronously: exit only once it has drained, and then at once,
    // without Node's teardown of the heap and the isolate (10-20 ms after a corpus check, freeing what the OS frees
    // anyway). exit() still runs the 'exit' handlers (dist/cli.js saves its code cache in one).
    afterWrites(process.stdout, () => afterWrites(process.stderr, () => process.exit(code)));
  },
  (error: unknown) => {
    process.stderr.write(`nbhygiene: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
