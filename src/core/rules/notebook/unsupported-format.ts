// NH003 unsupported-format: The nbformat version is not supported.
import { defineRule } from '../rule';

export const unsupportedFormat = defineRule({
  code: 'NH003',
  name: 'unsupported-format',
  family: 'notebook',
  defaultSeverity: 'error',
  summary: 'The nbformat version is not supported.',
  docs: `\`nbformat\` is missing, not a number, or a version other than 3 and 4 (1 and 2 are older
formats); nothing else is reported on the file. nbformat 3 is not reported: it is upgraded in memory and
analysed; nbformat 4.x is read directly (4.99 included).

\`\`\`
"nbformat": 2       <- NH003: nbformat 2 is not supported
\`\`\`

*Fix:* open and save it in Jupyter to upgrade it to nbformat 4. A file without \`nbformat\` may not be a notebook
at all.`,
});
