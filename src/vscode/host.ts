// The core's Host for the editor: the config locator, the project context and Extract to Module read the files around
// a notebook (pyproject.toml, manifests, tests, dist-info) through workspace.fs, as file: URIs. Notebooks in a virtual
// workspace (another scheme) get no project: config-service.ts and project-service.ts do not ask for one.
import * as vscode from 'vscode';
import type { Host } from '../core/host';

export const VSCODE_HOST: Host = {
  async readFile(path) {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path)));
    } catch {
      return null;
    }
  },
  async listDir(path) {
    try {
      return (await vscode.workspace.fs.readDirectory(vscode.Uri.file(path))).map(([name]) => name);
    } catch {
      return null;
    }
  },
};
