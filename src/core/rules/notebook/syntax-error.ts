// NH004 syntax-error: A code cell is not valid Python.
import type { CellFacts } from '../../analysis/facts';
import { kernelFacts } from '../../python/builtins';
import type { Finding, Range } from '../../types';
import { makeFinding } from '../context';
import { defineRule } from '../rule';

export const syntaxError = defineRule({
  code: 'NH004',
  name: 'syntax-error',
  family: 'notebook',
  defaultSeverity: 'error',
  summary: 'A code cell is not valid Python.',
  docs: `A code cell is not valid Python once IPython's escapes (\`%magic\`, \`!shell\`, \`obj?\`, the auto-call
\`/f a b\`, \`,f a b\`, \`;f a b\`) are set aside. One finding per cell, at the first error; the message counts the
others. The rest of the cell is still analysed where the parser could recover. Also reported: \`x =\` with nothing
after it, and Python 2's \`print x\` / \`exec code\` in a Python 3 notebook. A cell that clearly is another language
says which (\`looks like SQL: use %%sql or a raw/markdown cell\`; Scala: a Spark kernel or \`%%spark\`; shell
commands: \`!\` or \`%%bash\`).

Not reported: cells whose body is not Python (\`%%bash\`, \`%%html\`); a cell pasted from a console, whose
prompts IPython strips before running it (\`>>> \`/\`... \` when the first line has \`>>>\`, \`In [1]: \`/\`   ...: \`;
analysed without them when every line has one); \`print x\` in a Python 2 notebook or an
nbformat 3 one, which does not say its language (the IPython 2 era); an exercise blank left on purpose with a
comment, \`x = # TODO\` (it still binds \`x\`, so the cells after it are not NH102/NH103); a block holding only
comments (extraction refuses such cells); a cell whose only code is a name followed by \`.\` or \`(\` (\`numpy.random.\`,
\`int(\`: typed to show tab completion or a call's tooltip, as IPython's own example notebooks do). Example:

\`\`\`python
b = = 2          # NH004: syntax error: unexpected '= 2'
\`\`\`

*Fix:* complete the statement; Restart & Run All stops at this cell.`,
  run: ({ notebook, model }) => {
    const findings: Finding[] = [];
    // Python 2's `print x` is valid where the kernel is Python 2; the cell facts cannot know it (cached by text). An
    // nbformat 3 notebook (IPython 2 and before) does not say its language: the Python 2 era, so not reported there.
    const python2 = kernelFacts(notebook).python2;
    for (const { cell, analysis } of model.codeCells) {
      const errors = python2 ? analysis.facts.syntaxErrors : withPython2Statements(analysis.facts);
      const [first, ...rest] = errors;
      // The demo test splits the cell into lines: only for the few cells with an error.
      if (!first || isCompletionDemo(cell.source)) continue;
      const more = rest.length > 0 ? ` (and ${rest.length} more in this cell)` : '';
      findings.push(
        makeFinding(notebook, {
          code: 'NH004',
          cellIndex: cell.index,
          range: first.range,
          message: `${first.message}${more}`,
        }),
      );
    }
    return findings;
  },
});

// `numpy.random.` or `int(` as the cell's only code: typed to show tab completion or a call tooltip, as IPython's own
// example notebooks do. Nobody meant it as a statement, so it is not reported.
const COMPLETION_DEMO = /^[A-Za-z_][\w.]*[.(]$/;

function isCompletionDemo(source: string): boolean {
  const code = source.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  return code.length === 1 && COMPLETION_DEMO.test(code[0]!.trim());
}

function startsBefore(a: Range, b: Range): boolean {
  return a.start.line < b.start.line || (a.start.line === b.start.line && a.start.character < b.start.character);
}

function withPython2Statements(facts: CellFacts): CellFacts['syntaxErrors'] {
  if (facts.python2Statements.length === 0) return facts.syntaxErrors;
  const python2 = facts.python2Statements.map((range) => ({
    range,
    message:
      'syntax error: a Python 2 statement (`print x`, `exec code`) in a Python 3 notebook: call print(x) / exec(code)',
  }));
  return [...facts.syntaxErrors, ...python2].sort((a, b) =>
    startsBefore(a.range, b.range) ? -1 : startsBefore(b.range, a.range) ? 1 : 0,
  );
}
