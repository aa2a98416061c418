// Code actions on notebook cells: the engine's fixes as quick fixes (the safe one preferred), "suppress" actions
// for every finding, and a notebook-wide fix-all. Honours context.only like vscode-eslint.
import * as vscode from 'vscode';
import { cellSuppressionPlan, lineSuppressionEdit } from '../core/refactor/suppress';
import { safeFixesPlan } from '../core/refactor/merge-plans';
import type { EditPlan, Finding } from '../core/types';
import { DiagnosticsController, type NotebookResult } from './diagnostics';
import { toWorkspaceEdit } from './edits';
import { restartAndRunAllAction } from './restart-action';
import { COMMANDS, DIAGNOSTIC_SOURCE } from './ids';

export const FIX_ALL_KIND = vscode.CodeActionKind.Notebook.append('source.fixAll.nbhygiene');
const SOURCE_FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('nbhygiene');

function wanted(context: vscode.CodeActionContext, kind: vscode.CodeActionKind): boolean {
  return !context.only || context.only.contains(kind) || kind.contains(context.only);
}

function isOurs(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

export class NotebookCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND, SOURCE_FIX_ALL_KIND],
  };

  constructor(private readonly diagnostics: DiagnosticsController) {}

  async provideCodeActions(
    cellDocument: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const notebook = vscode.workspace.notebookDocuments.find((nb) =>
      nb.getCells().some((cell) => cell.document === cellDocument),
    );
    const result = notebook && this.diagnostics.resultFor(notebook);
    if (!notebook || !result) return [];
    const cellIndex = notebook.getCells().findIndex((cell) => cell.document === cellDocument);
    const actions: vscode.CodeAction[] = [];
    if (wanted(context, vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of context.diagnostics.filter(isOurs)) {
        const finding = this.findingFor(result, cellIndex, diagnostic);
        if (finding) actions.push(...(await this.quickFixes(notebook, result, finding, diagnostic)));
      }
    }
    for (const kind of [FIX_ALL_KIND, SOURCE_FIX_ALL_KIND]) {
      if (!context.only || !context.only.contains(kind)) continue;
      const { plan, count } = safeFixesPlan(result.findings);
      if (count === 0) continue;
      const action = new vscode.CodeAction(`Fix all safe nbhygiene findings (${count})`, kind);
      action.edit = await toWorkspaceEdit(notebook, plan);
      actions.push(action);
    }
    return actions;
  }

  private findingFor(result: NotebookResult, cellIndex: number, diagnostic: vscode.Diagnostic): Finding | undefined {
    return result.findings.find(
      (finding) =>
        finding.cellIndex === cellIndex &&
        finding.code === codeOf(diagnostic) &&
        finding.range.start.line === diagnostic.range.start.line &&
        finding.range.start.character === diagnostic.range.start.character,
    );
  }

  private async quickFixes(
    notebook: vscode.NotebookDocument,
    result: NotebookResult,
    finding: Finding,
    diagnostic: vscode.Diagnostic,
  ): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const fix of finding.fixes) {
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = fix.isPreferred;
      if (fix.ask) {
        // The answer is asked when the action runs; the fix is plain data, so it travels as the argument.
        action.command = { title: fix.title, command: COMMANDS.applyAskingFix, arguments: [notebook.uri, fix] };
        actions.push(action);
        continue;
      }
      try {
        action.edit = await toWorkspaceEdit(notebook, fix.plan);
      } catch {
        continue; // a file it merges into changed: the next check offers a fresh plan
      }
      actions.push(action);
    }
    const restart = await restartAndRunAllAction(finding.code, diagnostic);
    if (restart) actions.push(restart);
    const cell = finding.cellIndex === null ? undefined : result.notebook.cells[finding.cellIndex];
    if (!cell) return actions;
    // The tag first: it leaves the cell's text, so the cell keeps its execution count and the order findings stay.
    const lineEdit = lineSuppressionEdit(cell, finding.range.start.line, finding.code);
    const suppressions: [string, EditPlan | null][] = [
      [`Suppress ${finding.code} in this cell`, cellSuppressionPlan(cell, finding.code)],
      [`Suppress ${finding.code} on this line`, lineEdit && { cellEdits: [lineEdit], fileEdits: [] }],
    ];
    for (const [title, plan] of suppressions) {
      if (!plan) continue;
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.edit = await toWorkspaceEdit(notebook, plan);
      actions.push(action);
    }
    return actions;
  }
}
