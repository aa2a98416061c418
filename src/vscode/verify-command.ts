// "nbhygiene: Verify Notebook (Restart & Run All in a scratch kernel)": the CLI's `verify` in the editor. It runs
// the notebook as saved, in a fresh Python on a temporary copy of its folder (src/run), and shows each cell's verdict
// in an output channel, in the report panel's Verify section and as diagnostics on the cells that fail or differ.
// Running code is the one thing this extension does only on an explicit command, and never in an untrusted workspace.
import * as vscode from 'vscode';
import { PythonExtension } from '@vscode/python-extension';
import { formatVerifyText, whatHappened } from '../core/verify/format-verify';
import { mergeConfig } from '../core/config/config';
import { VERIFY_CONFIG, verifyNotebook, type VerifyReport } from '../core/verify/verify-notebook';
import { runNotebook } from '../run/run-notebook';
import type { DiagnosticsController } from './diagnostics';
import type { EngineService } from './engine-service';
import { NOTEBOOK_TYPE, TITLE } from './ids';
import { ReportPanel } from './report-panel';

export const VERIFY_COMMAND = 'nbhygiene.verifyNotebook';
const PYTHON_EXTENSION_ID = 'ms-python.python';
const VERIFY_SOURCE = 'nbhygiene verify';

export interface VerifyDeps {
  extensionUri: vscode.Uri;
  diagnostics: DiagnosticsController;
  engines: EngineService;
  log: vscode.LogOutputChannel;
}

/** The interpreter the Python extension selected for this notebook, else `python3` from the PATH. */
async function pythonFor(notebook: vscode.Uri, log: vscode.LogOutputChannel): Promise<string> {
  if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) return 'python3';
  try {
    const api = await PythonExtension.api();
    const active = api.environments.getActiveEnvironmentPath(notebook);
    const resolved = await api.environments.resolveEnvironment(active);
    return resolved?.executable.uri?.fsPath ?? active.path ?? 'python3';
  } catch (error) {
    log.warn(`verify: the Python extension did not say which interpreter is active (${String(error)}); using python3`);
    return 'python3';
  }
}

/** The line a cell's diagnostic goes on: the finding that explains it, else the traceback's "line N" in the cell. */
function lineOf(cell: VerifyReport['cells'][number]): number {
  const own = cell.explanations.find((explanation) => explanation.cellIndex === cell.cellIndex);
  if (own) return own.line - 1;
  const traceback = cell.run.error?.traceback.join('') ?? '';
  const match = /(?:Cell In ?\[\d*\]|<cell>|<ipython-input-[^>]*>)[^\n]*?line (\d+)/.exec(traceback);
  return match ? Number(match[1]) - 1 : 0;
}

function cellDiagnostic(document: vscode.TextDocument, cell: VerifyReport['cells'][number]): vscode.Diagnostic {
  const line = Math.min(lineOf(cell), Math.max(document.lineCount - 1, 0));
  const range = document.lineAt(line).range;
  const because = cell.explanations.map((e) => ` (${e.reason}, by ${e.code})`).join('');
  const after = cell.afterFailureOf !== undefined ? ` (after cell ${cell.afterFailureOf + 1} failed)` : '';
  const diagnostic = new vscode.Diagnostic(
    range,
    `Verify: ${cell.verdict === 'fails' ? 'fails' : 'differs'}: ${whatHappened(cell)}${because}${after}`,
    cell.verdict === 'fails' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = VERIFY_SOURCE;
  return diagnostic;
}

export function registerVerifyCommand(deps: VerifyDeps): vscode.Disposable[] {
  const output = vscode.window.createOutputChannel(`${TITLE}: Verify`);
  const problems = vscode.languages.createDiagnosticCollection(VERIFY_SOURCE);

  /** A verdict on a cell stops being true once the cell is edited. */
  const clearOnEdit = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.document.uri.scheme === 'vscode-notebook-cell' && event.contentChanges.length > 0) {
      problems.delete(event.document.uri);
    }
  });

  const publish = (document: vscode.NotebookDocument, report: VerifyReport) => {
    for (const cell of document.getCells()) problems.delete(cell.document.uri);
    for (const cell of report.cells) {
      if (cell.verdict !== 'fails' && cell.verdict !== 'differs') continue;
      const target = document.cellAt(cell.cellIndex).document;
      problems.set(target.uri, [cellDiagnostic(target, cell)]);
    }
  };

  const run = async () => {
    const document = vscode.window.activeNotebookEditor?.notebook;
    if (!document || document.notebookType !== NOTEBOOK_TYPE) {
      void vscode.window.showInformationMessage(`${TITLE}: open a Jupyter notebook to verify it.`);
      return;
    }
    if (!vscode.workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      const choice = await vscode.window.showWarningMessage(
        `${TITLE}: Verify runs the notebook’s code, which an untrusted workspace does not allow.`,
        manage,
      );
      if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    if (document.uri.scheme !== 'file') {
      void vscode.window.showWarningMessage(`${TITLE}: Verify needs a notebook on the local file system.`);
      return;
    }
    if (document.isDirty) {
      const save = 'Save and Verify';
      const choice = await vscode.window.showInformationMessage(
        `${TITLE}: Verify runs the notebook as saved and compares with its saved outputs.`,
        { modal: true },
        save,
      );
      if (choice !== save || !(await document.save())) return;
    }

    const path = vscode.workspace.asRelativePath(document.uri);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    const [engine, { config, project }] = await Promise.all([deps.engines.get(), deps.diagnostics.setUp(document.uri)]);
    const checked = engine.check(text, path, mergeConfig(config, VERIFY_CONFIG), project);
    if (!checked.notebook) {
      void vscode.window.showErrorMessage(`${TITLE}: cannot run ${path}: it does not load as a notebook.`);
      return;
    }
    const notebook = checked.notebook;
    const python = await pythonFor(document.uri, deps.log);
    const codeCells = notebook.cells.filter((cell) => cell.kind === 'code').length;

    let report: VerifyReport;
    try {
      report = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Verifying ${path} in a scratch kernel`,
          cancellable: true,
        },
        async (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          let done = 0;
          const run = await runNotebook({
            notebookJson: text,
            path: document.uri.fsPath,
            python,
            signal: abort.signal,
            onCell: (cell) =>
              progress.report({
                message: `cell ${cell.index + 1} (${++done} of ${codeCells})`,
                increment: 100 / Math.max(codeCells, 1),
              }),
          });
          return verifyNotebook(notebook, checked, run.cells, run);
        },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log.error(`verify ${path}: ${message}`);
      void vscode.window.showErrorMessage(`${TITLE}: cannot verify ${path}: ${message}`);
      return;
    }

    output.clear();
    output.append(`Python: ${python}\n${formatVerifyText(report)}`);
    publish(document, report);
    deps.log.info(`verified ${path} with ${python}: ${JSON.stringify(report.counts)}`);
    const result = deps.diagnostics.resultFor(document) ?? (await deps.diagnostics.refresh(document));
    if (result) ReportPanel.showVerify(deps.extensionUri, deps.diagnostics, result, report);

    const { counts } = report;
    const summary = `${counts.reproduced} reproduced, ${counts.differs} differing, ${counts.fails} failing, ${counts['not-run-before']} not run before`;
    const show = 'Show Output';
    const choice = report.passed
      ? await vscode.window.showInformationMessage(`${TITLE}: ${path} reproduced: ${summary}.`, show)
      : await vscode.window.showWarningMessage(`${TITLE}: ${path} did not reproduce: ${summary}.`, show);
    if (choice === show) output.show(true);
  };

  return [output, problems, clearOnEdit, vscode.commands.registerCommand(VERIFY_COMMAND, run)];
}
