// NH106 not-idempotent: Running the cell twice gives a different state.
import type { ResolvedRead } from '../../analysis/notebook-model';
import type { CellEvent } from '../../analysis/facts';
import type { Finding } from '../../types';
import { makeFinding } from '../context';
import { defineRule } from '../rule';

export const notIdempotent = defineRule({
  code: 'NH106',
  name: 'not-idempotent',
  family: 'hidden-state',
  defaultSeverity: 'info',
  summary: 'Running the cell twice gives a different state.',
  docs: `A cell reads a name from earlier state and rebinds or accumulates into it, so running it
twice gives a different state: \`x = x + 1\`, \`x += 1\`, \`df = df.drop(...)\`, \`items.append(...)\`,
\`.extend\`, \`.insert\`, \`.update\`. \`df['a'] = 1\`, \`obj.attr = v\` or \`df.drop(..., inplace=True)\` alone are not
reported, nor a name the cell binds before changing it (\`items = []\` then \`items.append(x)\`). Reported once per
name per cell, at the first read.

\`\`\`python
df = df.drop(columns=['id'])   # a second run fails: 'id' is gone
\`\`\`

*Fix:* bind a new name (\`features = df.drop(columns=['id'])\`) or rebuild the value from its source in the
same cell.`,
  run: ({ notebook, model }) => {
    const findings: Finding[] = [];
    const changesEarlierState = (event: CellEvent) =>
      (event.kind === 'bind' && event.rebindsOwnRead === true) || (event.kind === 'update' && event.accumulates);
    const candidates = model.codeCells.filter(({ analysis }) => analysis.facts.events.some(changesEarlierState));
    if (candidates.length === 0) return [];
    // The first read of each name, in the cells that may rebind or add to one.
    const firstReads = new Map<number, Map<string, ResolvedRead>>(
      candidates.map(({ cell }) => [cell.index, new Map()]),
    );
    for (const read of model.reads) {
      const inCell = firstReads.get(read.site.cellIndex);
      if (inCell && !inCell.has(read.name)) inCell.set(read.name, read);
    }
    for (const { cell, analysis } of candidates) {
      const boundHere = new Set<string>();
      const reported = new Set<string>();
      for (const event of analysis.facts.events) {
        if (event.kind !== 'bind' && event.kind !== 'update') continue;
        const firstRead = firstReads.get(cell.index)!.get(event.name);
        if (
          changesEarlierState(event) &&
          !boundHere.has(event.name) &&
          !reported.has(event.name) &&
          firstRead?.status === 'defined'
        ) {
          reported.add(event.name);
          const how = event.kind === 'bind' ? 'reads and rebinds' : `adds to`;
          findings.push(
            makeFinding(notebook, {
              code: 'NH106',
              cellIndex: cell.index,
              range: firstRead.site.range,
              message: `cell ${how} '${event.name}' from earlier state, so running it twice gives a different result`,
            }),
          );
        }
        if (event.kind === 'bind') boundHere.add(event.name);
      }
    }
    return findings;
  },
});
