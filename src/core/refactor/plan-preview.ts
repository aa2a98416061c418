// What a plan will change, as before/after texts to show side by side before it is applied (the editor's diff
// preview of "Extract Cells to Module"): each file it creates or changes, and the notebook's changed cells.
import { basenamePath } from '../paths';
import type { EditPlan } from '../types';
import { applyTextEdits } from './apply-plan';

export interface PreviewText {
  /** The file the change is to (the notebook for its cells). */
  path: string;
  /** Shown as the diff's name. */
  label: string;
  before: string;
  after: string;
}

function cellsText(indices: readonly number[], sourceOf: (index: number) => string): string {
  return indices.map((index) => `# ── cell ${index + 1} ──\n${sourceOf(index)}\n`).join('\n');
}

/** Files first, in the plan's order, then the notebook's changed cells (each under a `# ── cell N ──` line). */
export function planPreview(plan: EditPlan, notebookPath: string, cellSources: readonly string[]): PreviewText[] {
  const previews: PreviewText[] = plan.fileEdits.map((edit) => ({
    path: edit.path,
    label: `${basenamePath(edit.path)}${edit.expectedOldText === null ? ' (new)' : ''}`,
    before: edit.expectedOldText ?? '',
    after: edit.newText,
  }));
  const indices = [...new Set(plan.cellEdits.map((edit) => edit.cellIndex))].sort((a, b) => a - b);
  if (indices.length === 0) return previews;
  const edited = (index: number) =>
    applyTextEdits(
      cellSources[index] ?? '',
      plan.cellEdits.filter((edit) => edit.cellIndex === index),
    );
  previews.push({
    path: notebookPath,
    label: `${basenamePath(notebookPath)} (cell${indices.length > 1 ? 's' : ''} ${indices.map((i) => i + 1).join(', ')})`,
    before: cellsText(indices, (index) => cellSources[index] ?? ''),
    after: cellsText(indices, edited),
  });
  return previews;
}
