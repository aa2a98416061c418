// The status bar item on notebooks: the counts by severity; a click opens the report.
import * as vscode from 'vscode';
import { countBySeverity } from '../core/report/notebook-report';
import type { DiagnosticsController } from './diagnostics';
import { COMMANDS, NOTEBOOK_TYPE } from './ids';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('nbhygiene.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly diagnostics: DiagnosticsController) {
    this.item.name = 'Notebook Hygiene';
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
    this.item.text = `$(checklist) $(error) ${counts.error} $(warning) ${counts.warning} $(info) ${counts.info}`;
    this.item.tooltip = `Notebook Hygiene: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info. Click for the report.`;
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
