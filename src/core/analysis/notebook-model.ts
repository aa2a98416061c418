// The notebook's cross-cell model (what every rule and planner reads), and how a loaded notebook becomes one: the one
// place that decides which cells are analysed and how. dataflow.ts computes the reads.
import { isPythonLanguage } from '../notebook/language';
import type { Cell, Notebook } from '../notebook/notebook';
import type { PythonParser } from '../python/parser';
import { CellAnalysisCache, type CellAnalysis } from './cell-analysis';
import type { Range } from '../types';
import { buildNotebookModel } from './dataflow';
import { resolveRunMagics, type RunFiles } from './run-targets';

export interface CodeCell {
  cell: Cell;
  analysis: CellAnalysis;
}

/** A place in the notebook: a cell and a range in it. */
export interface Site {
  cellIndex: number;
  range: Range;
}

export type ReadStatus =
  | 'defined' // an earlier write reaches it
  | 'predefined' // builtin or IPython name
  | 'maybe' // after a star import, %run, exec(): cannot tell
  | 'used-before-defined' // defined only later: Restart & Run All raises NameError here
  | 'undefined'; // defined nowhere in the notebook (or deleted and never defined again)

export interface ResolvedRead {
  name: string;
  site: Site;
  status: ReadStatus;
  /** The last write before the read in notebook order (status 'defined'). */
  provider?: Site;
  /** The first definition after the read (status 'used-before-defined'). */
  laterDefinition?: Site;
  /** The cell whose `del` removed the name (status 'undefined' after a del). */
  deletedIn?: number;
}

/** A read inside a function body that fails when the function is used before the name exists. */
export interface CallTimeRead {
  name: string;
  /** Where the function (or class) is used at top level. */
  call: Site;
  callee: string;
  /** The read inside the body. */
  bodyRead: Site;
  laterDefinition: Site;
}

/**
 * A read inside a function body that a top-level use of the function performs, resolved at that use in notebook
 * order: `report()` in cell 3 reads `rate` through `def report(): return rate * 2`. NH104 asks when its provider ran.
 */
export interface CallRead {
  name: string;
  /** Where the function (or class) is used at top level. */
  call: Site;
  callee: string;
  /** The last write before the use in notebook order. */
  provider: Site;
}

/** A read inside a function body of a name that nothing in the notebook defines. */
export interface UndefinedBodyRead {
  name: string;
  site: Site;
  callee: string;
}

export interface NotebookModel {
  notebook: Notebook;
  /** Python code cells in notebook order (cells of other languages and %%bash-style cells excluded from dataflow). */
  codeCells: CodeCell[];
  reads: ResolvedRead[];
  callTimeReads: CallTimeRead[];
  /** Body reads of names defined when the function is used (see CallRead). */
  callReads: CallRead[];
  undefinedBodyReads: UndefinedBodyRead[];
  /** Cells that write (bind or update) each name at top level, or through a `global` of a function they call, in notebook order. */
  writers: Map<string, number[]>;
}

// IPython keeps `from __future__` flags for the cells run after it, so one such import affects the whole notebook.
const FUTURE_ANNOTATIONS = /^\s*from\s+__future__\s+import\s+[^\n#]*\bannotations\b/m;

/**
 * null for a notebook whose kernel is not Python: nothing in it is analysed. `projectBuiltins`: the names the
 * project's config says exist before any cell runs. `runFiles`: the files its `%run` lines run, when the project
 * was read (without them every `%run` may define anything).
 */
export function analyseNotebook(
  notebook: Notebook,
  cache: CellAnalysisCache,
  projectBuiltins: readonly string[] = [],
  runFiles: RunFiles | null = null,
): NotebookModel | null {
  if (!isPythonLanguage(notebook.language)) return null;
  const code = notebook.cells.filter((cell) => cell.kind === 'code');
  const postponedAnnotations = code.some(
    (cell) => cell.source.includes('__future__') && FUTURE_ANNOTATIONS.test(cell.source),
  );
  const analysed = code.map((cell) => ({ cell, analysis: cache.get(cell.source, { postponedAnnotations }) }));
  const codeCells = runFiles ? resolveRunMagics(analysed, runFiles, cache) : analysed;
  return buildNotebookModel(notebook, codeCells, projectBuiltins);
}

/** A model for a planner (extraction, scaffold) whatever the language: a non-Python notebook has no code cells. */
export function modelOrEmpty(model: NotebookModel | null, notebook: Notebook): NotebookModel {
  return model ?? buildNotebookModel(notebook, []);
}

/** The planners' model of a notebook when no engine run has made one (the CLI commands, tests). */
export function planningModel(notebook: Notebook, parser: PythonParser): NotebookModel {
  return modelOrEmpty(analyseNotebook(notebook, new CellAnalysisCache(parser)), notebook);
}
