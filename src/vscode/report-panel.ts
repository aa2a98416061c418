// The report webview: one panel per notebook, HTML from src/core/report, styles and script from media/ under a
// nonce CSP. It follows the notebook's diagnostics, reveals a finding on click, and is restored after a reload.
import * as vscode from 'vscode';
import { renderNotebookReportHtml } from '../core/report/html';
import { buildNotebookReport } from '../core/report/notebook-report';
import type { VerifyReport } from '../core/verify/verify-notebook';
import type { DiagnosticsController, NotebookResult } from './diagnostics';
import { COMMANDS, REPORT_VIEW_TYPE } from './ids';

interface PanelState {
  notebookUri?: string;
}

interface RevealMessage {
  type: 'reveal';
  cellIndex: number;
  range: { line: number; character: number; endLine: number; endCharacter: number };
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class ReportPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, ReportPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** One per panel: the page keeps its nonce across updates, so an unchanged report is not reloaded. */
  private readonly nonce = nonce();
  private html = '';
  private verify: VerifyReport | undefined;

  static show(extensionUri: vscode.Uri, diagnostics: DiagnosticsController, result: NotebookResult): ReportPanel {
    const key = result.document.uri.toString();
    const existing = ReportPanel.panels.get(key);
    if (existing) {
      existing.panel.reveal(undefined, true);
      existing.render(result);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      REPORT_VIEW_TYPE,
      'Notebook Hygiene',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      ReportPanel.options(extensionUri),
    );
    return new ReportPanel(panel, extensionUri, diagnostics, result.document.uri, result);
  }

  /** The report with a Verify section (the Verify Notebook command's run), kept until the panel closes. */
  static showVerify(
    extensionUri: vscode.Uri,
    diagnostics: DiagnosticsController,
    result: NotebookResult,
    verify: VerifyReport,
  ): ReportPanel {
    const key = result.document.uri.toString();
    const existing = ReportPanel.panels.get(key);
    if (existing) existing.verify = verify;
    const panel = ReportPanel.show(extensionUri, diagnostics, result);
    panel.verify = verify;
    panel.render(result);
    return panel;
  }

  /** After a window reload: the serializer hands back the panel and its saved state. */
  static async restore(
    panel: vscode.WebviewPanel,
    state: unknown,
    extensionUri: vscode.Uri,
    diagnostics: DiagnosticsController,
  ): Promise<void> {
    panel.webview.options = ReportPanel.options(extensionUri);
    const notebookUri = (state as PanelState | undefined)?.notebookUri;
    if (typeof notebookUri !== 'string') {
      panel.webview.html =
        '<!DOCTYPE html><html><body><p>Open a notebook and run “Notebook Hygiene: Show Report”.</p></body></html>';
      return;
    }
    const uri = vscode.Uri.parse(notebookUri);
    const document = await vscode.workspace.openNotebookDocument(uri);
    const result = diagnostics.resultFor(document) ?? (await diagnostics.refresh(document));
    ReportPanel.panels.get(uri.toString())?.dispose();
    new ReportPanel(panel, extensionUri, diagnostics, uri, result);
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'media'),
        vscode.Uri.joinPath(extensionUri, 'dist', 'codicons'),
      ],
    };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    diagnostics: DiagnosticsController,
    private readonly notebookUri: vscode.Uri,
    result: NotebookResult | undefined,
  ) {
    const key = notebookUri.toString();
    ReportPanel.panels.set(key, this);
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: RevealMessage) => this.onMessage(message)),
      diagnostics.onDidUpdate((updated) => {
        if (updated.document.uri.toString() === key) this.render(updated);
      }),
    );
    if (result) this.render(result);
  }

  private render(result: NotebookResult): void {
    const webview = this.panel.webview;
    const asset = (...path: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    const report = buildNotebookReport(result.notebook.path, result.notebook, result.findings, {
      model: result.model,
      project: result.project,
    });
    if (this.verify) report.verify = this.verify;
    this.panel.title = `Hygiene: ${result.notebook.path.split('/').pop()}`;
    const html = renderNotebookReportHtml(report, {
      kind: 'webview',
      cspSource: webview.cspSource,
      nonce: this.nonce,
      styleUris: [asset('dist', 'codicons', 'codicon.css'), asset('media', 'report.css')],
      scriptUri: asset('media', 'report.js'),
      state: { notebookUri: this.notebookUri.toString() } satisfies PanelState,
    });
    // Setting the same page again reloads the webview for nothing (and loses its scroll position).
    if (html === this.html) return;
    this.html = html;
    webview.html = html;
  }

  private onMessage(message: RevealMessage): void {
    if (message?.type !== 'reveal') return;
    const { line, character, endLine, endCharacter } = message.range;
    void vscode.commands.executeCommand(
      COMMANDS.revealFinding,
      this.notebookUri,
      message.cellIndex,
      new vscode.Range(line, character, endLine, endCharacter),
    );
  }

  dispose(): void {
    ReportPanel.panels.delete(this.notebookUri.toString());
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel.dispose();
  }
}
