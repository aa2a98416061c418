// "nbhygiene: Generate Dockerfile and Dev Container": the core's scaffold as one undoable WorkspaceEdit.
import * as vscode from 'vscode';
import { modelOrEmpty } from '../core/analysis/notebook-model';
import { scaffoldDocker } from '../core/scaffold/docker';
import type { DiagnosticsController } from './diagnostics';
import { applyPlan } from './edits';

export const SCAFFOLD_COMMAND = 'nbhygiene.scaffoldDocker';

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export function registerScaffoldCommand(deps: {
  diagnostics: DiagnosticsController;
  log: vscode.LogOutputChannel;
}): vscode.Disposable[] {
  const run = async () => {
    const editor = vscode.window.activeNotebookEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('nbhygiene: open a notebook to generate its Dockerfile.');
      return;
    }
    const document = editor.notebook;
    if (document.uri.scheme !== 'file') {
      void vscode.window.showWarningMessage(
        'nbhygiene: the Dockerfile scaffold needs a notebook on the local file system.',
      );
      return;
    }
    const path = document.uri.fsPath;
    // The diagnostics' own model and project: the Dockerfile pins what the Problems panel says is pinned.
    const checked = deps.diagnostics.resultFor(document) ?? (await deps.diagnostics.refresh(document));
    const project = checked?.project;
    if (!checked || !project) return;
    const model = modelOrEmpty(checked.model, checked.notebook);
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
    if (!applied) return;
    const written = result.plan.fileEdits.map((edit) => vscode.workspace.asRelativePath(vscode.Uri.file(edit.path)));
    deps.log.info(`scaffold: Python ${result.python}, ${result.pins.length} pins; wrote ${written.join(', ')}`);
    deps.diagnostics.refreshAll();
    const dockerfile = result.plan.fileEdits.find((edit) => /(^|\/)Dockerfile$/.test(edit.path));
    if (dockerfile) await vscode.window.showTextDocument(vscode.Uri.file(dockerfile.path), { preview: false });
    void vscode.window.showInformationMessage(
      `nbhygiene: wrote ${written.join(', ')} (Python ${result.python}, ${result.pins.length} pinned packages).`,
    );
  };
  return [vscode.commands.registerCommand(SCAFFOLD_COMMAND, run)];
}
