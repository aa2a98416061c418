// Extension-host tests for a desktop VS Code (`npx vscode-test`, which downloads VS Code: not possible on the
// offline machines, where test/e2e runs the same checks in code-server). Workspace: test/e2e/fixtures/project.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'nbhygiene.nbhygiene';

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

async function openAnalysis(): Promise<vscode.NotebookDocument> {
  const [uri] = await vscode.workspace.findFiles('analysis.ipynb');
  const document = await vscode.workspace.openNotebookDocument(uri!);
  await vscode.window.showNotebookDocument(document);
  return document;
}

function cellDiagnostics(
  document: vscode.NotebookDocument,
  index: number,
  code: string,
): vscode.Diagnostic[] | undefined {
  const found = vscode.languages.getDiagnostics(document.cellAt(index).document.uri).filter((d) => codeOf(d) === code);
  return found.length > 0 ? found : undefined;
}

describe('nbhygiene in the extension host', function () {
  this.timeout(60_000);

  it('activates on a Jupyter notebook and puts NH102 on the cell that reads too early', async () => {
    const document = await openAnalysis();
    const [diagnostic] = await waitFor('NH102 on cell 4', () => cellDiagnostics(document, 3, 'NH102'));
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.equal(diagnostic!.source, 'nbhygiene');
    assert.match(diagnostic!.message, /name 'total' is used before it is defined \(defined in cell 5\)/);
    assert.equal(
      diagnostic!.relatedInformation?.[0]?.location.uri.toString(),
      document.cellAt(4).document.uri.toString(),
    );
  });

  it('offers "Suppress NH102 on this line", and applying it removes the finding', async () => {
    const document = await openAnalysis();
    const [diagnostic] = await waitFor('NH102', () => cellDiagnostics(document, 3, 'NH102'));
    const cell = document.cellAt(3).document;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      cell.uri,
      diagnostic!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const suppress = actions.find((action) => action.title === 'Suppress NH102 on this line');
    assert.ok(suppress?.edit, 'the suppression is offered');
    assert.ok(await vscode.workspace.applyEdit(suppress.edit));
    assert.match(cell.getText(), /# nbhygiene: ignore\[NH102\]/);
    await waitFor('NH102 to go away', () => (cellDiagnostics(document, 3, 'NH102') ? undefined : true));
    await vscode.commands.executeCommand('undo');
  });

  it('opens the report panel', async () => {
    await openAnalysis();
    await vscode.commands.executeCommand('nbhygiene.showReport');
    await waitFor('the report tab', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('Hygiene')),
    );
  });
});
