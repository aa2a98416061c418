// The worker threads of `nbhygiene check`: how many, where their entry is, and starting them before the command's
// bundle has even loaded. A worker boots in ~50 ms on an idle machine but took 150–250 ms once the main thread was
// checking files beside it (its start-up competes with that thread's JIT and garbage collection), so for a check of
// a folder with the default jobs dist/cli.js starts them first thing and parallel.ts takes them over. dist/cli.js
// and dist/cli-main.js are separate bundles with separate copies of this module, so the started workers wait in a
// process-wide registry (Symbol.for) rather than in a module variable.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { CLI_OPTIONS, DEFAULT_CHECK_PATHS } from '../cli-options';

const REGISTRY = Symbol.for('nbhygiene.prestartedCheckWorkers');

type Registry = { [REGISTRY]?: Worker[] };

export function defaultJobs(): number {
  return Math.min(availableParallelism(), 4);
}

/**
 * Workers load dist/check-worker.js beside the bundled cli.js. Run from source (tests under tsx), there is no
 * such file and a worker could not load TypeScript, so checking stays on the main thread there.
 */
export function workersAvailable(): boolean {
  return __filename.endsWith('.js');
}

export function startCheckWorker(): Worker {
  return new Worker(join(__dirname, 'check-worker.js'));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether the command line is a `check` with the default number of jobs of at least one folder (the current one
 * when no path is given). A folder usually holds enough notebooks for workers, while a list of files (what
 * pre-commit passes) is usually short. With `--jobs` the command starts its workers once it knows the files; a
 * command line the command will refuse starts none.
 */
export function wantsDefaultWorkers(argv: readonly string[], folder: (path: string) => boolean = isFolder): boolean {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: CLI_OPTIONS });
  } catch {
    return false;
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'check' || values.jobs !== undefined || values.help || values.version) return false;
  const paths = positionals.length > 1 ? positionals.slice(1) : DEFAULT_CHECK_PATHS;
  return paths.some(folder);
}

/**
 * Starts the workers a `check` with the default jobs would use. They do not keep the process alive until taken.
 * The command takes them in the same turn of the event loop (nothing is awaited between dist/cli.js and the
 * decision to check in parallel), so a worker that fails at start-up fails the check like any worker does; should
 * one ever be gone before it is taken, it is left out and the check starts a fresh one in its place.
 */
export function prestartCheckWorkers(argv: readonly string[]): void {
  if (!wantsDefaultWorkers(argv) || !workersAvailable()) return;
  const workers = Array.from({ length: defaultJobs() - 1 }, () => {
    const worker = startCheckWorker();
    worker.unref();
    worker.on('error', () => {}); // an 'error' before the check listens would end the process; see takePrestartedWorkers
    return worker;
  });
  (globalThis as Registry)[REGISTRY] = workers;
}

/** Up to `count` prestarted workers that have not exited; the rest are stopped. Later calls get none. */
export function takePrestartedWorkers(count: number): Worker[] {
  const registry = globalThis as Registry;
  const started = registry[REGISTRY] ?? [];
  delete registry[REGISTRY];
  const running = started.filter((worker) => worker.threadId !== -1);
  for (const worker of running.slice(count)) void worker.terminate();
  const taken = running.slice(0, count);
  for (const worker of taken) {
    worker.removeAllListeners('error');
    worker.ref();
  }
  return taken;
}
