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
field. The notebook is still analysed with defaults where that is possible. *Fix:* open and save the notebook
in Jupyter or VS Code, which writes the missing fields.`,
});
