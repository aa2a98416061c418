// NH004 syntax-error: A code cell is not valid Python.
import { syntaxError as check } from './checks';
import { defineRule } from '../rule';

export const syntaxError = defineRule({
  code: 'NH004',
  name: 'syntax-error',
  family: 'notebook',
  defaultSeverity: 'error',
  summary: 'A code cell is not valid Python.',
  docs: `A code cell is not valid Python once IPython's escapes (\`%magic\`, \`!shell\`, \`obj?\`) are set
aside. The rest of the cell is still analysed where the parser could recover. Example:

\`\`\`python
images = # TODO
\`\`\`

*Fix:* complete the statement; Restart & Run All stops at this cell.`,
  run: check,
});
