// The project around a notebook (manifests, locks, the installed environment), read through workspace.fs. The
// environment is the `nbhygiene.pythonEnvironment` setting, else the Python extension's active interpreter, else a
// .venv/venv in the project. Installed versions come from dist-info files: Python is never run.
import * as vscode from 'vscode';
import { PythonExtension } from '@vscode/python-extension';
import { environmentRoot } from '../core/deps/environment-path';
import { loadProjectContext, type ProjectContext } from '../core/deps/project';
import { loadRunFiles } from '../core/deps/run-files';
import { joinPath } from '../core/paths';
import { SETTINGS } from './ids';
import { VSCODE_HOST } from './host';

const PYTHON_EXTENSION_ID = 'ms-python.python';

export class ProjectService {
  private readonly contexts = new Map<string, Promise<ProjectContext>>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Forget what was read: a manifest, lock or environment changed on disk. */
  reset(): void {
    this.contexts.clear();
  }

  async contextFor(notebook: vscode.Uri, testsFolder?: string): Promise<ProjectContext | null> {
    if (notebook.scheme !== 'file') return null;
    const workspaceRoot = vscode.workspace.getWorkspaceFolder(notebook)?.uri.fsPath;
    const venvPath = await this.environmentFor(notebook, workspaceRoot);
    const key = `${notebook.fsPath}\n${venvPath ?? ''}\n${testsFolder ?? ''}`;
    let context = this.contexts.get(key);
    if (!context) {
      context = loadProjectContext(notebook.fsPath, VSCODE_HOST, {
        ...(workspaceRoot ? { workspaceRoot } : {}),
        ...(venvPath ? { venvPath } : {}),
        ...(testsFolder ? { testsFolder } : {}),
      });
      this.contexts.set(key, context);
      void context.then((loaded) => {
        const env = loaded.installed ? ` with the environment at ${venvPath ?? 'the project .venv'}` : '';
        this.log.info(
          `project of ${vscode.workspace.asRelativePath(notebook)}: ${loaded.manifests.length} manifests, ${loaded.locks.length} lock files${env}`,
        );
      });
    }
    const loaded = await context;
    // The files `%run` runs are read at every check, from the cells as they are in the editor: a new `%run` line or
    // an edited helper file counts at the next check (the manifests above are remembered until they change).
    const open = vscode.workspace.notebookDocuments.find((doc) => doc.uri.toString() === notebook.toString());
    if (!open) return loaded;
    const sources = open
      .getCells()
      .filter((cell) => cell.kind === vscode.NotebookCellKind.Code)
      .map((cell) => cell.document.getText());
    return { ...loaded, runFiles: await loadRunFiles(VSCODE_HOST, loaded.notebookDir, sources) };
  }

  private async environmentFor(notebook: vscode.Uri, workspaceRoot: string | undefined): Promise<string | undefined> {
    const configured = vscode.workspace
      .getConfiguration(SETTINGS.section, notebook)
      .get<string>(SETTINGS.pythonEnvironment)
      ?.trim();
    if (configured)
      return environmentRoot(
        workspaceRoot && !/^([/\\]|[A-Za-z]:)/.test(configured) ? joinPath(workspaceRoot, configured) : configured,
      );
    if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) return undefined;
    try {
      const python = await PythonExtension.api();
      const active = python.environments.getActiveEnvironmentPath(notebook);
      return active.path ? environmentRoot(active.path) : undefined;
    } catch (error) {
      this.log.warn(
        `the Python extension did not say which environment is active: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }
}
