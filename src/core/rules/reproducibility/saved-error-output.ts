// NH404 saved-error-output: A cell's saved outputs contain an error.
import type { Cell, Notebook } from '../../notebook/notebook';
import { clearOutputsFix } from '../../refactor/cell-text-edits';
import { cellLabel, makeFinding, withFixes, type Rule } from '../context';
import { defineRule } from '../rule';
import { firstLineRange } from '../cell-ranges';

const ANSI = /\u001b\[[0-9;]*m/g;

/** Words with which a comment or the markdown beside a cell says the cell fails (not "error", as in "mean squared error"). */
const SAYS_IT_FAILS =
  /\b(?:exceptions?|raises?|throws?|fails?|failing|oops|can'?t|cannot|an error|(?:does|do|will|would)(?: not|n'?t) work|won'?t work)\b/i;
/** `raise` at the start of a line, or a division by a literal zero: the cell fails because it is written to. */
const RAISES_ON_PURPOSE = /^[ \t]*raise\b|(?<![\w.])\d+(?:\.\d*)?\s*\/\/?\s*0+(?![\w.])/m;
/** A code cell that opens the debugger or prints the last traceback: the error above is there to be looked at. */
const DEBUGS_IT = /^\s*%(?:debug|tb|pdb)\b/;

const findSavedErrors: Rule = (ctx) => {
  if (isTestFixture(ctx.notebook.path)) return [];
  return ctx.notebook.cells.flatMap((cell) => {
    const error = cell.outputs.find((output) => output.outputType === 'error');
    if (!error || shownOnPurpose(ctx.notebook, cell, error.ename ?? null)) return [];
    const evalue = (error.evalue ?? '').replace(ANSI, '').split('\n')[0]!.trim();
    const what = `${error.ename ?? 'Error'}${evalue ? `: ${evalue.length > 80 ? `${evalue.slice(0, 80)}…` : evalue}` : ''}`;
    const finding = makeFinding(ctx.notebook, {
      code: 'NH404',
      cellIndex: cell.index,
      range: firstLineRange(cell),
      message: `${cellLabel(cell.index)} was saved with an error output (${what}): fix the cell or clear its output before sharing`,
    });
    return [withFixes(finding, [clearOutputsFix(`Clear the outputs of ${cellLabel(cell.index)}`, [cell.index])])];
  });
};

/** A notebook in a `tests/` or `test/` folder is a fixture: a saved traceback is what it holds on purpose. */
function isTestFixture(path: string): boolean {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .slice(0, -1)
    .some((folder) => folder === 'tests' || folder === 'test');
}

/**
 * The notebook shows this error on purpose: the cell raises it itself or says in a comment that it fails, the
 * markdown just before or after names the exception or says it fails, or the next code cell debugs it.
 */
function shownOnPurpose(notebook: Notebook, cell: Cell, ename: string | null): boolean {
  if (RAISES_ON_PURPOSE.test(cell.source)) return true;
  const comments = cell.source.split('\n').map((line) => line.slice(line.indexOf('#') + 1 || line.length));
  if (comments.some((comment) => SAYS_IT_FAILS.test(comment))) return true;
  const before = notebook.cells[cell.index - 1];
  const after = notebook.cells[cell.index + 1];
  for (const beside of [before, after]) {
    if (beside?.kind !== 'markdown') continue;
    if (
      SAYS_IT_FAILS.test(beside.source) ||
      (ename !== null && new RegExp(`\\b${ename.replace(/\W/g, '')}\\b`).test(beside.source))
    )
      return true;
  }
  const nextCode = notebook.cells.slice(cell.index + 1).find((next) => next.kind === 'code');
  return nextCode !== undefined && DEBUGS_IT.test(nextCode.source);
}

export const savedErrorOutput = defineRule({
  code: 'NH404',
  name: 'saved-error-output',
  family: 'reproducibility',
  defaultSeverity: 'warning',
  summary: "A cell's saved outputs contain an error.",
  docs: `A cell was saved with an error output (a traceback); the message names the exception and the
first line of its message. Warnings and other text written to stderr are not errors and are not reported.

Not reported, because the notebook shows the error on purpose: the cell raises it itself (\`raise\`, \`1/0\`) or says
in a comment that it fails; the markdown cell just before or after it names the exception (\`## IndexError: list
index out of range\`) or says it fails (\`Exceptions are formatted nicely:\`, \`Oops\`, \`can't\`, \`raises\`); the next
code cell debugs it (\`%debug\`, \`%tb\`); the notebook is in a \`tests/\` or \`test/\` folder (a fixture).

\`\`\`python
df["price"].mean()   # saved with KeyError: 'price': NH404
\`\`\`
*Fix:* fix the cell, or "Clear the outputs of cell N" (the execution count goes too, as with Jupyter's Clear Output).
Which of the two is right is yours to say, so \`nbhygiene fix\` clears outputs only with \`--unsafe\`.`,
  run: findSavedErrors,
});
