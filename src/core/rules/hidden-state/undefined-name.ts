// NH103 undefined-name: A name is defined nowhere in the notebook; it only existed in the kernel.
import type { ResolvedRead } from '../../analysis/dataflow';
import type { Finding } from '../../types';
import { cellLabel, makeFinding } from '../context';
import { defineRule } from '../rule';

export const undefinedName = defineRule({
  code: 'NH103',
  name: 'undefined-name',
  family: 'hidden-state',
  defaultSeverity: 'error',
  summary: 'A name is defined nowhere in the notebook; it only existed in the kernel.',
  docs: `A name is read and defined nowhere in the notebook (not a builtin, not one of IPython's
names like \`display\`, \`In\`, \`Out\`, \`_\`, and not reachable through a star import, \`%run\` or \`%load\` before it):
it only ever existed in the kernel. A free name in a function body that nothing defines is reported at that
read, whether or not the function is called. After \`del x\` with no later definition the message says where it
was deleted.

\`\`\`python
threshold = threshold * 1.1   # NH103: 'threshold' was never assigned in any cell
\`\`\`

*Fix:* add the cell that defines it (the kernel still has the value: print it and write it down).`,
  run: ({ notebook, model }) => {
    const findings: Finding[] = [];
    for (const read of model.reads) {
      if (read.status !== 'undefined') continue;
      findings.push(makeFinding(notebook, { code: 'NH103', cellIndex: read.site.cellIndex, range: read.site.range, message: undefinedMessage(read) }));
    }
    for (const read of model.undefinedBodyReads) {
      findings.push(
        makeFinding(notebook, {
          code: 'NH103',
          cellIndex: read.site.cellIndex,
          range: read.site.range,
          message: `name '${read.name}' (read in '${read.callee}') is defined nowhere in the notebook; it only ever existed in the kernel`,
        }),
      );
    }
    return findings;
  },
});

function undefinedMessage(read: ResolvedRead): string {
  if (read.deletedIn !== undefined) {
    return `name '${read.name}' is not defined: it was deleted in ${cellLabel(read.deletedIn)} and no later cell defines it again`;
  }
  return `name '${read.name}' is defined nowhere in the notebook; it only ever existed in the kernel`;
}
