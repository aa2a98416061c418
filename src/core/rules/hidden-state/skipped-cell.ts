// NH105 skipped-cell: A code cell between executed cells never ran.
import type { Cell } from '../../notebook/model';
import type { Finding } from '../../types';
import { makeFinding } from '../context';
import { defineRule } from '../rule';
import { cellHeadRange } from './cell-ranges';

export const skippedCell = defineRule({
  code: 'NH105',
  name: 'skipped-cell',
  family: 'hidden-state',
  defaultSeverity: 'info',
  summary: 'A code cell between executed cells never ran.',
  docs: `A code cell that never ran lies between executed cells: the saved outputs below it were
computed without it. Empty cells and unexecuted cells after the last executed one are not reported.

\`\`\`
[1] df = load()
[ ] df = df.dropna()    <- NH105
[2] df.describe()
\`\`\`

*Fix:* run it (Restart & Run All) or delete it if it is dead code.`,
  run: ({ notebook }) => {
    const code = notebook.cells.filter(isCodeWithContent);
    const executed = code.map((cell) => cell.executionCount !== null);
    const firstRun = executed.indexOf(true);
    const lastRun = executed.lastIndexOf(true);
    const findings: Finding[] = [];
    for (let position = firstRun + 1; firstRun >= 0 && position < lastRun; position++) {
      if (executed[position]) continue;
      const cell = code[position]!;
      findings.push(
        makeFinding(notebook, {
          code: 'NH105',
          cellIndex: cell.index,
          range: cellHeadRange(cell),
          message: 'cell never ran, though cells above and below it did: the saved outputs below were computed without it',
        }),
      );
    }
    return findings;
  },
});

function isCodeWithContent(cell: Cell): boolean {
  return cell.kind === 'code' && cell.source.trim() !== '';
}
