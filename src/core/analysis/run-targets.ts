// `%run helpers.py` (or a notebook) whose file the project loader read: the cell binds the names the file defines at
// its top level, at the `%run`, instead of making every later unknown name "maybe defined". A file nobody read
// (missing, outside the project, `-m module`) keeps the conservative 'star'.
import { loadNotebook } from '../notebook/load';
import { isPythonLanguage } from '../notebook/language';
import type { Escape } from '../python/escapes';
import { isRunMagic, runFileCandidates, runTarget, runsAsNotebook } from '../python/run-magic';
import { withEvents, type CellAnalysis, type CellAnalysisCache } from './cell-analysis';
import type { CellEvent } from './facts';
import type { CodeCell } from './notebook-model';

/** The files `%run` lines run, as the project context carries them, and the folder their paths are relative to. */
export interface RunFiles {
  /** The kernel's working directory: the notebook's folder. */
  folder: string;
  /** Text by path (deps/run-files.ts). */
  files: Readonly<Record<string, string>>;
}

/** What running a file leaves in the namespace: its top-level names; `complete` false when it may leave others. */
interface RunNames {
  names: Set<string>;
  complete: boolean;
}

/** Mirrors deps/run-files.ts MAX_RUN_DEPTH: a file deeper than the loader read is unknown. */
const MAX_DEPTH = 4;

/** `%cd`, `%pushd` or os.chdir anywhere: a relative `%run` path may not be relative to the notebook's folder. */
function changesDirectory(codeCells: CodeCell[]): boolean {
  return codeCells.some(
    ({ cell, analysis }) =>
      cell.source.includes('chdir') ||
      analysis.scanned.escapes.some(
        (escape) => (escape.kind === 'line-magic' || escape.kind === 'automagic') && /^(cd|pushd)$/.test(escape.name),
      ),
  );
}

function sameStart(escape: Escape, event: CellEvent): boolean {
  return (
    escape.range.start.line === event.range.start.line && escape.range.start.character === event.range.start.character
  );
}

class RunResolver {
  private readonly known = new Map<string, RunNames | null>();

  constructor(
    private readonly runFiles: RunFiles,
    private readonly cache: CellAnalysisCache,
  ) {}

  /** The names a `%run` with these arguments defines; null when its file is not known. */
  namesOf(args: string, depth: number, running: Set<string>): RunNames | null {
    const target = runTarget(args);
    if (target === null || depth > MAX_DEPTH) return null;
    const path = runFileCandidates(this.runFiles.folder, target).find((candidate) => candidate in this.runFiles.files);
    if (path === undefined || running.has(path)) return null;
    if (!this.known.has(path)) this.known.set(path, this.read(path, depth, new Set([...running, path])));
    return this.known.get(path)!;
  }

  private read(path: string, depth: number, running: Set<string>): RunNames | null {
    const text = this.runFiles.files[path]!;
    if (!runsAsNotebook(path))
      return this.namesBound([this.cache.get(text, { postponedAnnotations: false })], depth, running);
    const notebook = loadNotebook(text, path).notebook;
    if (!notebook || !isPythonLanguage(notebook.language)) return null;
    const cells = notebook.cells.filter((cell) => cell.kind === 'code');
    return this.namesBound(
      cells.map((cell) => this.cache.get(cell.source, { postponedAnnotations: false })),
      depth,
      running,
    );
  }

  /** The top-level names the cells leave bound, in order: a `del` removes one, a star import makes the set open. */
  private namesBound(analyses: CellAnalysis[], depth: number, running: Set<string>): RunNames {
    const names = new Set<string>();
    let complete = true;
    for (const { scanned, facts } of analyses) {
      for (const event of facts.events) {
        if (event.kind === 'bind') {
          names.add(event.name);
          // A `global` in a function binds when it is called: counting it defined only keeps a finding back.
          for (const bound of event.callable?.globalBinds ?? []) names.add(bound.name);
        } else if (event.kind === 'delete') {
          names.delete(event.name);
        } else if (event.kind === 'star') {
          const run =
            event.reason === '%run' ? scanned.escapes.find((e) => isRunMagic(e) && sameStart(e, event)) : null;
          const inner = run ? this.namesOf(run.args, depth + 1, running) : null;
          if (inner) for (const name of inner.names) names.add(name);
          if (!inner?.complete) complete = false;
        }
      }
    }
    return { names, complete };
  }

  /** The cell's events with each known `%run` turned into binds of its file's names (and a star if it has more). */
  resolveCell(codeCell: CodeCell): CodeCell {
    const { analysis } = codeCell;
    const runs = analysis.scanned.escapes.filter(isRunMagic);
    if (runs.length === 0) return codeCell;
    const events: CellEvent[] = [];
    let changed = false;
    for (const event of analysis.facts.events) {
      const run = event.kind === 'star' && event.reason === '%run' ? runs.find((e) => sameStart(e, event)) : undefined;
      const resolved = run ? this.namesOf(run.args, 1, new Set()) : null;
      if (!resolved) {
        events.push(event);
        continue;
      }
      changed = true;
      // Bound without their bodies: the file's functions read the file's names, not the notebook's.
      for (const name of [...resolved.names].sort()) events.push({ kind: 'bind', name, range: event.range });
      if (!resolved.complete) events.push(event);
    }
    return changed ? { cell: codeCell.cell, analysis: withEvents(analysis, events) } : codeCell;
  }
}

/** The code cells with every `%run` of a known file resolved to the names it defines. */
export function resolveRunMagics(codeCells: CodeCell[], runFiles: RunFiles, cache: CellAnalysisCache): CodeCell[] {
  if (Object.keys(runFiles.files).length === 0 || changesDirectory(codeCells)) return codeCells;
  const resolver = new RunResolver(runFiles, cache);
  return codeCells.map((codeCell) => resolver.resolveCell(codeCell));
}
