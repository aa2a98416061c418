// NH404 saved-error-output: A cell's saved outputs contain an error.
import { cellLabel, makeFinding, type Rule } from '../context';
import { defineRule } from '../rule';
import { firstLineRange } from './cell-first-line';

const ANSI = /\u001b\[[0-9;]*m/g;

const findSavedErrors: Rule = (ctx) =>
  ctx.notebook.cells.flatMap((cell) => {
    const error = cell.outputs.find((output) => output.outputType === 'error');
    if (!error) return [];
    const evalue = (error.evalue ?? '').replace(ANSI, '').split('\n')[0]!.trim();
    const what = `${error.ename ?? 'Error'}${evalue ? `: ${evalue.length > 80 ? `${evalue.slice(0, 80)}…` : evalue}` : ''}`;
    return [
      makeFinding(ctx.notebook, {
        code: 'NH404',
        cellIndex: cell.index,
        range: firstLineRange(cell),
        message: `${cellLabel(cell.index)} was saved with an error output (${what}): fix the cell or clear its output before sharing`,
      }),
    ];
  });

export const savedErrorOutput = defineRule({
  code: 'NH404',
  name: 'saved-error-output',
  family: 'reproducibility',
  defaultSeverity: 'warning',
  summary: 'A cell\'s saved outputs contain an error.',
  docs: `A cell was saved with an error output (a traceback); the message names the exception and the
first line of its message. Warnings and other text written to stderr are not errors and are not reported.

\`\`\`python
df["price"].mean()   # saved with KeyError: 'price': NH404
\`\`\`
*Fix:* fix the cell, or clear its outputs before sharing (no automatic fix: which of the two is right is yours to
say).`,
  run: findSavedErrors,
});
