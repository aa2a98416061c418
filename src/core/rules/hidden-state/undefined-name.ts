// NH103 undefined-name: A name is defined nowhere in the notebook; it only existed in the kernel.
import { undefinedName as check } from './checks';
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
  run: check,
});
