// Several fixes applied as one edit ("fix all", "pin dependencies"): their plans merged, each file edited by one
// plan only and no two cell edits overlapping; a plan that would collide is left for the next round.
import type { CellTextEdit, EditPlan, Fix, Position } from '../types';
import { CellOperationsTaken } from './cell-operations';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function overlaps(a: CellTextEdit, b: CellTextEdit): boolean {
  return a.cellIndex === b.cellIndex && !before(a.range.end, b.range.start) && !before(b.range.end, a.range.start);
}

export function mergePlans(plans: readonly EditPlan[]): { plan: EditPlan; merged: number } {
  const plan: EditPlan = { cellEdits: [], fileEdits: [] };
  const files = new Set<string>();
  const cellOps = new CellOperationsTaken();
  let merged = 0;
  for (const candidate of plans) {
    if (candidate.fileEdits.some((file) => files.has(file.path))) continue;
    if (candidate.cellEdits.some((edit) => plan.cellEdits.some((taken) => overlaps(edit, taken)))) continue;
    if (cellOps.clashes(candidate)) continue;
    cellOps.take(candidate);
    plan.cellEdits.push(...candidate.cellEdits);
    plan.fileEdits.push(...candidate.fileEdits);
    if (candidate.cellOps && candidate.cellOps.length > 0)
      plan.cellOps = [...(plan.cellOps ?? []), ...candidate.cellOps];
    for (const file of candidate.fileEdits) files.add(file.path);
    merged++;
  }
  return { plan, merged };
}

/** The first safe fix of each finding (a notebook-wide one first, taken once), merged. */
export function safeFixesPlan(findings: readonly { fixes: readonly Fix[] }[]): { plan: EditPlan; count: number } {
  const notebookFixes = new Set<string>();
  const plans = findings.flatMap((finding) => {
    const safe = finding.fixes.filter((candidate) => candidate.safe && !candidate.ask);
    const fix = safe.find((candidate) => candidate.scope === 'notebook') ?? safe[0];
    if (fix?.scope === 'notebook') {
      if (notebookFixes.has(fix.title)) return [];
      notebookFixes.add(fix.title);
    }
    return fix ? [fix.plan] : [];
  });
  const { plan, merged } = mergePlans(plans);
  return { plan, count: merged };
}
