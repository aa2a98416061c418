// Entry of a worker thread of `nbhygiene check` (dist/check-worker.js): runs dist/check-service.js through the
// V8 code cache beside it (see code-cache.ts), and writes that cache when closing if it had to compile.
import { join } from 'node:path';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { requireWithCodeCache } from './code-cache';

const port = parentPort;
if (!port) throw new Error('check-worker must run in a worker thread');
const service = requireWithCodeCache(join(__dirname, 'check-service.js'), require);
const serve = service.exports.serve as (port: MessagePort, beforeClose: () => void) => Promise<void>;
void serve(port, () => service.saveCache());
