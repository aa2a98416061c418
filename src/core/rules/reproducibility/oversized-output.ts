// NH405 oversized-output: A cell's saved outputs (or the whole notebook) are large: noise in review and in git.
import { oversizedOutput as check } from './checks';
import { defineRule } from '../rule';

export const oversizedOutput = defineRule({
  code: 'NH405',
  name: 'oversized-output',
  family: 'reproducibility',
  defaultSeverity: 'info',
  summary: 'A cell\'s saved outputs (or the whole notebook) are large: noise in review and in git.',
  docs: `A cell's saved outputs exceed 1 MB, or the notebook exceeds 10 MB (constants for now): noise
in review and in git. *Fix:* clear the outputs (\`nbstripout\`), or write large images and tables to files.`,
  run: check,
});
