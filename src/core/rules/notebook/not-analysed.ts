// NH005 not-analysed: The kernel language is not Python, so the notebook is not analysed.
import { defineRule } from '../rule';

export const notAnalysed = defineRule({
  code: 'NH005',
  name: 'not-analysed',
  family: 'notebook',
  defaultSeverity: 'info',
  summary: 'The kernel language is not Python, so the notebook is not analysed.',
  docs: `The kernel language (\`metadata.language_info.name\`, else \`metadata.kernelspec.language\`) is not
Python (R, Julia, ...), so no other rule runs on the notebook. A notebook whose metadata names no language is
analysed as Python and not reported.

\`\`\`
"kernelspec": {"name": "ir", "language": "R"}    <- NH005: not analysed: kernel language r
\`\`\`

*Fix:* nothing to fix in an R or Julia notebook (\`ignore = ["NH005"]\` hides it). If the notebook is Python, set
its kernel to a Python one and save.`,
});
