// NH104 hidden-state-output: A saved output was computed from state a clean run would not have.
import { hiddenStateOutput as check } from './checks';
import { defineRule } from '../rule';

export const hiddenStateOutput = defineRule({
  code: 'NH104',
  name: 'hidden-state-output',
  family: 'hidden-state',
  defaultSeverity: 'warning',
  summary: 'A saved output was computed from state a clean run would not have.',
  docs: `An executed cell read a name whose value, by the execution counts, came from a
different cell (or a different run) than the one a clean top-to-bottom run would use, or from a cell that never
ran. Its saved outputs may not be reproducible. Reported once per name per cell, at the first read, and never on
a read already reported as NH102 or NH103. Related information points at both cells.

\`\`\`
[1] x = 1
[3] print(x)   # NH104: when this ran, x held the value from cell 3
[2] x = 2
\`\`\`

*Fix:* Restart & Run All, check the outputs still say what the text claims, then save.`,
  run: check,
});
