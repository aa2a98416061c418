// An EditPlan from the core as one WorkspaceEdit: cell text edits, new files and merged files together, so the
// whole fix or refactoring is one undoable step.
import * as vscode from 'vscode';
import type { CellTextEdit, EditPlan } from '../core/types';
import { toVscodeRange } from './diagnostics';

export class StaleFileError extends Error {}

export function addCellEdits(
  edit: vscode.WorkspaceEdit,
  document: vscode.NotebookDocument,
  cellEdits: readonly CellTextEdit[],
): void {
  for (const cellEdit of cellEdits) {
    const cell = document.cellAt(cellEdit.cellIndex);
    edit.replace(cell.document.uri, toVscodeRange(cellEdit.range), cellEdit.newText);
  }
}

/** Throws StaleFileError when a file the plan merges into changed since the plan was made: nothing is applied. */
export async function toWorkspaceEdit(
  document: vscode.NotebookDocument,
  plan: EditPlan,
): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  addCellEdits(edit, document, plan.cellEdits);
  for (const fileEdit of plan.fileEdits) {
    const uri = vscode.Uri.file(fileEdit.path);
    if (fileEdit.expectedOldText === null) {
      edit.createFile(uri, { contents: new TextEncoder().encode(fileEdit.newText), overwrite: false });
      continue;
    }
    const target = await vscode.workspace.openTextDocument(uri);
    if (target.getText() !== fileEdit.expectedOldText)
      throw new StaleFileError(`${vscode.workspace.asRelativePath(uri)} changed; check again and retry`);
    edit.replace(
      uri,
      new vscode.Range(target.positionAt(0), target.positionAt(target.getText().length)),
      fileEdit.newText,
    );
  }
  return edit;
}

export async function applyPlan(document: vscode.NotebookDocument, plan: EditPlan, label: string): Promise<boolean> {
  try {
    const edit = await toWorkspaceEdit(document, plan);
    const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: plan.fileEdits.length > 0 });
    if (!applied) void vscode.window.showWarningMessage(`nbhygiene: could not apply "${label}".`);
    return applied;
  } catch (error) {
    void vscode.window.showErrorMessage(
      `nbhygiene: ${label}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
}
