// An EditPlan from the core as one WorkspaceEdit: cell text edits, new files and merged files together, so the
// whole fix or refactoring is one undoable step.
import * as vscode from 'vscode';
import { applyTextEdits } from '../core/refactor/apply-plan';
import { changedSpan, isKept, resultCells, type KeptCell, type ResultCell } from '../core/refactor/cell-operations';
import type { CellOperation, CellTextEdit, EditPlan, NewCell } from '../core/types';
import { toVscodeRange } from './diagnostics';

export class StaleFileError extends Error {}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** The cell's VS Code metadata with Jupyter metadata keys set: the ipynb serializer keeps them under `metadata`. */
function withJupyterMetadata(metadata: Json, keys: ReadonlyMap<string, unknown>): Json {
  const holder = 'custom' in metadata ? { ...asObject(metadata.custom) } : null;
  const jupyter = { ...asObject(holder ? holder.metadata : metadata.metadata) };
  for (const [key, value] of keys) {
    if (value === null || value === undefined) delete jupyter[key];
    else jupyter[key] = value;
  }
  return holder ? { ...metadata, custom: { ...holder, metadata: jupyter } } : { ...metadata, metadata: jupyter };
}

function withoutCount(metadata: Json): Json {
  return 'execution_count' in metadata ? { ...metadata, execution_count: null } : metadata;
}

/** The cell's text with the plan's edits of it (cell-relative positions over LF text, as the engine saw it). */
function editedText(cell: vscode.NotebookCell, edits: readonly CellTextEdit[]): string {
  const text = cell.document.getText().replace(/\r\n/g, '\n');
  return edits.length === 0 ? text : applyTextEdits(text, edits);
}

/**
 * An output as new output data: the cell's own output objects, handed back as they are, reach the new cell with items
 * whose data is no longer a Uint8Array (the serializer then cannot save them), so each item's bytes are copied.
 */
function copyOutput(output: vscode.NotebookCellOutput): vscode.NotebookCellOutput {
  const items = output.items.map((item) => new vscode.NotebookCellOutputItem(new Uint8Array(item.data), item.mime));
  return new vscode.NotebookCellOutput(items, output.metadata);
}

/** A kept cell as new cell data: its outputs, metadata and execution summary go with it unless the plan clears them. */
function keptCellData(
  cell: vscode.NotebookCell,
  edits: readonly CellTextEdit[],
  kept: KeptCell,
): vscode.NotebookCellData {
  const data = new vscode.NotebookCellData(cell.kind, editedText(cell, edits), cell.document.languageId);
  data.outputs = kept.clearOutputs ? [] : cell.outputs.map(copyOutput);
  let metadata: Json = { ...cell.metadata };
  if (kept.metadata.size > 0) metadata = withJupyterMetadata(metadata, kept.metadata);
  if (kept.clearExecutionCount) metadata = withoutCount(metadata);
  data.metadata = metadata;
  if (!kept.clearExecutionCount && cell.executionSummary?.executionOrder !== undefined)
    data.executionSummary = { executionOrder: cell.executionSummary.executionOrder };
  return data;
}

function newCellData(cell: NewCell, codeLanguage: string): vscode.NotebookCellData {
  const code = cell.kind === 'code';
  const data = new vscode.NotebookCellData(
    code ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup,
    cell.source,
    code ? codeLanguage : 'markdown',
  );
  if (cell.tags && cell.tags.length > 0) data.metadata = { metadata: { tags: [...cell.tags] } };
  return data;
}

function groupByCell(cellEdits: readonly CellTextEdit[]): Map<number, CellTextEdit[]> {
  const byCell = new Map<number, CellTextEdit[]>();
  for (const edit of cellEdits) byCell.set(edit.cellIndex, [...(byCell.get(edit.cellIndex) ?? []), edit]);
  return byCell;
}

/**
 * The plan's cell text edits and cell operations on an open notebook. Cells that move, appear, lose outputs or
 * change metadata are written as one replaceCells of the smallest run of cells that holds them (moving = the cell's
 * data, outputs, metadata and execution summary put back elsewhere); a cell in place that only gains metadata gets
 * updateCellMetadata; the other cells get plain text edits (VS Code then drops their counts, which notebook-adapter.ts
 * remembers for the execution-order rules).
 */
export function addNotebookEdits(
  edit: vscode.WorkspaceEdit,
  document: vscode.NotebookDocument,
  cellEdits: readonly CellTextEdit[],
  cellOps: readonly CellOperation[] = [],
): void {
  const count = document.cellCount;
  const byCell = groupByCell(cellEdits);
  const result: ResultCell[] = resultCells(count, cellOps);
  // A cell that stays in place and only gains metadata (a tag) gets updateCellMetadata: replacing it with itself would
  // lose its execution count in the saved file, and its text is not touched, so VS Code keeps the count.
  const span = changedSpan(count, result, true);
  const codeLanguage =
    document.getCells().find((cell) => cell.kind === vscode.NotebookCellKind.Code)?.document.languageId ?? 'python';
  const dataOf = (item: ResultCell) =>
    isKept(item)
      ? keptCellData(document.cellAt(item.origin), byCell.get(item.origin) ?? [], item)
      : newCellData(item.created, codeLanguage);
  // Notebook edits apply one after another, so they go last cell first: an index is never shifted by an edit before it.
  const notebookEdits: { start: number; edit: vscode.NotebookEdit }[] = [];
  if (span)
    notebookEdits.push({
      start: span.start,
      edit: vscode.NotebookEdit.replaceCells(
        new vscode.NotebookRange(span.start, span.end),
        result.slice(span.start, span.resultEnd).map(dataOf),
      ),
    });
  result.forEach((item, index) => {
    const inSpan = span !== null && index >= span.start && index < span.resultEnd;
    if (inSpan || !isKept(item) || item.metadata.size === 0) return;
    // Outside the span a kept cell is the notebook's cell `origin`, in place.
    const metadata = withJupyterMetadata({ ...document.cellAt(item.origin).metadata }, item.metadata);
    notebookEdits.push({ start: item.origin, edit: vscode.NotebookEdit.updateCellMetadata(item.origin, metadata) });
  });
  for (const [cellIndex, edits] of byCell) {
    if (span && cellIndex >= span.start && cellIndex < span.end) continue;
    const cell = document.cellAt(cellIndex);
    for (const cellEdit of edits) edit.replace(cell.document.uri, toVscodeRange(cellEdit.range), cellEdit.newText);
  }
  if (notebookEdits.length === 0) return;
  notebookEdits.sort((a, b) => b.start - a.start);
  edit.set(
    document.uri,
    notebookEdits.map((item) => item.edit),
  );
}

/** Throws StaleFileError when a file the plan merges into changed since the plan was made: nothing is applied. */
export async function toWorkspaceEdit(
  document: vscode.NotebookDocument,
  plan: EditPlan,
): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  addNotebookEdits(edit, document, plan.cellEdits, plan.cellOps);
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
