// The workspace report: every notebook checked, with its verdict and counts, each linking to its own report.
import { countBySeverity, verdictOf, type NotebookReport, type SeverityCounts, type Verdict } from './notebook-report';
import { compareStrings } from '../compare';
import type { UnreadableFile } from './json';

export interface WorkspaceReport {
  verdict: Verdict;
  counts: SeverityCounts;
  notebooks: NotebookReport[];
  unreadable: UnreadableFile[];
}

export function buildWorkspaceReport(
  notebooks: readonly NotebookReport[],
  unreadable: readonly UnreadableFile[] = [],
): WorkspaceReport {
  const counts = countBySeverity([]);
  for (const report of notebooks) {
    counts.error += report.counts.error;
    counts.warning += report.counts.warning;
    counts.info += report.counts.info;
  }
  const verdict = unreadable.length > 0 && counts.error === 0 ? 'fail' : verdictOf(counts);
  return {
    verdict,
    counts,
    notebooks: [...notebooks].sort((a, b) => compareStrings(a.path, b.path)),
    unreadable: [...unreadable],
  };
}

/** The anchor of a notebook's own report inside the workspace report. */
export function notebookAnchor(index: number): string {
  return `nb-${index + 1}`;
}
