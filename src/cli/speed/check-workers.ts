// The worker threads of `nbhygiene check`: how many, and where their entry is.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

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
