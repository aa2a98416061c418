// The worker threads of `nbhygiene check`: how many, where their entry is, and starting them before the command's
// bundle has even loaded when the check is of a folder. A worker boots in ~50 ms on an idle machine but took 150–250 ms once the main thread was
// checking files beside it (its start-up competes with that thread's JIT and garbage collection), so for a plain
// `nbhygiene check` dist/cli.js starts them first thing and parallel.ts takes them over. dist/cli.js and
// dist/cli-main.js are separate bundles with separate copies of this module, so the started workers wait in a
// process-wide registry (Symbol.for) rather than in a module variable.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

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
 * A `check` of a folder with the default number of jobs: a folder usually holds enough notebooks for workers,
 * while a list of files (what pre-commit passes) is usually short, and an unused worker costs ~20 ms to stop. With
 * `--jobs` the command starts its workers once it knows the files. Option values count as paths here; one that
 * names a folder only starts a worker that is then not used.
 */
function wantsDefaultWorkers(argv: readonly string[]): boolean {
  if (argv[0] !== 'check' || argv.some((arg) => arg === '--jobs' || arg.startsWith('--jobs=') || arg.startsWith('-j'))) return false;
  return argv.slice(1).some((arg) => !arg.startsWith('-') && isFolder(arg));
}

/**
 * Starts the workers a `check` with the default jobs would use. They do not keep the process alive, and an error
 * before they are taken only means they are not taken: the check starts fresh ones and reports what happens then.
 */
export function prestartCheckWorkers(argv: readonly string[]): void {
  if (!wantsDefaultWorkers(argv) || !workersAvailable()) return;
  const workers = Array.from({ length: defaultJobs() - 1 }, () => {
    const worker = startCheckWorker();
    worker.unref();
    worker.on('error', () => {}); // noticed below through threadId; an unhandled 'error' would end the process
    return worker;
  });
  (globalThis as Registry)[REGISTRY] = workers;
}

/** Up to `count` prestarted workers that are still running; the rest are stopped. Later calls get none. */
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
