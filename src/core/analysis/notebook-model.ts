// From a loaded notebook to its cross-cell model: the one place that decides which cells are analysed and how.
import { isPythonLanguage } from '../notebook/language';
import type { Notebook } from '../notebook/model';
import type { PythonParser } from '../python/parser';
import { CellAnalysisCache } from './cell-analysis';
import { buildNotebookModel, type NotebookModel } from './dataflow';

// IPython keeps `from __future__` flags for the cells run after it, so one such import affects the whole notebook.
const FUTURE_ANNOTATIONS = /^\s*from\s+__future__\s+import\s+[^\n#]*\bannotations\b/m;

/**
 * null for a notebook whose kernel is not Python: nothing in it is analysed. `projectBuiltins`: the names the
 * project's config says exist before any cell runs.
 */
export function analyseNotebook(
  notebook: Notebook,
  cache: CellAnalysisCache,
  projectBuiltins: readonly string[] = [],
): NotebookModel | null {
  if (!isPythonLanguage(notebook.language)) return null;
  const code = notebook.cells.filter((cell) => cell.kind === 'code');
  const postponedAnnotations = code.some(
    (cell) => cell.source.includes('__future__') && FUTURE_ANNOTATIONS.test(cell.source),
  );
  const codeCells = code.map((cell) => ({ cell, analysis: cache.get(cell.source, { postponedAnnotations }) }));
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
