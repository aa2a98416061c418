// NH005 not-analysed: The kernel language is not Python, so the notebook is not analysed.
import { defineRule } from '../rule';

export const notAnalysed = defineRule({
  code: 'NH005',
  name: 'not-analysed',
  family: 'notebook',
  defaultSeverity: 'info',
  summary: 'The kernel language is not Python, so the notebook is not analysed.',
  docs: `The kernel language is not Python (R, Julia, ...), so no other rule runs on the notebook.`,
});
