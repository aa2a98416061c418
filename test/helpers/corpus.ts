// The shared corpus of real notebooks, at ../shared/corpus beside the project (on developer machines and in CI).
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const CORPUS_ROOT = resolve(process.cwd(), '../shared/corpus');
export const CORPUS_NOTEBOOKS = join(CORPUS_ROOT, 'notebooks');

/** Every .ipynb under the corpus, sorted, as absolute paths. */
export function corpusNotebooks(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ipynb')) found.push(full);
    }
  };
  walk(CORPUS_NOTEBOOKS);
  return found.sort();
}

/** A corpus notebook's name as the snapshot and reports show it: relative to corpus/notebooks. */
export function corpusName(path: string): string {
  return relative(CORPUS_NOTEBOOKS, path);
}
