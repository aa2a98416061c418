// The report webview: one panel per notebook, HTML from src/core/report, styles and script from media/ under a
// nonce CSP. It follows the notebook's diagnostics, reveals a finding on click, and is restored after a reload.
import * as vscode from 'vscode';
import { escapeHtml } from '../core/report/escape';
import { renderNotebookReportHtml } from '../core/report/html';
import { buildNotebookReport } from '../core/report/notebook-report';
import type { VerifyReport } from '../core/verify/verify-notebook';
import type { DiagnosticsController, NotebookResult } from './diagnostics';
import { applyPlan } from './edits';
import { COMMANDS, REPORT_VIEW_TYPE, TITLE } from './ids';

interface PanelState {
  notebookUri?: string;
}

/** From the page: a click on a finding (reveal its cell) or on its Fix button (apply its fix). */
type PanelMessage =
  | { type: 'reveal'; cellIndex: number; range: MessageRange }
  | { type: 'fix'; code: string; cellIndex: number; range: MessageRange };

interface MessageRange {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
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
  /** The findings the page shows: a Fix button applies one of these. */
  private result: NotebookResult | undefined;

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
      TITLE,
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
        '<!DOCTYPE html><html><body><p>Open a notebook and run “nbhygiene: Show Report”.</p></body></html>';
      return;
    }
    const uri = vscode.Uri.parse(notebookUri);
    // The page is never left blank: it says what it waits for until the notebook's check is in.
    panel.webview.html = `<!DOCTYPE html><html><body><p>Checking ${escapeHtml(vscode.workspace.asRelativePath(uri))}…</p></body></html>`;
    ReportPanel.panels.get(uri.toString())?.dispose();
    const restored = new ReportPanel(panel, extensionUri, diagnostics, uri, undefined);
    try {
      const document = await vscode.workspace.openNotebookDocument(uri);
      // A check already under way (the notebook reopening) may win the race and publish first: either result renders.
      const result =
        diagnostics.resultFor(document) ?? (await diagnostics.refresh(document)) ?? diagnostics.resultFor(document);
      if (result) restored.render(result);
    } catch (error) {
      panel.webview.html = `<!DOCTYPE html><html><body><p>Cannot reopen ${escapeHtml(uri.toString())}: ${escapeHtml(error instanceof Error ? error.message : String(error))}</p></body></html>`;
    }
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
      panel.webview.onDidReceiveMessage((message: PanelMessage) => this.onMessage(message)),
      diagnostics.onDidUpdate((updated) => {
        if (updated.document.uri.toString() === key) this.render(updated);
      }),
    );
    if (result) this.render(result);
  }

  render(result: NotebookResult): void {
    this.result = result;
    const webview = this.panel.webview;
    const asset = (...path: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    const report = buildNotebookReport(result.notebook.path, result.notebook, result.findings, {
      model: result.model,
      project: result.project,
    });
    if (this.verify) report.verify = this.verify;
    this.panel.title = `${TITLE}: ${result.notebook.path.split('/').pop()}`;
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

  private onMessage(message: PanelMessage): void {
    if (message?.type === 'fix') {
      void this.applyFix(message);
      return;
    }
    if (message?.type !== 'reveal') return;
    const { line, character, endLine, endCharacter } = message.range;
    void vscode.commands.executeCommand(
      COMMANDS.revealFinding,
      this.notebookUri,
      message.cellIndex,
      new vscode.Range(line, character, endLine, endCharacter),
    );
  }

  /** The Fix button: the finding's preferred fix (asking for a version first when it needs one), as one edit. */
  private async applyFix(message: Extract<PanelMessage, { type: 'fix' }>): Promise<void> {
    const finding = this.result?.findings.find(
      (candidate) =>
        candidate.code === message.code &&
        candidate.cellIndex === message.cellIndex &&
        candidate.range.start.line === message.range.line &&
        candidate.range.start.character === message.range.character,
    );
    const fix = finding && (finding.fixes.find((candidate) => candidate.isPreferred) ?? finding.fixes[0]);
    if (!this.result || !fix) {
      void vscode.window.showWarningMessage(`${TITLE}: that finding changed; check the notebook again.`);
      return;
    }
    if (fix.ask) {
      await vscode.commands.executeCommand(COMMANDS.applyAskingFix, this.notebookUri, fix);
      return;
    }
    if (await applyPlan(this.result.document, fix.plan, fix.title))
      void vscode.window.showInformationMessage(`${TITLE}: ${fix.title}.`);
  }

  dispose(): void {
    ReportPanel.panels.delete(this.notebookUri.toString());
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel.dispose();
  }
}
