// What a worker thread of `nbhygiene check` does: its own engine, checking the run's files one after another as it
// takes them from the shared counter (see parallel.ts). check-worker.ts loads this bundle (dist/check-service.js)
// from a code cache and calls `serve`.
import type { MessagePort } from 'node:worker_threads';
import { createEngine } from '../../core/engine';
import { checkEngineOptions, checkFile, readFileFromDisk } from '../check-file';
import type { WorkerReply, WorkerRequest } from './parallel';
import { SharedFileCounter } from './shared-file-counter';
import { withWasmCompiledOnThisThread } from './wasm-compile';

/** Checks files for the run parallel.ts sends on `port` until it asks the worker to close; `beforeClose` runs first. */
export async function serve(port: MessagePort, beforeClose: () => void): Promise<void> {
  const engine = await withWasmCompiledOnThisThread(async () => createEngine(await checkEngineOptions()));
  // One request after another: a close waits until the files being checked are done.
  let checking = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    checking = checking.then(async () => {
      if ('close' in request) {
        beforeClose();
        port.close();
        return;
      }
      const counter = new SharedFileCounter(request.next);
      for (let index = counter.take(); index < request.tasks.length; index = counter.take()) {
        const outcome = await checkFile(engine, request.tasks[index]!, readFileFromDisk);
        port.postMessage({ index, outcome } satisfies WorkerReply);
      }
    });
  });
}
