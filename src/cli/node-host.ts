// The core's Host on Node's file system, for the CLI. Synchronous underneath: the command has nothing else to do
// while it waits, and a read handed to libuv's thread pool waited there behind the worker threads' start-up (a
// pyproject.toml took 21 ms; the main thread sat idle for ~80 ms before its first check).
import { readdirSync, readFileSync } from 'node:fs';
import type { Host } from '../core/host';

export const NODE_HOST: Host = {
  async readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
  async listDir(path) {
    try {
      return readdirSync(path);
    } catch {
      return null;
    }
  },
};
