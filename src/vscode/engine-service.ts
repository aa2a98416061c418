// The engine for the editor: the grammar is loaded once, on first use, never in activate().
import * as vscode from 'vscode';
import { createEngine, type Engine } from '../core/engine';

export class EngineService {
  private engine: Promise<Engine> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get(): Promise<Engine> {
    this.engine ??= this.load();
    return this.engine;
  }

  private async load(): Promise<Engine> {
    const started = Date.now();
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const engine = await createEngine({
      treeSitterWasm: vscode.Uri.joinPath(dist, 'tree-sitter.wasm').fsPath,
      pythonWasm: vscode.Uri.joinPath(dist, 'tree-sitter-python.wasm').fsPath,
    });
    this.log.info(`loaded the Python grammar in ${Date.now() - started} ms`);
    return engine;
  }
}
