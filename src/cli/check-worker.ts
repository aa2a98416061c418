// A worker thread of `nbhygiene check`: its own engine, files handed to it one at a time by parallel.ts.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { createEngine } from '../core/engine';
import { checkFile, type CheckTask } from './check-file';
import type { WorkerReply, WorkerRequest } from './parallel';
import { findWasmPaths } from './wasm-paths';

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('check-worker must run in a worker thread');
  const engine = await createEngine(findWasmPaths());
  port.on('message', (request: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = { index: request.index, outcome: checkFile(engine, request.task as CheckTask, (path) => readFileSync(path, 'utf8')) };
    } catch (error) {
      reply = { index: request.index, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true });
}

void serve();
