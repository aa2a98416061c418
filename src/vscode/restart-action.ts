// "Restart & Run All" for the findings a fresh run clears (NH101 out-of-order counts, NH104 stale outputs): the
// Jupyter extension's command, offered only when that extension is there to run it.
import * as vscode from 'vscode';

export const RESTART_AND_RUN_ALL = 'jupyter.restartkernelandrunallcells';
const CLEARED_BY_A_FRESH_RUN = new Set(['NH101', 'NH104']);

export async function restartAndRunAllAction(
  code: string,
  diagnostic: vscode.Diagnostic,
): Promise<vscode.CodeAction | null> {
  if (!CLEARED_BY_A_FRESH_RUN.has(code)) return null;
  // Asked each time: the Jupyter extension may be installed or enabled while the window is open.
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes(RESTART_AND_RUN_ALL)) return null;
  const action = new vscode.CodeAction(
    'Restart the kernel and run all cells (Jupyter)',
    vscode.CodeActionKind.QuickFix,
  );
  action.diagnostics = [diagnostic];
  action.command = { title: 'Restart & Run All', command: RESTART_AND_RUN_ALL };
  return action;
}
