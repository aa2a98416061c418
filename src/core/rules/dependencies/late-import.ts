// NH207 late-import: An import statement below the first code cell that has imports.
import { lateImport as check } from './checks';
import { defineRule } from '../rule';

export const lateImport = defineRule({
  code: 'NH207',
  name: 'late-import',
  family: 'dependencies',
  defaultSeverity: 'info',
  summary: 'An import statement below the first code cell that has imports.',
  docs: `An import statement below the first code cell that has imports (magics and comments above them
are fine): readers see what the notebook needs only by reading all of it. *Fix:* move the import to the imports
cell at the top.`,
  run: check,
});
