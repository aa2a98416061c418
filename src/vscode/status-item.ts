// The status bar item on notebooks: the counts by severity; a click opens the report.
import * as vscode from 'vscode';
import { countBySeverity } from '../core/report/notebook-report';
import type { DiagnosticsController } from './diagnostics';
import { COMMANDS, NOTEBOOK_TYPE, TITLE } from './ids';
import { statusText, statusTooltip } from './labels';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('nbhygiene.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly diagnostics: DiagnosticsController) {
    this.item.name = TITLE;
    this.item.command = COMMANDS.showReport;
    this.subscriptions = [
      vscode.window.onDidChangeActiveNotebookEditor(() => this.update()),
      diagnostics.onDidUpdate(() => this.update()),
    ];
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeNotebookEditor?.notebook;
    const result =
      document && document.notebookType === NOTEBOOK_TYPE ? this.diagnostics.resultFor(document) : undefined;
    if (!result) {
      this.item.hide();
      return;
    }
    const counts = countBySeverity(result.findings);
    this.item.text = statusText(counts);
    this.item.tooltip = statusTooltip(counts);
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
