// NH005 not-analysed: The kernel language is not Python, so the notebook is not analysed.
import { defineRule } from '../rule';

export const notAnalysed = defineRule({
  code: 'NH005',
  name: 'not-analysed',
  family: 'notebook',
  defaultSeverity: 'info',
  summary: 'The kernel language is not Python, so the notebook is not analysed.',
  docs: `The kernel language (\`metadata.language_info.name\`, else \`metadata.kernelspec.language\`) is not
Python (R, Julia, Scala, ...), so no other rule runs on the notebook. A notebook whose metadata names no language is
analysed as Python and not reported, and so is one under sparkmagic's PySpark kernel (\`pysparkkernel\`, whose
\`language_info.name\` is \`pyspark\`): its cells are Python run on the Spark cluster, with \`sc\` and \`spark\` defined
and its imports left to the cluster (no dependency rule asks for a local manifest).

\`\`\`
"kernelspec": {"name": "ir", "language": "R"}    <- NH005: not analysed: kernel language r
\`\`\`

*Fix:* nothing to fix in an R or Julia notebook (\`ignore = ["NH005"]\` hides it). If the notebook is Python, set
its kernel to a Python one and save.`,
});
