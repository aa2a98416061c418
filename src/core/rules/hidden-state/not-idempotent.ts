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
  enabledByDefault: false,
  summary: 'Running the cell twice gives a different state.',
  docs: `Off by default: on the shared corpus 14 of its 17 findings were right; the rest were teaching cells that show an
API step by step (\`dataset = dataset.batch(7)\` in a tf.data lesson), true but of no use there. Turn it on with
\`extend-select = ["NH106"]\`.

A cell changes a name it reads from earlier state in a way that a second run changes again, so running
it twice gives a different state. Reported: arithmetic on the name (\`x = x + 1\`, \`x += 1\`, \`X = X / 255.\`),
concatenation with it (\`lst = lst + [v]\`, \`df = pd.concat([df, more])\`, \`np.append(x, v)\`, \`np.vstack\`,
\`torch.cat\`), methods that add, move or reshape (\`df.join\`, \`df.merge\`, \`df.append\`, \`df.set_index\`,
\`df.drop\`, \`df.reset_index()\`, \`ds.batch\`, \`ds.window\`, \`ds.train_test_split\`) or return another type
(\`s.split\`, \`x.to_numpy()\`), calling the name itself (\`f = f(3)\`), wrapping a function again (\`f = trace(f)\`
after \`def f\`), and \`items.append/extend/insert(...)\` when \`items\` was bound to a list or a deque.

Not reported: rebinds that give the same value on a second run or cannot be told (\`y = y.astype(np.uint8)\`,
\`x = np.array(x)\`, \`clf = clf.fit(X, y)\`, \`df = df.dropna()\`, \`X = (X - X.mean()) / X.std()\`,
\`model = apply_lora(model)\`); \`.append\` on a name not known to be a list (pandas' \`DataFrame.append\` returns a
new frame), on a part of it (\`rows[0].append\`), and \`.update\` or \`.add\` (a dict or set given the same items is
the same); anything inside a for or while loop (a training loop that logs its losses is meant to go on when run
again); \`df['a'] = 1\`, \`obj.attr = v\`, \`inplace=True\`; a name the cell binds afresh before changing it
(\`items = []\` then \`items.append(x)\`). Reported once per name per cell, at the first read.

\`\`\`python
df = df.drop(columns=['id'])   # a second run fails: 'id' is gone
X_test = X_test / 255.         # a second run scales the pixels again
\`\`\`

*Fix:* bind a new name (\`features = df.drop(columns=['id'])\`) or rebuild the value from its source in the
same cell.`,
  run: ({ notebook, model }) => {
    const findings: Finding[] = [];
    const mayChangeEarlierState = (event: CellEvent) =>
      (event.kind === 'bind' && (event.rebindsOwnRead === 'differs' || event.rebindsOwnRead === 'wraps')) ||
      (event.kind === 'update' && event.accumulates);
    if (!model.codeCells.some(({ analysis }) => analysis.facts.events.some(mayChangeEarlierState))) return [];
    // The first read of each name in each cell.
    const firstReads = new Map<number, Map<string, ResolvedRead>>();
    for (const read of model.reads) {
      const inCell = firstReads.get(read.site.cellIndex) ?? new Map<string, ResolvedRead>();
      if (!inCell.has(read.name)) inCell.set(read.name, read);
      firstReads.set(read.site.cellIndex, inCell);
    }
    // The last bind of each name in the cells above, in notebook order: what the name holds when the cell runs.
    const earlierBinds = new Map<string, BindEvent>();
    for (const { cell, analysis } of model.codeCells) {
      const events = analysis.facts.events;
      if (events.some(mayChangeEarlierState)) {
        const boundHere = new Set<string>();
        const reported = new Set<string>();
        for (const event of events) {
          if (event.kind !== 'bind' && event.kind !== 'update') continue;
          const firstRead = firstReads.get(cell.index)?.get(event.name);
          if (
            changesEarlierState(event, earlierBinds.get(event.name)) &&
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
          // `ds = ds.shuffle()` then `ds = ds.batch(32)`: the value still comes from the earlier state.
          if (event.kind === 'bind' && event.rebindsOwnRead === undefined) boundHere.add(event.name);
        }
      }
      for (const event of events) if (event.kind === 'bind') earlierBinds.set(event.name, event);
    }
    return findings;
  },
});

type BindEvent = Extract<CellEvent, { kind: 'bind' }>;

/**
 * A second run changes the name again: the walker saw a rebind that differs; `f = wrap(f)` when f was a function;
 * `items.append(...)` when items was bound to a list (a DataFrame's `.append` returns a new frame and changes nothing).
 */
function changesEarlierState(event: CellEvent, earlierBind: BindEvent | undefined): boolean {
  if (event.kind === 'bind') {
    if (event.rebindsOwnRead === 'differs') return true;
    return event.rebindsOwnRead === 'wraps' && earlierBind?.callable?.kind === 'function';
  }
  return event.kind === 'update' && event.accumulates && earlierBind?.listValue === true;
}
