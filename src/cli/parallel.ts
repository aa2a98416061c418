// Spreads the files of one `nbhygiene check` over worker threads, one engine each, and gives the outcomes back in
// file order. On a 2-core machine this is what keeps a whole corpus under a second.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckOutcome, CheckTask } from './check-file';

/** A file to check, or the end of the run (the worker saves its code cache if it had none, then exits). */
export type WorkerRequest = { index: number; task: CheckTask } | { close: true };

export type WorkerReply = { index: number; outcome: CheckOutcome } | { index: number; error: string };

/** Below this many files the start-up of the workers costs more than it saves. */
export const PARALLEL_MIN_FILES = 16;

/** A worker that has not exited this long after being asked to close is stopped. */
const WORKER_CLOSE_TIMEOUT_MS = 2000;

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

/** Lets a worker finish on its own (saving its code cache takes a few milliseconds), stopping it if it does not. */
async function closeWorker(worker: Worker): Promise<void> {
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage({ close: true } satisfies WorkerRequest);
  const timeout = setTimeout(() => void worker.terminate(), WORKER_CLOSE_TIMEOUT_MS);
  await exited;
  clearTimeout(timeout);
}

/** Worker threads started before the tasks are ready: they boot while the main thread reads configs and projects. */
export interface CheckWorkers {
  /** Checks the tasks, then lets the workers exit; call once. */
  check(tasks: readonly CheckTask[], onDone: (index: number) => void): Promise<OutcomeOrError[]>;
  /** Stops the workers when no check will follow (something failed before the tasks were ready). */
  stop(): Promise<void>;
}

export function startCheckWorkers(count: number): CheckWorkers {
  return new CheckWorkerPool(count);
}

/** Hands each worker one file at a time, the next as soon as it answers, so a large notebook holds up no one else. */
class CheckWorkerPool implements CheckWorkers {
  private readonly workers: Worker[];
  private tasks: readonly CheckTask[] = [];
  private outcomes: OutcomeOrError[] = [];
  private next = 0;
  private finished = 0;
  private onDone: (index: number) => void = () => {};
  private settle: { resolve(): void; reject(error: Error): void } | null = null;
  private failure: Error | null = null;
  /** Set once the workers are asked to go: their exits are expected from then on. */
  private leaving = false;

  constructor(count: number) {
    // Listeners from the start: a worker that fails while the tasks are still being prepared must not go unnoticed.
    this.workers = Array.from({ length: count }, () => {
      const worker = new Worker(workerEntry());
      worker.on('message', (reply: WorkerReply) => this.received(worker, reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.leaving) this.fail(new Error(`a check worker stopped with exit code ${code}`));
      });
      return worker;
    });
  }

  async check(tasks: readonly CheckTask[], onDone: (index: number) => void): Promise<OutcomeOrError[]> {
    this.tasks = tasks;
    this.outcomes = new Array(tasks.length);
    this.onDone = onDone;
    try {
      await new Promise<void>((resolve, reject) => {
        this.settle = { resolve, reject };
        if (this.failure) reject(this.failure);
        else if (tasks.length === 0) resolve();
        else for (const worker of this.workers) this.feed(worker);
      });
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.leaving = true;
    await Promise.all(this.workers.map(closeWorker));
    return this.outcomes;
  }

  async stop(): Promise<void> {
    this.leaving = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private feed(worker: Worker): void {
    if (this.next >= this.tasks.length) return;
    const index = this.next++;
    worker.postMessage({ index, task: this.tasks[index]! } satisfies WorkerRequest);
  }

  private received(worker: Worker, reply: WorkerReply): void {
    this.outcomes[reply.index] = 'error' in reply ? { kind: 'error', message: reply.error } : reply.outcome;
    this.finished++;
    this.onDone(reply.index);
    if (this.finished === this.tasks.length) this.settle?.resolve();
    else this.feed(worker);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.settle?.reject(this.failure);
  }
}
