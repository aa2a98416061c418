// NH107 changed-since-run: A cell's text changed after it last ran, so its saved output belongs to other code.
import { cellLabel, makeFinding, runLabel } from '../context';
import { defineRule } from '../rule';
import { cellHeadRange } from '../cell-ranges';

export const changedSinceRun = defineRule({
  code: 'NH107',
  name: 'changed-since-run',
  family: 'hidden-state',
  defaultSeverity: 'info',
  enabledByDefault: false,
  summary: "A cell's text changed after it last ran, so its saved output belongs to other code.",
  docs: `In the editor: a code cell that ran (it has a count) was edited since, so its outputs, and every
output below that read what it defines, came from the code it had then. VS Code drops a cell's count as soon as its
text changes; nbhygiene keeps the count of the last run for the execution-order rules (NH101, NH104, NH105), so an
edit, a quick fix or a suppression comment does not change what they report in the editor, and reports the edit here
instead. (The ipynb serializer still saves no count for an edited cell.)

Off by default (turn it on with \`extend-select = ["NH107"]\`): it fires on every cell being worked on, and only the
editor can see it: a saved \`.ipynb\` does not record the text a cell had when it ran, so \`nbhygiene check\` never
reports it.

*Fix:* run the cell again (or Restart & Run All).`,
  run: ({ notebook }) =>
    notebook.cells
      .filter((cell) => cell.kind === 'code' && cell.changedSinceRun && cell.executionCount !== null)
      .map((cell) =>
        makeFinding(notebook, {
          code: 'NH107',
          cellIndex: cell.index,
          range: cellHeadRange(cell),
          message: `${cellLabel(cell.index)} changed since its saved output: it last ran as ${runLabel(cell.executionCount)} with other code; run it again`,
        }),
      ),
});
