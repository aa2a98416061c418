// The core's Host on Node's file system, for the CLI.
import { readdir, readFile } from 'node:fs/promises';
import type { Host } from '../core/host';

export const NODE_HOST: Host = {
  async readFile(path) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return null;
    }
  },
  async listDir(path) {
    try {
      return await readdir(path);
    } catch {
      return null;
    }
  },
};
