// The commands of the "nbhygiene" category.
import * as vscode from 'vscode';
import { safeFixesPlan } from '../core/refactor/merge-plans';
import { pinAllPlan, pinFixes, pinnedName, pinSummary, type PinAnswer } from '../core/refactor/pin-all';
import { isPinnableVersion } from '../core/refactor/fix-values';
import { answerPlan, type Fix } from '../core/types';
import type { DiagnosticsController, NotebookResult } from './diagnostics';
import { applyPlan } from './edits';
import type { EngineService } from './engine-service';
import { COMMANDS, NOTEBOOK_EXCLUDE_GLOB, NOTEBOOK_GLOB, NOTEBOOK_TYPE, TITLE } from './ids';
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
    void vscode.window.showInformationMessage(`${TITLE}: open a Jupyter notebook first.`);
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
  const files = await vscode.workspace.findFiles(NOTEBOOK_GLOB, NOTEBOOK_EXCLUDE_GLOB);
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
  const message = `${TITLE}: ${findings} finding${findings === 1 ? '' : 's'} in ${checked} notebook${checked === 1 ? '' : 's'}.`;
  const choice = await vscode.window.showInformationMessage(message, 'Show Problems');
  if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** "Fix All" and "Prepare for Review": every safe fix of the notebook and its manifests as one edit, listed. */
async function fixAll(deps: CommandDeps, confirm: boolean): Promise<NotebookResult | undefined> {
  const result = await activeResult(deps.diagnostics);
  if (!result) return undefined;
  const { plan, count, titles } = safeFixesPlan(result.findings);
  if (count === 0) {
    if (!confirm) void vscode.window.showInformationMessage(`${TITLE}: no finding of this notebook has a safe fix.`);
    return result;
  }
  const fixes = `${count} safe fix${count === 1 ? '' : 'es'}`;
  if (confirm) {
    const apply = `Apply ${fixes}`;
    const choice = await vscode.window.showInformationMessage(
      `${TITLE}: apply ${fixes} before review?`,
      { modal: true, detail: titles.map((title) => `• ${title}`).join('\n') },
      apply,
    );
    if (choice !== apply) return result;
  }
  if (await applyPlan(result.document, plan, 'Fix All')) {
    deps.log.info(`fix all in ${result.notebook.path}: ${titles.join('; ')}`);
    void vscode.window.showInformationMessage(`${TITLE}: applied ${fixes}: ${titles.join('; ')}.`);
  }
  return (await deps.diagnostics.refresh(result.document)) ?? result;
}

/** Asks for the value an asking fix needs (a version); undefined when the user cancels. */
async function askFor(fix: Fix): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: `${TITLE}: ${fix.title}`,
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

/** The version of each asking pin, asked in turn: empty skips that package; undefined when Esc cancels them all. */
async function askPinVersions(fixes: readonly Fix[]): Promise<PinAnswer[] | undefined> {
  const answers: PinAnswer[] = [];
  for (const [k, fix] of fixes.entries()) {
    const answer = await vscode.window.showInputBox({
      title: `${TITLE}: Pin Dependencies (${k + 1}/${fixes.length})`,
      prompt: `Version of ${pinnedName(fix)} to pin (as in ==X.Y.Z). Leave empty to skip it; Esc cancels every pin.`,
      placeHolder: `version of ${pinnedName(fix)}, or empty to skip`,
      ignoreFocusOut: true,
      validateInput: (value) =>
        value.trim() === '' || isPinnableVersion(value.trim()) ? undefined : 'a version such as 2.2.2 (PEP 440)',
    });
    if (answer === undefined) return undefined;
    answers.push(answer.trim() === '' ? null : answer.trim());
  }
  return answers;
}

/** Pins every unpinned install and declaration of the notebook: known versions at once, the others asked for first. */
async function pinDependencies(deps: CommandDeps): Promise<void> {
  const result = await activeResult(deps.diagnostics);
  if (!result) return;
  const fixes = pinFixes(result.findings);
  if (fixes.length === 0) {
    void vscode.window.showInformationMessage(`${TITLE}: every install and declaration of this notebook is pinned.`);
    return;
  }
  const answers = await askPinVersions(fixes.filter((fix) => fix.ask));
  if (answers === undefined) {
    void vscode.window.showInformationMessage(`${TITLE}: Pin Dependencies cancelled; nothing was changed.`);
    return;
  }
  const pins = pinAllPlan(fixes, answers);
  const summary = pinSummary(pins);
  if (pins.pinned.length > 0 && !(await applyPlan(result.document, pins.plan, 'Pin Dependencies'))) return;
  deps.log.info(`pin dependencies in ${result.notebook.path}: ${summary}; ${pins.pinned.join('; ')}`);
  void vscode.window.showInformationMessage(`${TITLE}: ${summary}.`);
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
