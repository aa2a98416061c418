// Several fixes applied as one edit ("fix all", "pin dependencies"): their plans merged, each file edited by one
// plan only and no two cell edits overlapping; a plan that would collide is left for the next round.
import type { CellTextEdit, EditPlan, Fix, Position } from '../types';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function overlaps(a: CellTextEdit, b: CellTextEdit): boolean {
  return a.cellIndex === b.cellIndex && !before(a.range.end, b.range.start) && !before(b.range.end, a.range.start);
}

export function mergePlans(plans: readonly EditPlan[]): { plan: EditPlan; merged: number } {
  const plan: EditPlan = { cellEdits: [], fileEdits: [] };
  const files = new Set<string>();
  let merged = 0;
  for (const candidate of plans) {
    if (candidate.fileEdits.some((file) => files.has(file.path))) continue;
    if (candidate.cellEdits.some((edit) => plan.cellEdits.some((taken) => overlaps(edit, taken)))) continue;
    plan.cellEdits.push(...candidate.cellEdits);
    plan.fileEdits.push(...candidate.fileEdits);
    for (const file of candidate.fileEdits) files.add(file.path);
    merged++;
  }
  return { plan, merged };
}

/** The first safe fix of each finding, merged. */
export function safeFixesPlan(findings: readonly { fixes: readonly Fix[] }[]): { plan: EditPlan; count: number } {
  const plans = findings.flatMap((finding) => {
    const fix = finding.fixes.find((candidate) => candidate.safe && !candidate.ask);
    return fix ? [fix.plan] : [];
  });
  const { plan, merged } = mergePlans(plans);
  return { plan, count: merged };
}
