// Spreads the files of one `nbhygiene check` over worker threads, one engine each, and gives the outcomes back in
// file order. On a 2-core machine this is what keeps a whole corpus under a second.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckOutcome, CheckTask } from './check-file';

export interface WorkerRequest {
  index: number;
  task: CheckTask;
}

export type WorkerReply = { index: number; outcome: CheckOutcome } | { index: number; error: string };

/** Below this many files the start-up of the workers costs more than it saves. */
export const PARALLEL_MIN_FILES = 16;

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

function workerEntry(): string {
  return join(__dirname, 'check-worker.js');
}

export type OutcomeOrError = CheckOutcome | { kind: 'error'; message: string };

export async function checkInWorkers(
  tasks: readonly CheckTask[],
  jobs: number,
  onDone: (index: number) => void,
): Promise<OutcomeOrError[]> {
  const outcomes: OutcomeOrError[] = new Array(tasks.length);
  let next = 0;
  let finished = 0;
  const workers = Array.from({ length: Math.min(jobs, tasks.length) }, () => new Worker(workerEntry()));
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (next < tasks.length) {
          const index = next++;
          worker.postMessage({ index, task: tasks[index]! } satisfies WorkerRequest);
        }
      };
      for (const worker of workers) {
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (finished < tasks.length) reject(new Error(`a check worker stopped with exit code ${code}`));
        });
        worker.on('message', (message: WorkerReply | { ready: true }) => {
          if ('index' in message) {
            outcomes[message.index] = 'error' in message ? { kind: 'error', message: message.error } : message.outcome;
            finished++;
            onDone(message.index);
            if (finished === tasks.length) resolve();
          }
          feed(worker);
        });
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes;
}
