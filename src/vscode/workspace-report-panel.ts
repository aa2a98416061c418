// "nbhygiene: Show Workspace Report": every notebook of the workspace checked (open ones as the editor has them,
// closed ones from disk) into the same workspace report the CLI writes (worst first, findings per family, a chart of
// findings by rule), in a webview; a click on a finding reveals it in its notebook. Restored after a reload.
import * as vscode from 'vscode';
import { renderWorkspaceReportHtml } from '../core/report/html';
import { buildNotebookReport, type NotebookReport } from '../core/report/notebook-report';
import type { UnreadableFile } from '../core/report/json';
import { buildWorkspaceReport } from '../core/report/workspace';
import type { DiagnosticsController } from './diagnostics';
import type { EngineService } from './engine-service';
import { COMMANDS, NOTEBOOK_EXCLUDE_GLOB, NOTEBOOK_GLOB, TITLE } from './ids';

export const WORKSPACE_REPORT_COMMAND = 'nbhygiene.showWorkspaceReport';
export const WORKSPACE_REPORT_VIEW_TYPE = 'nbhygiene.workspaceReport';

export interface WorkspaceReportDeps {
  extensionUri: vscode.Uri;
  diagnostics: DiagnosticsController;
  engines: EngineService;
  log: vscode.LogOutputChannel;
}

interface Collected {
  reports: NotebookReport[];
  unreadable: UnreadableFile[];
  /** Relative path (as the report shows it) → the notebook's uri, for revealing a finding. */
  uris: Map<string, vscode.Uri>;
}

async function collect(deps: WorkspaceReportDeps): Promise<Collected> {
  const files = await vscode.workspace.findFiles(NOTEBOOK_GLOB, NOTEBOOK_EXCLUDE_GLOB);
  const engine = await deps.engines.get();
  const collected: Collected = { reports: [], unreadable: [], uris: new Map() };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${TITLE}: checking the workspace's notebooks` },
    async (progress) => {
      for (const uri of files) {
        const path = vscode.workspace.asRelativePath(uri);
        progress.report({ message: path, increment: 100 / files.length });
        try {
          const open = vscode.workspace.notebookDocuments.find(
            (document) => document.uri.toString() === uri.toString(),
          );
          const result = open ? await deps.diagnostics.refresh(open) : undefined;
          if (result) {
            const extras = { model: result.model, project: result.project };
            collected.reports.push(buildNotebookReport(path, result.notebook, result.findings, extras));
          } else {
            const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
            const { config, project } = await deps.diagnostics.setUp(uri);
            const checked = engine.check(text, path, config, project);
            const extras = { model: checked.model, project };
            collected.reports.push(buildNotebookReport(path, checked.notebook, checked.findings, extras));
          }
          collected.uris.set(path, uri);
        } catch (error) {
          collected.unreadable.push({ path, message: error instanceof Error ? error.message : String(error) });
        }
      }
    },
  );
  return collected;
}

interface RevealMessage {
  type: 'reveal';
  notebook?: string;
  cellIndex: number;
  range: { line: number; character: number; endLine: number; endCharacter: number };
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class WorkspaceReportPanel {
  private static current: WorkspaceReportPanel | undefined;
  private uris = new Map<string, vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[] = [];

  static async show(deps: WorkspaceReportDeps, existing?: vscode.WebviewPanel): Promise<void> {
    const panel =
      existing ??
      WorkspaceReportPanel.current?.panel ??
      vscode.window.createWebviewPanel(
        WORKSPACE_REPORT_VIEW_TYPE,
        `${TITLE}: workspace`,
        vscode.ViewColumn.Active,
        WorkspaceReportPanel.options(deps.extensionUri),
      );
    panel.webview.options = WorkspaceReportPanel.options(deps.extensionUri);
    if (WorkspaceReportPanel.current?.panel !== panel) WorkspaceReportPanel.current = new WorkspaceReportPanel(panel);
    panel.reveal(undefined, true);
    panel.webview.html = '<!DOCTYPE html><html><body><p>Checking the notebooks of the workspace…</p></body></html>';
    await WorkspaceReportPanel.current.render(deps);
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'media'),
        vscode.Uri.joinPath(extensionUri, 'dist', 'codicons'),
      ],
    };
  }

  private constructor(private readonly panel: vscode.WebviewPanel) {
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: RevealMessage) => this.reveal(message)),
    );
  }

  private async render(deps: WorkspaceReportDeps): Promise<void> {
    const { reports, unreadable, uris } = await collect(deps);
    this.uris = uris;
    const webview = this.panel.webview;
    const asset = (...path: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, ...path)).toString();
    const workspace = buildWorkspaceReport(reports, unreadable);
    webview.html = renderWorkspaceReportHtml(workspace, {
      kind: 'webview',
      cspSource: webview.cspSource,
      nonce: nonce(),
      styleUris: [asset('dist', 'codicons', 'codicon.css'), asset('media', 'report.css')],
      scriptUri: asset('media', 'report.js'),
      state: { workspaceReport: true },
    });
    deps.log.info(`workspace report: ${reports.length} notebooks, ${unreadable.length} unreadable`);
  }

  private reveal(message: RevealMessage): void {
    const uri = message?.type === 'reveal' && message.notebook ? this.uris.get(message.notebook) : undefined;
    if (!uri) return;
    const { line, character, endLine, endCharacter } = message.range;
    void vscode.commands.executeCommand(
      COMMANDS.revealFinding,
      uri,
      message.cellIndex,
      new vscode.Range(line, character, endLine, endCharacter),
    );
  }

  private dispose(): void {
    if (WorkspaceReportPanel.current === this) WorkspaceReportPanel.current = undefined;
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

export function registerWorkspaceReport(deps: WorkspaceReportDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(WORKSPACE_REPORT_COMMAND, () => WorkspaceReportPanel.show(deps)),
    vscode.window.registerWebviewPanelSerializer(WORKSPACE_REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: (panel) => WorkspaceReportPanel.show(deps, panel),
    }),
  ];
}
