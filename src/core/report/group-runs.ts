// Runs of identical findings (same rule, same message) on successive cells shown as one row, "cells 12–25", so
// fourteen unrun cells in a row read as one finding and not as fourteen.
import type { ReportFinding } from './notebook-report';

export interface FindingRun {
  /** The first finding of the run: its row reveals that cell. */
  first: ReportFinding;
  /** The cells of the run, 0-based, in order (one entry for a finding alone). */
  cells: number[];
}

/** Groups findings next to each other in the list when they share code and message and their cells follow. */
export function groupRuns(findings: readonly ReportFinding[]): FindingRun[] {
  const runs: FindingRun[] = [];
  for (const finding of findings) {
    const last = runs[runs.length - 1];
    const previousCell = last?.cells[last.cells.length - 1];
    if (
      last &&
      finding.cellIndex !== null &&
      previousCell !== undefined &&
      last.first.code === finding.code &&
      last.first.message === finding.message &&
      finding.cellIndex > previousCell
    ) {
      last.cells.push(finding.cellIndex);
      continue;
    }
    runs.push({ first: finding, cells: finding.cellIndex === null ? [] : [finding.cellIndex] });
  }
  return runs;
}

/** "cells 12–25" for successive cells, "cells 3, 5, 9" otherwise (1-based, as users count). */
export function runLabel(cells: readonly number[]): string {
  const shown = cells.map((index) => index + 1);
  const successive = shown.every((cell, k) => k === 0 || cell === shown[k - 1]! + 1);
  return successive ? `cells ${shown[0]}–${shown[shown.length - 1]}` : `cells ${shown.join(', ')}`;
}
