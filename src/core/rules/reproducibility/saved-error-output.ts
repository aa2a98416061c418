// NH404 saved-error-output: A cell's saved outputs contain an error.
import { savedErrorOutput as check } from './checks';
import { defineRule } from '../rule';

export const savedErrorOutput = defineRule({
  code: 'NH404',
  name: 'saved-error-output',
  family: 'reproducibility',
  defaultSeverity: 'warning',
  summary: 'A cell\'s saved outputs contain an error.',
  docs: `A cell was saved with an error output (a traceback). *Fix:* fix the cell, or clear its
outputs before sharing.`,
  run: check,
});
