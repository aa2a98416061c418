// Entry of the `nbhygiene` command (dist/cli.js): runs the command's bundle, dist/cli-main.js, from the V8 code
// cache beside it (see code-cache.ts), and writes that cache as the process exits if it had to compile.
import { join } from 'node:path';
import { requireWithCodeCache } from './code-cache';
import { tuneV8ForShortRuns } from './v8-flags';

tuneV8ForShortRuns();
const main = requireWithCodeCache(join(__dirname, 'cli-main.js'), require);
process.on('exit', () => main.saveCache());
