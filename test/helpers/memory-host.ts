// A Host over an in-memory map of files: folders are implied by the paths ('/p/a/b.txt' makes '/p' and '/p/a').
import type { Host } from '../../src/core/host';

export interface MemoryHost extends Host {
  files: Map<string, string>;
  /** How many readFile/listDir calls were made (for cache tests). */
  calls: number;
}

export function memoryHost(files: Record<string, string>): MemoryHost {
  const map = new Map(Object.entries(files));
  const host: MemoryHost = {
    files: map,
    calls: 0,
    async readFile(path) {
      host.calls++;
      return map.get(path) ?? null;
    },
    async listDir(path) {
      host.calls++;
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const names = new Set<string>();
      for (const file of map.keys()) {
        if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0]!);
      }
      return names.size > 0 ? [...names].sort() : null;
    },
  };
  return host;
}
