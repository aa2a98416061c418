// NH101 out-of-order-execution: A cell ran before a cell above it.
import { outOfOrderExecution as check } from './checks';
import { defineRule } from '../rule';

export const outOfOrderExecution = defineRule({
  code: 'NH101',
  name: 'out-of-order-execution',
  family: 'hidden-state',
  defaultSeverity: 'warning',
  summary: 'A cell ran before a cell above it.',
  docs: `A code cell's execution count is lower than the previous executed code cell's.
One finding per break: counts 3, 1, 2 flag only the cell with 1. Equal counts are not out of order; cells
without a count are skipped. Related information points at the earlier cell that ran later.

\`\`\`
[3] a = 1
[1] b = 2     <- NH101
[2] c = a + b
\`\`\`

*Fix:* Restart & Run All, then save.`,
  run: check,
});
