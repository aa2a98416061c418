// The files a notebook's `%run` lines run, read through the Host so the (synchronous) engine can take the names they
// define: `%run helpers.py` then `load()` is no undefined name when helpers.py defines `load`. Read again for every
// check (the editor passes the live cells), so an edited helper or a new `%run` line is seen.
import type { Host } from '../host';
import { loadNotebook } from '../notebook/load';
import { isRunMagic, runFileCandidates, runTarget, runsAsNotebook } from '../python/run-magic';
import { scanCell } from '../python/scanner';

/** How deep `%run` inside a run notebook is followed (IPython has no limit; a chain this deep is rare). */
export const MAX_RUN_DEPTH = 4;

/** A cheap test before parsing a notebook for its `%run` lines: most notebooks have none. */
export const MAYBE_RUN = /(?:%|"|\\n)\s*run\s/;

/** The code cells' sources of a notebook's text; none when it has no `%run` line or does not load. */
export function runCellSources(text: string | null, path: string): string[] {
  if (text === null || !MAYBE_RUN.test(text)) return [];
  const notebook = loadNotebook(text, path).notebook;
  return notebook?.cells.filter((cell) => cell.kind === 'code').map((cell) => cell.source) ?? [];
}

/** Whether the cells run another file with `%run`: the editor checks such a notebook again when a file changes. */
export function runsOtherFiles(cellSources: string[]): boolean {
  return targetsIn(cellSources).length > 0;
}

function targetsIn(sources: string[]): string[] {
  const targets: string[] = [];
  for (const source of sources) {
    if (!source.includes('run')) continue;
    for (const escape of scanCell(source).escapes) {
      const target = isRunMagic(escape) ? runTarget(escape.args) : null;
      if (target !== null) targets.push(target);
    }
  }
  return targets;
}

/**
 * The text of every file the cells' `%run` lines run that exists, by its path (as runFileCandidates spells it), and
 * of the files their own `%run` lines run. `folder` is the kernel's working directory: the notebook's folder, for
 * the `%run` inside a run notebook too (running a notebook does not change directory).
 */
export async function loadRunFiles(host: Host, folder: string, cellSources: string[]): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const tried = new Set<string>();
  const follow = async (sources: string[], depth: number): Promise<void> => {
    for (const target of targetsIn(sources)) {
      for (const path of runFileCandidates(folder, target)) {
        if (tried.has(path)) {
          if (path in files) break;
          continue;
        }
        tried.add(path);
        const text = await host.readFile(path);
        if (text === null) continue;
        files[path] = text;
        if (depth < MAX_RUN_DEPTH) {
          const inner = runsAsNotebook(path) ? runCellSources(text, path) : path.endsWith('.ipy') ? [text] : [];
          await follow(inner, depth + 1);
        }
        break;
      }
    }
  };
  await follow(cellSources, 1);
  return files;
}
