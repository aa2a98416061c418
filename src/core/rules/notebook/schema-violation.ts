// NH002 schema-violation: The notebook breaks the nbformat schema.
import { defineRule } from '../rule';

export const schemaViolation = defineRule({
  code: 'NH002',
  name: 'schema-violation',
  family: 'notebook',
  defaultSeverity: 'warning',
  summary: 'The notebook breaks the nbformat schema.',
  docs: `Valid JSON that breaks the nbformat schema: a code cell without \`outputs\` or
\`execution_count\`, a duplicate cell id, \`metadata.kernelspec\` that is not an object. The message names the
field (\`cell 3: missing required field 'outputs'\`). The notebook is still analysed with defaults where that is
possible; JSON whose top level is not an object is an error and nothing else is reported. Cells of an nbformat
4.5 notebook that lack an \`id\` share one finding, and after 100 findings one more counts the rest.

*Fix:* open and save the notebook in Jupyter or VS Code, which writes the missing fields.`,
});
