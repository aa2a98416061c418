// The hidden state rules (NH101–NH107), in code order: the order they run in and the docs list them in.
import { defineFamily } from '../rule';
import { outOfOrderExecution } from './out-of-order-execution';
import { usedBeforeDefined } from './used-before-defined';
import { undefinedName } from './undefined-name';
import { hiddenStateOutput } from './hidden-state-output';
import { skippedCell } from './skipped-cell';
import { notIdempotent } from './not-idempotent';
import { changedSinceRun } from './changed-since-run';

export const HIDDEN_STATE_FAMILY = defineFamily({
  id: 'hidden-state',
  title: 'Hidden state',
  intro: `These rules compare two orders: the notebook order (what Restart & Run All does) and the execution order the
saved \`execution_count\`s record (what actually happened in the kernel). A name read inside a function body is
read where the function is called; methods count as called where their class is first used.`,
  rules: [
    outOfOrderExecution,
    usedBeforeDefined,
    undefinedName,
    hiddenStateOutput,
    skippedCell,
    notIdempotent,
    changedSinceRun,
  ],
});
