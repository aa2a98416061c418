// The workspace report: every notebook checked, worst first (the ones to look at on top), with its verdict and counts,
// each linking to its own report; paths relative to the folder they share.
import { countBySeverity, verdictOf, type NotebookReport, type SeverityCounts, type Verdict } from './notebook-report';
import { compareStrings } from '../compare';
import type { UnreadableFile } from './json';

export interface WorkspaceReport {
  verdict: Verdict;
  counts: SeverityCounts;
  notebooks: NotebookReport[];
  unreadable: UnreadableFile[];
  /** The folder every absolute path was under, which the paths are now relative to; null when they were not. */
  root: string | null;
}

const VERDICT_RANK: Record<Verdict, number> = { fail: 2, review: 1, pass: 0 };

/** Not ready before needs review before ready; then more errors, warnings, info first; then by path. */
export function worstFirst(a: NotebookReport, b: NotebookReport): number {
  return (
    VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] ||
    b.counts.error - a.counts.error ||
    b.counts.warning - a.counts.warning ||
    b.counts.info - a.counts.info ||
    compareStrings(a.path, b.path)
  );
}

/** The folder all these absolute paths are in (`/`-separated, no trailing slash); null when one is relative. */
export function commonFolder(paths: readonly string[]): string | null {
  if (paths.length === 0 || !paths.every((path) => /^(\/|[A-Za-z]:[\\/])/.test(path))) return null;
  const split = paths.map((path) => path.replace(/\\/g, '/').split('/').slice(0, -1));
  const shared: string[] = [];
  for (let k = 0; split.every((parts) => k < parts.length && parts[k] === split[0]![k]); k++)
    shared.push(split[0]![k]!);
  return shared.length <= 1 && shared[0] === '' ? null : shared.join('/');
}

function relativeTo(root: string | null, path: string): string {
  return root === null ? path : path.replace(/\\/g, '/').slice(root.length + 1);
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
  const root = commonFolder([...notebooks.map((report) => report.path), ...unreadable.map((item) => item.path)]);
  return {
    verdict,
    counts,
    notebooks: notebooks.map((report) => ({ ...report, path: relativeTo(root, report.path) })).sort(worstFirst),
    unreadable: unreadable.map((item) => ({ ...item, path: relativeTo(root, item.path) })),
    root,
  };
}

/** The anchor of a notebook's own report inside the workspace report. */
export function notebookAnchor(index: number): string {
  return `nb-${index + 1}`;
}
