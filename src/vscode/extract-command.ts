// "Extract cells to a module" in the editor: a refactor code action on code cells and a command that asks which cells
// (the selection ticked), refuses at once when they cannot be extracted, asks for the module path and the function
// name (from what the cells compute), shows every change as a diff, then applies the core's EditPlan as one
// WorkspaceEdit (one undo step). Refusals are shown as an error with their reason.
import * as vscode from 'vscode';
import { modelOrEmpty } from '../core/analysis/notebook-model';
import { basenamePath, dirnamePath } from '../core/paths';
import { extractDefaults, planExtraction } from '../core/refactor/extract';
import { functionNameFromResults } from '../core/refactor/function-name';
import { planPreview, type PreviewText } from '../core/refactor/plan-preview';
import { isIdentifier } from '../core/refactor/python-format';
import type { DiagnosticsController } from './diagnostics';
import { applyPlan } from './edits';
import { VSCODE_HOST } from './host';
import type { EngineService } from './engine-service';
import { NOTEBOOK_TYPE, TITLE } from './ids';

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

/** Asks which code cells to extract, the given ones ticked; undefined when the user cancels or picks none. */
async function pickCells(
  document: vscode.NotebookDocument,
  preselected: readonly number[],
): Promise<number[] | undefined> {
  type CellItem = vscode.QuickPickItem & { index: number };
  const items: CellItem[] = document
    .getCells()
    .filter((cell) => cell.kind === vscode.NotebookCellKind.Code && cell.document.getText().trim() !== '')
    .map((cell) => ({
      index: cell.index,
      label: `Cell ${cell.index + 1}`,
      description: cell.document.getText().trim().split('\n')[0]!.slice(0, 80),
      picked: preselected.includes(cell.index),
    }));
  const picker = vscode.window.createQuickPick<CellItem>();
  picker.title = `${TITLE}: Extract Cells to Module (1/3)`;
  picker.placeholder = 'The cells to move into a module (Enter to accept)';
  picker.canSelectMany = true;
  picker.ignoreFocusOut = true;
  picker.items = items;
  picker.selectedItems = items.filter((item) => item.picked);
  const first = picker.selectedItems[0];
  if (first) picker.activeItems = [first];
  const chosen = await new Promise<number[] | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems.map((item) => item.index).sort((a, b) => a - b)));
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  return chosen && chosen.length > 0 ? chosen : undefined;
}

/** Refusals that a different module path or function name cannot lift: reported before any question. */
const NAME_REFUSALS = new Set(['invalid-name', 'name-exists']);

/** The before/after texts the preview shows, served under the nbhygiene-preview scheme. */
class PreviewDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'nbhygiene-preview';
  private readonly texts = new Map<string, string>();
  private generation = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** The uris of a before/after pair, new for every preview so an editor never shows an older one. */
  pair(preview: PreviewText): [vscode.Uri, vscode.Uri] {
    const at = (side: string, text: string) => {
      const uri = vscode.Uri.from({
        scheme: PreviewDocuments.scheme,
        path: `/${this.generation}/${side}/${basenamePath(preview.path)}`,
      });
      this.texts.set(uri.toString(), text);
      return uri;
    };
    return [at('before', preview.before), at('after', preview.after)];
  }

  next(): void {
    this.texts.clear();
    this.generation++;
  }
}

/** Shows every change of the plan side by side (one multi-diff editor; one diff per file where that is missing). */
async function showPreview(
  documents: PreviewDocuments,
  title: string,
  previews: readonly PreviewText[],
): Promise<void> {
  documents.next();
  const pairs = previews.map((preview) => ({ preview, uris: documents.pair(preview) }));
  try {
    await vscode.commands.executeCommand(
      'vscode.changes',
      title,
      pairs.map(({ preview, uris: [before, after] }) => [vscode.Uri.file(preview.path), before, after]),
    );
  } catch {
    for (const { preview, uris } of pairs)
      await vscode.commands.executeCommand('vscode.diff', uris[0], uris[1], `${preview.label}: before ↔ after`, {
        preview: false,
      });
  }
}

/** Closes the preview: its diffs, and the multi-diff editor (known by its title: its tab input is not in the API). */
async function closePreview(title: string): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) =>
    group.tabs.filter(
      (tab) =>
        tab.label.startsWith(title) ||
        (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === PreviewDocuments.scheme),
    ),
  );
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  // The multi-diff editor is not always listed among the tabs: it is the active one when the dialog closes.
  const active = vscode.window.tabGroups.activeTabGroup.activeTab;
  if (active && active.label.startsWith(title))
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

async function extract(deps: ExtractDeps, documents: PreviewDocuments, uri: unknown, cells: unknown): Promise<void> {
  const target = targetCells(uri, cells);
  if (!target) {
    void vscode.window.showErrorMessage(`${TITLE}: open a notebook and select the code cells to extract.`);
    return;
  }
  const { document } = target;
  if (document.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`${TITLE}: Extract Cells to Module needs a notebook on the local file system.`);
    return;
  }
  const indices = await pickCells(document, target.indices);
  if (!indices) return;
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
  const plan = (modulePath: string, functionName: string) =>
    planExtraction(VSCODE_HOST, model, python, {
      cellIndices: indices,
      notebookPath,
      ...(project ? { projectRoot: project.root, localModules: project.localModules } : {}),
      modulePath,
      functionName,
      testsDir: defaults.testsDir,
    });
  const refuse = (message: string, reason: string) => {
    deps.log.info(`extract refused (${reason}): ${message}`);
    void vscode.window.showErrorMessage(`${TITLE}: cannot extract: ${message}`);
  };
  // Whether the cells can be extracted at all is known before any question is asked.
  const probe = await plan(defaults.modulePath, defaults.functionName);
  if (!probe.ok && !NAME_REFUSALS.has(probe.reason)) return refuse(probe.message, probe.reason);
  const modulePath = await vscode.window.showInputBox({
    title: `${TITLE}: Extract Cells to Module (2/3)`,
    prompt: 'Module to create or append to',
    value: defaults.modulePath,
    valueSelection: [dirnamePath(defaults.modulePath).length + 1, defaults.modulePath.length - 3],
    ignoreFocusOut: true,
    validateInput: (value) => (value.endsWith('.py') ? undefined : 'a Python file: ends with .py'),
  });
  if (modulePath === undefined) return;
  let functionName = defaults.functionName;
  if (!probe.ok || probe.summary.mode === 'function') {
    const used = new Set([...model.writers.keys(), ...(probe.ok ? probe.summary.params : [])]);
    const proposed = probe.ok
      ? functionNameFromResults(probe.summary.returns, used, defaults.functionName)
      : defaults.functionName;
    const answer = await vscode.window.showInputBox({
      title: `${TITLE}: Extract Cells to Module (3/3)`,
      prompt: `Function name (the cells compute ${probe.ok && probe.summary.returns.length > 0 ? probe.summary.returns.join(', ') : 'no value the notebook reads later'})`,
      value: proposed,
      ignoreFocusOut: true,
      validateInput: (value) => (isIdentifier(value) ? undefined : 'a Python identifier'),
    });
    if (answer === undefined) return;
    functionName = answer;
  }
  const planned = await plan(modulePath, functionName);
  if (!planned.ok) return refuse(planned.message, planned.reason);
  const { summary } = planned;
  const cellSources = document.getCells().map((cell) => cell.document.getText());
  const previews = planPreview(planned.plan, notebookPath, cellSources);
  const what = `${summary.moduleImport}${summary.mode === 'function' ? `.${summary.functionName}` : ''}`;
  const previewTitle = `${TITLE}: extract into ${what} (preview)`;
  await showPreview(documents, previewTitle, previews);
  const rel = (path: string) => vscode.workspace.asRelativePath(vscode.Uri.file(path));
  const detail = [
    ...summary.filesCreated.map((path) => `Create ${rel(path)}`),
    ...summary.filesChanged.map((path) => `Append to ${rel(path)}`),
    `Replace cell${summary.cellsReplaced.length > 1 ? 's' : ''} ${summary.cellsReplaced.map((index) => index + 1).join(', ')} of ${basenamePath(notebookPath)}`,
    summary.mode === 'function'
      ? `Parameters: ${summary.params.join(', ') || 'none'}; returns: ${summary.returns.join(', ') || 'nothing'}`
      : 'Definitions moved as they are',
    'The preview shows every change.',
  ].join('\n');
  const choice = await vscode.window.showInformationMessage(
    `${TITLE}: extract into ${what}?`,
    { modal: true, detail },
    'Extract',
  );
  await closePreview(previewTitle);
  if (choice !== 'Extract') return;
  if (await applyPlan(document, planned.plan, 'Extract Cells to Module'))
    deps.log.info(`extracted cells ${summary.cellsReplaced.join(', ')} of ${notebookPath} into ${summary.modulePath}`);
}

export function registerExtractCommand(deps: ExtractDeps): vscode.Disposable[] {
  const documents = new PreviewDocuments();
  return [
    vscode.commands.registerCommand(EXTRACT_COMMAND, (uri?: unknown, cells?: unknown) =>
      extract(deps, documents, uri, cells),
    ),
    vscode.workspace.registerTextDocumentContentProvider(PreviewDocuments.scheme, documents),
    vscode.languages.registerCodeActionsProvider(
      { notebookType: NOTEBOOK_TYPE, language: 'python' },
      new ExtractCodeActionProvider(),
      {
        providedCodeActionKinds: ExtractCodeActionProvider.providedCodeActionKinds,
      },
    ),
  ];
}
