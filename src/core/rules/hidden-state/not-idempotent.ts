// NH106 not-idempotent: Running the cell twice gives a different state.
import { notIdempotent as check } from './checks';
import { defineRule } from '../rule';

export const notIdempotent = defineRule({
  code: 'NH106',
  name: 'not-idempotent',
  family: 'hidden-state',
  defaultSeverity: 'info',
  summary: 'Running the cell twice gives a different state.',
  docs: `A cell reads a name from earlier state and rebinds or accumulates into it, so running it
twice gives a different state: \`x = x + 1\`, \`x += 1\`, \`df = df.drop(...)\`, \`items.append(...)\`,
\`.extend\`, \`.insert\`, \`.update\`. \`df['a'] = 1\` or \`obj.attr = v\` alone are not reported. Reported once per name
per cell, at the first read.

\`\`\`python
df = df.drop(columns=['id'])   # a second run fails: 'id' is gone
\`\`\`

*Fix:* bind a new name (\`features = df.drop(columns=['id'])\`) or rebuild the value from its source in the
same cell.`,
  run: check,
});
