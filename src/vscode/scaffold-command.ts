// "Notebook Hygiene: Generate Dockerfile and Dev Container": the core's scaffold as one undoable WorkspaceEdit.
// The lead engineer wires registerScaffoldCommand into activation and package.json.
import * as vscode from 'vscode';
import { loadProjectContext } from '../core/deps/project';
import { createPythonParser, type PythonParser } from '../core/python/parser';
import { modelForScaffold, scaffoldDocker } from '../core/scaffold/docker';
import type { DiagnosticsController } from './diagnostics';
import { applyPlan } from './edits';
import { VSCODE_HOST } from './host';
import { notebookFromDocument } from './notebook-adapter';

export const SCAFFOLD_COMMAND = 'nbhygiene.scaffoldDocker';

let parser: Promise<PythonParser> | undefined;

function parserFor(extensionUri: vscode.Uri): Promise<PythonParser> {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  parser ??= createPythonParser({
    treeSitterWasm: vscode.Uri.joinPath(dist, 'tree-sitter.wasm').fsPath,
    pythonWasm: vscode.Uri.joinPath(dist, 'tree-sitter-python.wasm').fsPath,
  });
  return parser;
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export function registerScaffoldCommand(deps: { diagnostics: DiagnosticsController; log: vscode.LogOutputChannel }): vscode.Disposable[] {
  const run = async () => {
    const editor = vscode.window.activeNotebookEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('nbhygiene: open a notebook to generate its Dockerfile.');
      return;
    }
    const document = editor.notebook;
    if (document.uri.scheme !== 'file') {
      void vscode.window.showWarningMessage('nbhygiene: the Dockerfile scaffold needs a notebook on the local file system.');
      return;
    }
    const extension = vscode.extensions.all.find((e) => e.packageJSON?.name === 'nbhygiene');
    if (!extension) return;
    const path = document.uri.fsPath;
    const workspaceRoot = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const project = await loadProjectContext(path, VSCODE_HOST, workspaceRoot ? { workspaceRoot } : {});
    const model = modelForScaffold(notebookFromDocument(document, path), await parserFor(extension.extensionUri));
    const existing = new Map<string, string>();
    for (const name of ['Dockerfile', '.dockerignore', '.devcontainer/devcontainer.json']) {
      const uri = vscode.Uri.joinPath(vscode.Uri.file(project.root), name);
      const text = await readIfExists(uri);
      if (text !== undefined) existing.set(uri.fsPath, text);
    }
    const result = scaffoldDocker(model, project, existing);
    if (!result.ok) {
      deps.log.info(`scaffold refused for ${path}: ${result.reason}`);
      void vscode.window.showWarningMessage(`nbhygiene: cannot generate a Dockerfile: ${result.reason}`);
      return;
    }
    const applied = await applyPlan(document, result.plan, 'Generate Dockerfile and Dev Container');
    if (applied) {
      deps.log.info(`scaffold: Python ${result.python}, ${result.pins.length} pins, ${result.plan.fileEdits.length} files`);
      deps.diagnostics.refreshAll();
    }
  };
  return [vscode.commands.registerCommand(SCAFFOLD_COMMAND, run)];
}
