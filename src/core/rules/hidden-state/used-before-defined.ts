// NH102 used-before-defined: A name is read before the cell that defines it; Restart & Run All fails.
import type { Finding } from '../../types';
import { cellLabel, makeFinding } from '../context';
import { defineRule } from '../rule';

export const usedBeforeDefined = defineRule({
  code: 'NH102',
  name: 'used-before-defined',
  family: 'hidden-state',
  defaultSeverity: 'error',
  summary: 'A name is read before the cell that defines it; Restart & Run All fails.',
  docs: `A cell reads a name that no earlier cell defines but a later cell does: Restart & Run
All fails here with \`NameError\`. Also reported at a call that runs a function before a name its body reads is
defined (related: the definition and the read in the body), once per cell, function and name. A name read after
\`del\` and defined again later is NH102 too. Not reported after a star import, \`%run\`, \`%load\` or \`exec()\`
above the read: the name may come from there.

\`\`\`python
# cell 1
totals = summarise(sales)   # NH102: 'sales' is defined in cell 2
# cell 2
sales = load()
\`\`\`

*Fix:* move the defining cell above, or the reading cell below.`,
  run: ({ notebook, model }) => {
    const findings: Finding[] = [];
    for (const read of model.reads) {
      if (read.status !== 'used-before-defined' || !read.laterDefinition) continue;
      const definition = read.laterDefinition;
      findings.push(
        makeFinding(notebook, {
          code: 'NH102',
          cellIndex: read.site.cellIndex,
          range: read.site.range,
          message: `name '${read.name}' is used before it is defined (defined in ${cellLabel(definition.cellIndex)}); Restart & Run All fails here with NameError`,
          related: [{ message: `'${read.name}' is defined here`, cellIndex: definition.cellIndex, range: definition.range }],
        }),
      );
    }
    const reported = new Set<string>();
    for (const callRead of model.callTimeReads) {
      const key = `${callRead.call.cellIndex}:${callRead.callee}:${callRead.name}`;
      if (reported.has(key)) continue;
      reported.add(key);
      findings.push(
        makeFinding(notebook, {
          code: 'NH102',
          cellIndex: callRead.call.cellIndex,
          range: callRead.call.range,
          message: `'${callRead.callee}' runs here and reads '${callRead.name}', which is only defined later (in ${cellLabel(callRead.laterDefinition.cellIndex)}); Restart & Run All fails here with NameError`,
          related: [
            { message: `'${callRead.name}' is defined here`, cellIndex: callRead.laterDefinition.cellIndex, range: callRead.laterDefinition.range },
            { message: `'${callRead.callee}' reads '${callRead.name}' here`, cellIndex: callRead.bodyRead.cellIndex, range: callRead.bodyRead.range },
          ],
        }),
      );
    }
    return findings;
  },
});
