// NH101 out-of-order-execution: A cell ran before a cell above it.
import type { Cell } from '../../notebook/model';
import type { Finding } from '../../types';
import { cellLabel, makeFinding, runLabel } from '../context';
import { defineRule } from '../rule';
import { cellHeadRange } from './cell-ranges';

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
  run: ({ notebook }) => {
    const findings: Finding[] = [];
    let previous: Cell | null = null;
    for (const cell of notebook.cells) {
      if (cell.kind !== 'code' || cell.executionCount === null) continue;
      if (previous && cell.executionCount < previous.executionCount!) {
        findings.push(
          makeFinding(notebook, {
            code: 'NH101',
            cellIndex: cell.index,
            range: cellHeadRange(cell),
            message: `cell ran out of order: execution count ${runLabel(cell.executionCount)} is lower than ${runLabel(previous.executionCount)} of ${cellLabel(previous.index)} above it`,
            related: [{ message: `ran later, as ${runLabel(previous.executionCount)}`, cellIndex: previous.index, range: cellHeadRange(previous) }],
          }),
        );
      }
      previous = cell;
    }
    return findings;
  },
});
