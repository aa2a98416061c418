// The one owner of nbhygiene's diagnostics: checks each open notebook when it opens, changes (debounced), is saved,
// runs (execution counts change) or when a config file changes, and puts the findings on the cells.
import * as vscode from 'vscode';
import { runsOtherFiles } from '../core/deps/run-files';
import type { NotebookModel } from '../core/analysis/notebook-model';
import type { NbhygieneConfig } from '../core/config/config';
import type { ProjectContext } from '../core/deps/project';
import type { Notebook } from '../core/notebook/notebook';
import { setUpNotebook, type NotebookSetup } from '../core/notebook-setup';
import { ruleDocsUrl } from '../core/rules/registry';
import type { Finding, Range, RelatedLocation } from '../core/types';
import type { ConfigService } from './config-service';
import type { EngineService } from './engine-service';
import type { ProjectService } from './project-service';
import { DIAGNOSTIC_SOURCE, NOTEBOOK_TYPE } from './ids';
import { problemMessage, relatedMessage } from './labels';
import { notebookFromDocument } from './notebook-adapter';

export interface NotebookResult {
  document: vscode.NotebookDocument;
  notebook: Notebook;
  findings: Finding[];
  /** For the report: the cross-cell model (graph, execution chart) and the project (dependency table). */
  model: NotebookModel | null;
  project: ProjectContext | null;
  /** The config it was checked with (thresholds and folders too). */
  config: NbhygieneConfig;
}

const EDIT_DEBOUNCE_MS = 150;

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function relatedUri(document: vscode.NotebookDocument, related: RelatedLocation): vscode.Uri {
  if (related.cellIndex !== null && related.cellIndex < document.cellCount)
    return document.cellAt(related.cellIndex).document.uri;
  return related.file ? vscode.Uri.file(related.file) : document.uri;
}

export function toDiagnostic(document: vscode.NotebookDocument, finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    toVscodeRange(finding.range),
    problemMessage(finding),
    SEVERITY[finding.severity],
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.code, target: vscode.Uri.parse(ruleDocsUrl(finding.code)) };
  diagnostic.relatedInformation = finding.related.map(
    (related) =>
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(relatedUri(document, related), toVscodeRange(related.range)),
        relatedMessage(related, (path) => vscode.workspace.asRelativePath(vscode.Uri.file(path))),
      ),
  );
  if (finding.unnecessary) diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  return diagnostic;
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly results = new Map<string, NotebookResult>();
  /** The latest check started per notebook: an older one that finishes later must not overwrite it. */
  private readonly generations = new Map<string, number>();
  /** Cell URIs that hold diagnostics, per notebook, so removed cells get theirs cleared. */
  private readonly published = new Map<string, vscode.Uri[]>();
  private readonly changed = new vscode.EventEmitter<NotebookResult>();
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly onDidUpdate = this.changed.event;

  constructor(
    private readonly engines: EngineService,
    private readonly configs: ConfigService,
    private readonly projects: ProjectService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  start(): void {
    const ws = vscode.workspace;
    this.subscriptions.push(
      ws.onDidOpenNotebookDocument((document) => this.schedule(document, 0)),
      ws.onDidChangeNotebookDocument((event) => this.schedule(event.notebook, EDIT_DEBOUNCE_MS)),
      ws.onDidSaveNotebookDocument((document) => this.schedule(document, 0)),
      ws.onDidCloseNotebookDocument((document) => this.clear(document)),
      ws.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('nbhygiene')) return;
        this.projects.reset();
        this.refreshAll();
      }),
    );
    const watcher = ws.createFileSystemWatcher(
      '**/{pyproject.toml,requirements*.txt,requirements/*.txt,environment.yml,Pipfile,setup.cfg,*.lock,pylock.toml,test_*.py,*_test.py}',
    );
    const onProjectFile = () => {
      this.configs.reset();
      this.projects.reset();
      this.refreshAll();
    };
    // A helper that `%run` runs (helpers.py, setup.ipynb) defines names the notebook reads: its change is checked again.
    const codeWatcher = ws.createFileSystemWatcher('**/*.{py,ipy,ipynb}');
    const onCodeFile = (changed: vscode.Uri) => {
      for (const document of ws.notebookDocuments) {
        if (document.uri.toString() === changed.toString()) continue;
        const sources = document.getCells().map((cell) => cell.document.getText());
        if (runsOtherFiles(sources)) this.schedule(document, 0);
      }
    };
    this.subscriptions.push(
      watcher,
      watcher.onDidChange(onProjectFile),
      watcher.onDidCreate(onProjectFile),
      watcher.onDidDelete(onProjectFile),
      codeWatcher,
      codeWatcher.onDidChange(onCodeFile),
      codeWatcher.onDidCreate(onCodeFile),
      codeWatcher.onDidDelete(onCodeFile),
    );
    this.refreshAll();
  }

  /** For "Check Workspace Notebooks": a notebook that is not open gets its findings on the file. */
  publishClosed(uri: vscode.Uri, findings: readonly Finding[]): void {
    if (vscode.workspace.notebookDocuments.some((document) => document.uri.toString() === uri.toString())) return;
    this.collection.set(uri, closedNotebookDiagnostics(findings));
  }

  resultFor(document: vscode.NotebookDocument): NotebookResult | undefined {
    return this.results.get(document.uri.toString());
  }

  refreshAll(): void {
    for (const document of vscode.workspace.notebookDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.NotebookDocument, delay: number): void {
    if (document.notebookType !== NOTEBOOK_TYPE) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refresh(document);
      }, delay),
    );
  }

  /** Checks the notebook now and publishes; also used by commands that need fresh results. */
  async refresh(document: vscode.NotebookDocument): Promise<NotebookResult | undefined> {
    if (document.isClosed) return undefined;
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    try {
      const started = Date.now();
      const [engine, { config, project }] = await Promise.all([this.engines.get(), this.setUp(document.uri)]);
      if (document.isClosed || this.generations.get(key) !== generation) return this.results.get(key);
      const notebook = notebookFromDocument(document, vscode.workspace.asRelativePath(document.uri));
      const { findings, model } = engine.checkNotebook(notebook, config, project);
      const result: NotebookResult = { document, notebook, findings, model, project, config };
      this.publish(result);
      this.log.info(`checked ${notebook.path}: ${findings.length} findings in ${Date.now() - started} ms`);
      return result;
    } catch (error) {
      this.log.error(
        `checking ${document.uri.toString()} failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      return undefined;
    }
  }

  /** The config and project a notebook is checked with; commands that check a closed notebook use it too. */
  setUp(notebook: vscode.Uri): Promise<NotebookSetup> {
    return setUpNotebook(
      notebook,
      (uri) => this.configs.configFor(uri),
      (uri, testsFolder) => this.projects.contextFor(uri, testsFolder),
    );
  }

  private publish(result: NotebookResult): void {
    const { document, findings } = result;
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    const bucket = (uri: vscode.Uri) => {
      const entry = byUri.get(uri.toString()) ?? { uri, diagnostics: [] };
      byUri.set(uri.toString(), entry);
      return entry.diagnostics;
    };
    for (const cell of document.getCells()) bucket(cell.document.uri);
    for (const finding of findings) {
      const cell =
        finding.cellIndex !== null && finding.cellIndex < document.cellCount
          ? document.cellAt(finding.cellIndex)
          : null;
      bucket(cell ? cell.document.uri : document.uri).push(toDiagnostic(document, finding));
    }
    const key = document.uri.toString();
    for (const stale of this.published.get(key) ?? []) if (!byUri.has(stale.toString())) this.collection.delete(stale);
    if (!byUri.has(key)) this.collection.delete(document.uri);
    for (const { uri, diagnostics } of byUri.values()) this.collection.set(uri, diagnostics);
    this.published.set(
      key,
      [...byUri.values()].map(({ uri }) => uri),
    );
    this.results.set(key, result);
    this.changed.fire(result);
  }

  private clear(document: vscode.NotebookDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    for (const uri of this.published.get(key) ?? []) this.collection.delete(uri);
    this.collection.delete(document.uri);
    this.published.delete(key);
    this.results.delete(key);
    this.generations.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
    this.changed.dispose();
  }
}

/** Findings of a notebook that is not open: on the file itself, each message saying which cell. */
export function closedNotebookDiagnostics(findings: readonly Finding[]): vscode.Diagnostic[] {
  return findings.map((finding) => {
    const where =
      finding.cellIndex === null
        ? ''
        : `cell ${finding.cellIndex + 1}:${finding.range.start.line + 1}:${finding.range.start.character + 1}: `;
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, 0),
      `${where}${finding.message}`,
      SEVERITY[finding.severity],
    );
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = { value: finding.code, target: vscode.Uri.parse(ruleDocsUrl(finding.code)) };
    return diagnostic;
  });
}
