// NH105 skipped-cell: A code cell between executed cells never ran.
import { skippedCell as check } from './checks';
import { defineRule } from '../rule';

export const skippedCell = defineRule({
  code: 'NH105',
  name: 'skipped-cell',
  family: 'hidden-state',
  defaultSeverity: 'info',
  summary: 'A code cell between executed cells never ran.',
  docs: `A code cell that never ran lies between executed cells: the saved outputs below it were
computed without it. Empty cells and unexecuted cells after the last executed one are not reported.

*Fix:* run it (Restart & Run All) or delete it if it is dead code.`,
  run: check,
});
