// Words the editor shows around the core's findings, with no `vscode` import so they are tested like the core:
// Problems entries say which cell, related locations name the cell and column (VS Code prints a cell's location as
// `notebook.ipynb(1, 1)`, which says neither), and the status item's text.
import type { Finding, RelatedLocation, Severity } from '../core/types';

/** A Problems entry: "cell 4: name 'total' is used before it is defined". */
export function problemMessage(finding: Pick<Finding, 'cellIndex' | 'message'>): string {
  return finding.cellIndex === null ? finding.message : `cell ${finding.cellIndex + 1}: ${finding.message}`;
}

/** A related location's message, saying where it points: "defined here (cell 5, line 1, column 3)". */
export function relatedMessage(related: RelatedLocation, fileLabel: (path: string) => string): string {
  const { line, character } = related.range.start;
  if (related.cellIndex !== null)
    return `${related.message} (cell ${related.cellIndex + 1}, line ${line + 1}, column ${character + 1})`;
  if (related.file) return `${related.message} (${fileLabel(related.file)}:${line + 1})`;
  return related.message;
}

/**
 * The status item: nbhygiene's own label and icon, then the number of findings and, when there are any, how many are
 * errors and warnings ("nbhygiene 4 ⚠ 2"); not VS Code's error/warning icons, which count every extension's problems.
 */
export function statusText(counts: Record<Severity, number>): string {
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return '$(checklist) nbhygiene $(check)';
  const parts = [`$(checklist) nbhygiene ${total}`];
  if (counts.error > 0) parts.push(`✖ ${counts.error}`);
  if (counts.warning > 0) parts.push(`⚠ ${counts.warning}`);
  return parts.join(' ');
}

export function statusTooltip(counts: Record<Severity, number>): string {
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return 'nbhygiene: no findings in this notebook. Click for the report.';
  return `nbhygiene: ${total} finding${total === 1 ? '' : 's'} in this notebook (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info). Click for the report.`;
}
