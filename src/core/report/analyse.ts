// The cross-cell model for the report's pictures and dependency table, when the caller has only the notebook (the
// CLI checks in worker threads that return findings): the engine's own analysis, with a cache of its own.
import { CellAnalysisCache } from '../analysis/cell-analysis';
import type { NotebookModel } from '../analysis/notebook-model';
import { analyseNotebook } from '../analysis/notebook-model';
import type { Notebook } from '../notebook/notebook';
import type { PythonParser } from '../python/parser';

export type ReportAnalyser = (notebook: Notebook) => NotebookModel | null;

export function createReportAnalyser(parser: PythonParser): ReportAnalyser {
  const cache = new CellAnalysisCache(parser);
  return (notebook) => analyseNotebook(notebook, cache);
}
