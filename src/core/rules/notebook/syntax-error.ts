// NH004 syntax-error: A code cell is not valid Python.
import type { Finding } from '../../types';
import { makeFinding } from '../context';
import { defineRule } from '../rule';

export const syntaxError = defineRule({
  code: 'NH004',
  name: 'syntax-error',
  family: 'notebook',
  defaultSeverity: 'error',
  summary: 'A code cell is not valid Python.',
  docs: `A code cell is not valid Python once IPython's escapes (\`%magic\`, \`!shell\`, \`obj?\`) are set
aside. One finding per cell, at the first error; the message counts the others. The rest of the cell is still
analysed where the parser could recover. Cells whose body is not Python (\`%%bash\`, \`%%html\`) are not reported,
nor are a few mistakes tree-sitter's grammar accepts: Python 2's \`print x\`, a block holding only comments,
\`x =\` with the value on the next line (extraction refuses such cells). Example:

\`\`\`python
images = # TODO
\`\`\`

*Fix:* complete the statement; Restart & Run All stops at this cell.`,
  run: ({ notebook, model }) => {
    const findings: Finding[] = [];
    for (const { cell, analysis } of model.codeCells) {
      const [first, ...rest] = analysis.facts.syntaxErrors;
      if (!first) continue;
      const more = rest.length > 0 ? ` (and ${rest.length} more in this cell)` : '';
      findings.push(makeFinding(notebook, { code: 'NH004', cellIndex: cell.index, range: first.range, message: `${first.message}${more}` }));
    }
    return findings;
  },
});
