// src/cli/speed: what makes `nbhygiene check` fast, and nothing else (the command works the same without any of it:
// one thread, compiled from source, decoded by Node). This file spreads the files of one check over the main thread
// and worker threads, one engine each, and gives the outcomes back in file order. The whole flow:
//
//   dist/cli.js (../bin.ts)
//     v8-flags.ts            raise V8's interrupt budget before anything compiles: fewer, hotter optimisations
//     code-cache.ts          run dist/cli-main.js from the V8 code cache beside it (written at exit if missing)
//   dist/cli-main.js (../main.ts → ../run.ts)
//     parallel.ts            ≥ 16 files and > 1 job: start jobs-1 workers (check-workers.ts) while the configs are
//                            read; each thread takes the next file index from shared-file-counter.ts (one Int32 in
//                            shared memory)
//     wasm-compile.ts        each thread's engine compiles the two .wasm files on its own thread, not V8's queue
//   dist/check-worker.js (check-worker.ts)  in each worker: code-cache.ts runs dist/check-service.js
//     check-service.ts       the worker's engine; checks the files it takes and posts each outcome back
//   ../check-file.ts         on every thread: read the file, cut its PNG images out (image-payloads.ts), decode the
//                            rest (decode-utf8.ts: ASCII blocks copied, the rest decoded), engine.checkLoaded,
//                            findings only
//
// The main thread takes files too: a worker costs a V8 isolate's start-up, its own engine and its own JIT warm-up,
// and the main thread has those already while it would otherwise only wait.
import type { Worker } from 'node:worker_threads';
import type { CheckOutcome, CheckTask } from '../check-file';
import { startCheckWorker } from './check-workers';
import { SharedFileCounter } from './shared-file-counter';

/**
 * Every file of the run with the counter the threads take the next one from, or the end of the run (the worker
 * saves its code cache if it had none, then exits).
 */
export type WorkerRequest = { tasks: readonly CheckTask[]; next: SharedArrayBuffer } | { close: true };

export interface WorkerReply {
  index: number;
  outcome: CheckOutcome;
}

/** Below this many files the start-up of the workers costs more than it saves. */
export const PARALLEL_MIN_FILES = 16;

/** A worker that has not exited this long after being asked to close is stopped. */
const WORKER_CLOSE_TIMEOUT_MS = 2000;

/** Lets a worker finish on its own (saving its code cache takes a few milliseconds), stopping it if it does not. */
async function closeWorker(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return; // already gone: its 'exit' will not come again
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage({ close: true } satisfies WorkerRequest);
  const timeout = setTimeout(() => void worker.terminate(), WORKER_CLOSE_TIMEOUT_MS);
  await exited;
  clearTimeout(timeout);
}

/** Checks one file on the main thread; never rejects. */
export type CheckHere = (task: CheckTask) => Promise<CheckOutcome>;

/** A parallel check started before the tasks are ready: the workers boot while the main thread reads configs. */
export interface ParallelCheck {
  /**
   * Checks the tasks, then asks the workers to exit; call once. Resolves as soon as every outcome is in, while the
   * workers are still exiting (~10 ms), so the results can be written meanwhile: await `closed` after that.
   */
  check(tasks: readonly CheckTask[], onDone: (index: number) => void): Promise<CheckOutcome[]>;
  /** Resolves once the workers have exited, after `check`. */
  closed(): Promise<void>;
  /** Stops the workers when no check will follow (something failed before the tasks were ready). */
  stop(): Promise<void>;
}

/** `workers` worker threads plus the main thread, which checks with what `checkHere` resolves to. */
export function startParallelCheck(workers: number, checkHere: Promise<CheckHere>): ParallelCheck {
  return new FileQueue(workers, checkHere);
}

/**
 * Every thread takes the next file from a shared counter as soon as it is free. An earlier version had the main
 * thread hand out files by message; it only read those messages between its own files, so a worker that finished
 * its files while the main thread was on a large notebook waited for it (~100 ms idle per corpus run).
 */
class FileQueue implements ParallelCheck {
  private readonly workers: Worker[];
  private tasks: readonly CheckTask[] = [];
  private outcomes: CheckOutcome[] = [];
  private readonly counter = new SharedFileCounter();
  private finished = 0;
  private onDone: (index: number) => void = () => {};
  private settle: { resolve(): void; reject(error: Error): void } | null = null;
  private failure: Error | null = null;
  /** Set once the workers are asked to go: their exits are expected from then on. */
  private leaving = false;
  private closing: Promise<unknown> = Promise.resolve();

  constructor(
    count: number,
    private readonly checkHere: Promise<CheckHere>,
  ) {
    // Noticed from the start: an engine or a worker that fails while the tasks are still being prepared.
    checkHere.catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
    this.workers = Array.from({ length: count }, () => {
      const worker = startCheckWorker();
      worker.on('message', (reply: WorkerReply) => this.done(reply.index, reply.outcome));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.leaving) this.fail(new Error(`a check worker stopped with exit code ${code}`));
      });
      return worker;
    });
  }

  async check(tasks: readonly CheckTask[], onDone: (index: number) => void): Promise<CheckOutcome[]> {
    this.tasks = tasks;
    this.outcomes = new Array(tasks.length);
    this.onDone = onDone;
    try {
      await new Promise<void>((resolve, reject) => {
        this.settle = { resolve, reject };
        if (this.failure) return reject(this.failure);
        if (tasks.length === 0) return resolve();
        for (const worker of this.workers)
          worker.postMessage({ tasks, next: this.counter.buffer } satisfies WorkerRequest);
        void this.checkOnMainThread();
      });
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.leaving = true;
    this.closing = Promise.all(this.workers.map(closeWorker));
    return this.outcomes;
  }

  async closed(): Promise<void> {
    await this.closing;
  }

  async stop(): Promise<void> {
    this.leaving = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  /** Takes files until none are left, letting the workers' replies in between files (for progress). */
  private async checkOnMainThread(): Promise<void> {
    let checkHere: CheckHere;
    try {
      checkHere = await this.checkHere;
    } catch {
      return; // already reported through fail()
    }
    for (
      let index = this.counter.take();
      this.failure === null && index < this.tasks.length;
      index = this.counter.take()
    ) {
      this.done(index, await checkHere(this.tasks[index]!));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private done(index: number, outcome: CheckOutcome): void {
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
