// The core's Host on VS Code's file system API, so remote and virtual workspaces read files the same way.
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
