// What a worker thread of `nbhygiene check` does: its own engine, checking the files parallel.ts hands it in turn. check-worker.ts loads this bundle (dist/check-service.js) from a code cache and calls `serve`.
import type { MessagePort } from 'node:worker_threads';
import { createEngine } from '../core/engine';
import { checkEngineOptions, checkFile, readTextFileFromDisk } from './check-file';
import type { WorkerReply, WorkerRequest } from './parallel';

/** Answers check requests on `port` until parallel.ts asks it to close; `beforeClose` runs first. */
export async function serve(port: MessagePort, beforeClose: () => void): Promise<void> {
  const engine = await createEngine(checkEngineOptions());
  port.on('message', (request: WorkerRequest) => {
    if ('close' in request) {
      beforeClose();
      port.close();
      return;
    }
    const reply: WorkerReply = { index: request.index, outcome: checkFile(engine, request.task, readTextFileFromDisk) };
    port.postMessage(reply);
  });
}
