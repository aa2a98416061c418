// The commands of the "Notebook Hygiene" category.
import * as vscode from 'vscode';
import { mergePlans, safeFixesPlan } from '../core/refactor/merge-plans';
import { isPinnableVersion } from '../core/refactor/fix-values';
import { answerPlan, type Fix } from '../core/types';
import type { DiagnosticsController, NotebookResult } from './diagnostics';
import { applyPlan } from './edits';
import type { EngineService } from './engine-service';
import { COMMANDS, NOTEBOOK_TYPE } from './ids';
import { ReportPanel } from './report-panel';

export interface CommandDeps {
  extensionUri: vscode.Uri;
  diagnostics: DiagnosticsController;
  engines: EngineService;
  log: vscode.LogOutputChannel;
}

async function activeResult(diagnostics: DiagnosticsController): Promise<NotebookResult | undefined> {
  const document = vscode.window.activeNotebookEditor?.notebook;
  if (!document || document.notebookType !== NOTEBOOK_TYPE) {
    void vscode.window.showInformationMessage('Notebook Hygiene: open a Jupyter notebook first.');
    return undefined;
  }
  return diagnostics.refresh(document);
}

async function revealFinding(notebookUri: vscode.Uri, cellIndex: number, range: vscode.Range): Promise<void> {
  const document = await vscode.workspace.openNotebookDocument(notebookUri);
  if (cellIndex < 0 || cellIndex >= document.cellCount) return;
  const editor = await vscode.window.showNotebookDocument(document, {
    viewColumn: vscode.ViewColumn.One,
    selections: [new vscode.NotebookRange(cellIndex, cellIndex + 1)],
  });
  editor.revealRange(
    new vscode.NotebookRange(cellIndex, cellIndex + 1),
    vscode.NotebookEditorRevealType.InCenterIfOutsideViewport,
  );
  await vscode.window.showTextDocument(document.cellAt(cellIndex).document, {
    viewColumn: editor.viewColumn,
    selection: range,
  });
}

async function checkWorkspace(deps: CommandDeps): Promise<void> {
  const files = await vscode.workspace.findFiles(
    '**/*.ipynb',
    '**/{node_modules,.ipynb_checkpoints,.git,.venv,venv}/**',
  );
  const engine = await deps.engines.get();
  let findings = 0;
  let checked = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking notebooks', cancellable: true },
    async (progress, token) => {
      for (const uri of files) {
        if (token.isCancellationRequested) break;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
        const open = vscode.workspace.notebookDocuments.find((document) => document.uri.toString() === uri.toString());
        if (open) {
          findings += (await deps.diagnostics.refresh(open))?.findings.length ?? 0;
        } else {
          const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
          const { config, project } = await deps.diagnostics.setUp(uri);
          const result = engine.check(text, vscode.workspace.asRelativePath(uri), config, project);
          deps.diagnostics.publishClosed(uri, result.findings);
          findings += result.findings.length;
        }
        checked++;
      }
    },
  );
  deps.log.info(`checked ${checked} of ${files.length} notebooks: ${findings} findings`);
  const message = `Notebook Hygiene: ${findings} finding${findings === 1 ? '' : 's'} in ${checked} notebook${checked === 1 ? '' : 's'}.`;
  const choice = await vscode.window.showInformationMessage(message, 'Show Problems');
  if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

async function fixAll(deps: CommandDeps, confirm: boolean): Promise<NotebookResult | undefined> {
  const result = await activeResult(deps.diagnostics);
  if (!result) return undefined;
  const { plan, count } = safeFixesPlan(result.findings);
  if (count === 0) return result;
  if (confirm) {
    const apply = `Apply ${count} safe fix${count === 1 ? '' : 'es'}`;
    const choice = await vscode.window.showInformationMessage(
      `Notebook Hygiene can fix ${count} finding${count === 1 ? '' : 's'} automatically.`,
      { modal: true },
      apply,
    );
    if (choice !== apply) return result;
  }
  await applyPlan(result.document, plan, 'fix all');
  return (await deps.diagnostics.refresh(result.document)) ?? result;
}

/** Asks for the value an asking fix needs (a version); undefined when the user cancels. */
async function askFor(fix: Fix): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: fix.title,
    prompt: fix.ask?.prompt,
    placeHolder: '1.2.3',
    validateInput: (value) => (isPinnableVersion(value.trim()) ? undefined : 'a version such as 2.2.2 (PEP 440)'),
  });
  return answer?.trim();
}

async function applyAskingFix(notebookUri: vscode.Uri, fix: Fix): Promise<void> {
  const document = await vscode.workspace.openNotebookDocument(notebookUri);
  const answer = await askFor(fix);
  if (answer) await applyPlan(document, answerPlan(fix, answer), fix.title);
}

const PIN_CODES = new Set(['NH201', 'NH204']);

/** Pins every unpinned install and declaration of the notebook: known versions at once, the others asked for. */
async function pinDependencies(deps: CommandDeps): Promise<void> {
  const result = await activeResult(deps.diagnostics);
  if (!result) return;
  const pins = result.findings
    .filter((finding) => PIN_CODES.has(finding.code))
    .flatMap((finding) => finding.fixes.filter((fix) => fix.title.startsWith('Pin ')).slice(0, 1));
  if (pins.length === 0) {
    void vscode.window.showInformationMessage(
      'Notebook Hygiene: every install and declaration of this notebook is pinned.',
    );
    return;
  }
  const plans = [];
  for (const fix of pins) {
    if (!fix.ask) {
      plans.push(fix.plan);
      continue;
    }
    const answer = await askFor(fix);
    if (answer === undefined) return; // cancelled: change nothing
    plans.push(answerPlan(fix, answer));
  }
  const { plan, merged } = mergePlans(plans);
  if (await applyPlan(result.document, plan, 'pin dependencies')) {
    deps.log.info(`pinned ${merged} of ${pins.length} dependencies in ${result.notebook.path}`);
  }
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const showReport = async () => {
    const result = await activeResult(deps.diagnostics);
    if (result) ReportPanel.show(deps.extensionUri, deps.diagnostics, result);
  };
  return [
    vscode.commands.registerCommand(COMMANDS.showReport, showReport),
    vscode.commands.registerCommand(COMMANDS.checkWorkspace, () => checkWorkspace(deps)),
    vscode.commands.registerCommand(COMMANDS.fixAll, () => fixAll(deps, false)),
    vscode.commands.registerCommand(COMMANDS.prepareForReview, async () => {
      const result = await fixAll(deps, true);
      if (result) ReportPanel.show(deps.extensionUri, deps.diagnostics, result);
    }),
    vscode.commands.registerCommand(COMMANDS.revealFinding, revealFinding),
    vscode.commands.registerCommand(COMMANDS.applyAskingFix, applyAskingFix),
    vscode.commands.registerCommand(COMMANDS.pinDependencies, () => pinDependencies(deps)),
  ];
}
