// NH102 used-before-defined: A name is read before the cell that defines it; Restart & Run All fails.
import { usedBeforeDefined as check } from './checks';
import { defineRule } from '../rule';

export const usedBeforeDefined = defineRule({
  code: 'NH102',
  name: 'used-before-defined',
  family: 'hidden-state',
  defaultSeverity: 'error',
  summary: 'A name is read before the cell that defines it; Restart & Run All fails.',
  docs: `A cell reads a name that no earlier cell defines but a later cell does: Restart & Run
All fails here with \`NameError\`. Also reported at a call that runs a function before a name its body reads is
defined (related: the definition and the read in the body). A name read after \`del\` and defined again later is
NH102 too.

\`\`\`python
# cell 1
totals = summarise(sales)   # NH102: 'sales' is defined in cell 2
# cell 2
sales = load()
\`\`\`

*Fix:* move the defining cell above, or the reading cell below.`,
  run: check,
});
