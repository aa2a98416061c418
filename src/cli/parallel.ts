// Spreads the files of one `nbhygiene check` over the main thread and worker threads, one engine each, and gives
// the outcomes back in file order. The main thread takes files too: a worker costs a V8 isolate's start-up, its own
// engine and its own JIT warm-up, and the main thread has those already while it would otherwise only wait.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckTask, OutcomeOrError } from './check-file';

/** A file to check, or the end of the run (the worker saves its code cache if it had none, then exits). */
export type WorkerRequest = { index: number; task: CheckTask } | { close: true };

export interface WorkerReply {
  index: number;
  outcome: OutcomeOrError;
}

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

/** Lets a worker finish on its own (saving its code cache takes a few milliseconds), stopping it if it does not. */
async function closeWorker(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return; // already gone: its 'exit' will not come again
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage({ close: true } satisfies WorkerRequest);
  const timeout = setTimeout(() => void worker.terminate(), WORKER_CLOSE_TIMEOUT_MS);
  await exited;
  clearTimeout(timeout);
}

/** Checks one file on the main thread; never throws. */
export type CheckHere = (task: CheckTask) => OutcomeOrError;

/** A parallel check started before the tasks are ready: the workers boot while the main thread reads configs. */
export interface ParallelCheck {
  /** Checks the tasks, then lets the workers exit; call once. */
  check(tasks: readonly CheckTask[], onDone: (index: number) => void): Promise<OutcomeOrError[]>;
  /** Stops the workers when no check will follow (something failed before the tasks were ready). */
  stop(): Promise<void>;
}

/** `workers` worker threads plus the main thread, which checks with what `checkHere` resolves to. */
export function startParallelCheck(workers: number, checkHere: Promise<CheckHere>): ParallelCheck {
  return new FileQueue(workers, checkHere);
}

/**
 * Hands out files from one queue, the next as soon as a thread is free. Each worker has two files in hand, so it
 * never waits while the main thread is busy with one of its own; the price is that the file behind a large one in
 * a worker's hand waits for it instead of going to an idle thread.
 */
class FileQueue implements ParallelCheck {
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

  constructor(
    count: number,
    private readonly checkHere: Promise<CheckHere>,
  ) {
    // Noticed from the start: an engine or a worker that fails while the tasks are still being prepared.
    checkHere.catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
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
        if (this.failure) return reject(this.failure);
        if (tasks.length === 0) return resolve();
        for (const worker of this.workers) {
          this.feed(worker);
          this.feed(worker);
        }
        void this.checkOnMainThread();
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

  /** Takes files until none are left, letting the workers' replies in between files. */
  private async checkOnMainThread(): Promise<void> {
    let checkHere: CheckHere;
    try {
      checkHere = await this.checkHere;
    } catch {
      return; // already reported through fail()
    }
    while (this.failure === null && this.next < this.tasks.length) {
      const index = this.next++;
      this.done(index, checkHere(this.tasks[index]!));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private feed(worker: Worker): void {
    if (this.next >= this.tasks.length) return;
    const index = this.next++;
    worker.postMessage({ index, task: this.tasks[index]! } satisfies WorkerRequest);
  }

  private received(worker: Worker, reply: WorkerReply): void {
    this.done(reply.index, reply.outcome);
    this.feed(worker);
  }

  private done(index: number, outcome: OutcomeOrError): void {
    this.outcomes[index] = outcome;
    this.finished++;
    this.onDone(index);
    if (this.finished === this.tasks.length) this.settle?.resolve();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.settle?.reject(this.failure);
  }
}
