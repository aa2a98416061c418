// Entry of the `nbhygiene` command (dist/cli.js): runs the command's bundle, dist/cli-main.js, from the V8 code
// cache beside it (see speed/code-cache.ts), and writes that cache as the process exits if it had to compile.
import { join } from 'node:path';
import { requireWithCodeCache } from './speed/code-cache';
import { tuneV8ForShortRuns } from './speed/v8-flags';

tuneV8ForShortRuns();
const bundle = join(__dirname, 'cli-main.js');
try {
  const main = requireWithCodeCache(bundle, require);
  process.on('exit', () => main.saveCache());
} catch (error) {
  process.stderr.write(
    `nbhygiene: cannot load ${bundle}: ${error instanceof Error ? error.message : String(error)}; reinstall nbhygiene\n`,
  );
  process.exitCode = 2;
}
