// Activation: wire the pieces; nothing heavy here (the grammar loads on the first check).
import * as vscode from 'vscode';
import { NotebookCodeActionProvider } from './code-actions';
import { registerCommands } from './commands';
import { ConfigService } from './config-service';
import { DiagnosticsController } from './diagnostics';
import { EngineService } from './engine-service';
import { registerExtractCommand } from './extract-command';
import { ProjectService } from './project-service';
import { registerScaffoldCommand } from './scaffold-command';
import { registerVerifyCommand } from './verify-command';
import { NOTEBOOK_TYPE, REPORT_VIEW_TYPE, TITLE } from './ids';
import { ReportPanel } from './report-panel';
import { StatusItem } from './status-item';
import { registerWorkspaceReport } from './workspace-report-panel';

export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const log = vscode.window.createOutputChannel(TITLE, { log: true });
  const engines = new EngineService(context.extensionUri, log);
  const configs = new ConfigService(log);
  const projects = new ProjectService(log);
  const diagnostics = new DiagnosticsController(engines, configs, projects, log);
  context.subscriptions.push(
    log,
    diagnostics,
    new StatusItem(diagnostics),
    vscode.languages.registerCodeActionsProvider(
      { notebookType: NOTEBOOK_TYPE, language: 'python' },
      new NotebookCodeActionProvider(diagnostics),
      NotebookCodeActionProvider.metadata,
    ),
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => ReportPanel.restore(panel, state, context.extensionUri, diagnostics),
    }),
    ...registerCommands({ extensionUri: context.extensionUri, diagnostics, engines, log }),
    ...registerExtractCommand({ diagnostics, engines, log }),
    ...registerScaffoldCommand({ diagnostics, log }),
    ...registerVerifyCommand({ extensionUri: context.extensionUri, diagnostics, engines, log }),
    ...registerWorkspaceReport({ extensionUri: context.extensionUri, diagnostics, engines, log }),
  );
  diagnostics.start();
  log.info(`activated in ${Date.now() - started} ms`);
}

export function deactivate(): void {}
