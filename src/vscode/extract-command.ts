// "Extract cells to a module" in the editor: a refactor code action on code cells and a command that asks for the
// module path and function name (prefilled with the defaults), shows what will change, then applies the core's
// EditPlan as one WorkspaceEdit (one undo step). Refusals are shown as an error with their reason.
import * as vscode from 'vscode';
import { modelOrEmpty } from '../core/analysis/notebook-model';
import { basenamePath, dirnamePath } from '../core/paths';
import { extractDefaults, planExtraction } from '../core/refactor/extract';
import { isIdentifier } from '../core/refactor/python-format';
import type { DiagnosticsController } from './diagnostics';
import { applyPlan } from './edits';
import { VSCODE_HOST } from './host';
import type { EngineService } from './engine-service';
import { NOTEBOOK_TYPE } from './ids';

export const EXTRACT_COMMAND = 'nbhygiene.extractToModule';
export const EXTRACT_KIND = vscode.CodeActionKind.RefactorExtract.append('nbhygiene');

function notebookOfCell(
  document: vscode.TextDocument,
): { notebook: vscode.NotebookDocument; cell: vscode.NotebookCell } | undefined {
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (notebook.notebookType !== NOTEBOOK_TYPE) continue;
    const cell = notebook.getCells().find((candidate) => candidate.document === document);
    if (cell) return { notebook, cell };
  }
  return undefined;
}

export class ExtractCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [EXTRACT_KIND];

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !context.only.contains(EXTRACT_KIND) && !EXTRACT_KIND.contains(context.only)) return [];
    const found = notebookOfCell(document);
    if (!found || found.cell.kind !== vscode.NotebookCellKind.Code || document.getText().trim() === '') return [];
    const action = new vscode.CodeAction('Extract cell to a module (with tests)', EXTRACT_KIND);
    action.command = {
      command: EXTRACT_COMMAND,
      title: action.title,
      arguments: [found.notebook.uri, [found.cell.index]],
    };
    return [action];
  }
}

/** The cells to extract: the ones given, else the selected code cells of the active notebook editor. */
function targetCells(
  uri: unknown,
  cells: unknown,
): { document: vscode.NotebookDocument; indices: number[] } | undefined {
  const editor = vscode.window.activeNotebookEditor;
  const document =
    uri instanceof vscode.Uri
      ? vscode.workspace.notebookDocuments.find((nb) => nb.uri.toString() === uri.toString())
      : editor?.notebook;
  if (!document) return undefined;
  if (Array.isArray(cells) && cells.every((index) => typeof index === 'number'))
    return { document, indices: cells as number[] };
  const selected = (editor?.notebook === document ? editor.selections : []).flatMap((range) =>
    Array.from({ length: range.end - range.start }, (_, k) => range.start + k),
  );
  const code = selected.filter((index) => document.cellAt(index).kind === vscode.NotebookCellKind.Code);
  return code.length > 0 ? { document, indices: code } : undefined;
}

export interface ExtractDeps {
  diagnostics: DiagnosticsController;
  engines: EngineService;
  log: vscode.LogOutputChannel;
}

async function extract(deps: ExtractDeps, uri: unknown, cells: unknown): Promise<void> {
  const target = targetCells(uri, cells);
  if (!target) {
    void vscode.window.showErrorMessage('nbhygiene: select one or more code cells of a notebook to extract.');
    return;
  }
  const { document, indices } = target;
  if (document.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(
      'nbhygiene: Extract cells to a module needs a notebook on the local file system.',
    );
    return;
  }
  const result = deps.diagnostics.resultFor(document) ?? (await deps.diagnostics.refresh(document));
  if (!result) return;
  const notebookPath = document.uri.fsPath;
  const python = (await deps.engines.get()).parser;
  // The diagnostics' own model and project: what the user sees is what gets extracted.
  const model = modelOrEmpty(result.model, result.notebook);
  const project = result.project;
  const defaults = await extractDefaults(VSCODE_HOST, model, indices, {
    notebookPath,
    ...(project ? { projectRoot: project.root } : {}),
    moduleFolder: result.config.moduleFolder,
    tests: result.config.testsFolder,
  });
  const modulePath = await vscode.window.showInputBox({
    title: 'Extract cells to a module (1/2)',
    prompt: 'Module to create or append to',
    value: defaults.modulePath,
    valueSelection: [dirnamePath(defaults.modulePath).length + 1, defaults.modulePath.length - 3],
    validateInput: (value) => (value.endsWith('.py') ? undefined : 'a Python file: ends with .py'),
  });
  if (modulePath === undefined) return;
  const functionName = await vscode.window.showInputBox({
    title: 'Extract cells to a module (2/2)',
    prompt: 'Function name (cells with only imports, functions and classes are moved as they are)',
    value: defaults.functionName,
    validateInput: (value) => (isIdentifier(value) ? undefined : 'a Python identifier'),
  });
  if (functionName === undefined) return;
  const planned = await planExtraction(VSCODE_HOST, model, python, {
    cellIndices: indices,
    notebookPath,
    ...(project ? { projectRoot: project.root, localModules: project.localModules } : {}),
    modulePath,
    functionName,
    testsDir: defaults.testsDir,
  });
  if (!planned.ok) {
    deps.log.info(`extract refused (${planned.reason}): ${planned.message}`);
    void vscode.window.showErrorMessage(`nbhygiene: cannot extract: ${planned.message}`);
    return;
  }
  const { summary } = planned;
  const rel = (path: string) => vscode.workspace.asRelativePath(vscode.Uri.file(path));
  const detail = [
    ...summary.filesCreated.map((path) => `Create ${rel(path)}`),
    ...summary.filesChanged.map((path) => `Append to ${rel(path)}`),
    `Replace cell${summary.cellsReplaced.length > 1 ? 's' : ''} ${summary.cellsReplaced.map((index) => index + 1).join(', ')} of ${basenamePath(notebookPath)}`,
    summary.mode === 'function'
      ? `Parameters: ${summary.params.join(', ') || 'none'}; returns: ${summary.returns.join(', ') || 'nothing'}`
      : 'Definitions moved as they are',
  ].join('\n');
  const choice = await vscode.window.showInformationMessage(
    `Extract into ${summary.moduleImport}${summary.mode === 'function' ? `.${summary.functionName}` : ''}?`,
    { modal: true, detail },
    'Extract',
  );
  if (choice !== 'Extract') return;
  if (await applyPlan(document, planned.plan, 'Extract cells to a module'))
    deps.log.info(`extracted cells ${summary.cellsReplaced.join(', ')} of ${notebookPath} into ${summary.modulePath}`);
}

export function registerExtractCommand(deps: ExtractDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(EXTRACT_COMMAND, (uri?: unknown, cells?: unknown) => extract(deps, uri, cells)),
    vscode.languages.registerCodeActionsProvider(
      { notebookType: NOTEBOOK_TYPE, language: 'python' },
      new ExtractCodeActionProvider(),
      {
        providedCodeActionKinds: ExtractCodeActionProvider.providedCodeActionKinds,
      },
    ),
  ];
}
