// `--format json`: the findings as the engine made them, for scripts and CI.
import { summarize, type NotebookReport, type Summary, type Unreadable } from './format-text';
import type { Finding } from '../core/types';

/**
 * The shape of `nbhygiene check --format json` (version 1; a breaking change bumps `version`):
 *
 * {
 *   "version": 1,
 *   "notebooks": [ { "path": "nb/a.ipynb", "findings": [Finding, ...] }, ... ],  // every notebook checked, sorted
 *   "unreadable": [ { "path": "nb/b.ipynb", "message": "EACCES: permission denied" } ],
 *   "summary": { "notebooks": 3, "findings": 12, "errors": 2, "warnings": 8, "info": 2, "unreadable": 0 }
 * }
 *
 * Each Finding is src/core/types.ts's: `cellIndex` is 0-based among all cells (null for the whole notebook)
 * and `range` is 0-based (line, character in UTF-16 units) within the cell, or within the .ipynb text when
 * cellIndex is null; the text format prints both 1-based.
 */
export interface JsonReport {
  version: 1;
  notebooks: { path: string; findings: Finding[] }[];
  unreadable: Unreadable[];
  summary: Summary;
}

export function toJsonReport(reports: readonly NotebookReport[], unreadable: readonly Unreadable[]): JsonReport {
  return {
    version: 1,
    notebooks: reports.map((report) => ({ path: report.path, findings: report.findings })),
    unreadable: [...unreadable],
    summary: summarize(reports, unreadable.length),
  };
}

export function formatJson(reports: readonly NotebookReport[], unreadable: readonly Unreadable[]): string {
  return `${JSON.stringify(toJsonReport(reports, unreadable), null, 2)}\n`;
}
