// NH101 out-of-order-execution: A cell ran before a cell above it.
import type { NotebookModel } from '../../analysis/notebook-model';
import type { Cell, Notebook } from '../../notebook/notebook';
import type { Finding } from '../../types';
import { clearCountsFix } from '../../refactor/cell-text-edits';
import { cellLabel, makeFinding, runLabel, withFixes } from '../context';
import { defineRule } from '../rule';
import { cellHeadRange } from '../cell-ranges';
import { rerunGivesSameValue, sessionRestarts, type SessionRestarts } from './execution-history';

export const outOfOrderExecution = defineRule({
  code: 'NH101',
  name: 'out-of-order-execution',
  family: 'hidden-state',
  defaultSeverity: 'warning',
  summary: 'A cell ran before a cell above it.',
  docs: `A code cell's execution count is lower than the previous executed code cell's, and the order mattered:
the cell reads a name that a cell above it, which ran later, sets; or it sets a name such a cell reads; or both
set a name some cell reads. One finding per break: counts 3, 1, 2 flag only the cell with 1. Related information
points at the earlier cell that ran later.

Not reported: a cell whose order cannot change any output (comments only, display or styling calls on names
nothing above re-set, constants nobody reads); a cell above that ran later only to import again or define again
what this cell reads (the same module, function or class); cells without a count.

**Kernel sessions.** A kernel numbers its runs once each, so when counts drop and a count above comes again,
the outputs come from more than one kernel session: a restart, often after a \`pip install\`. Then counts compare
nothing across the restart, and NH101 reports it once per notebook, at the first cell where counts start again
("the saved outputs come from more than one kernel session"), instead of one finding per break; NH104 says nothing
in such a notebook. Two neighbours with the same count are not taken for a restart: a copied cell keeps its count.

\`\`\`
[3] a = 1
[1] b = a     <- NH101
[2] c = a + b
\`\`\`

*Fix:* Restart & Run All, then save (the editor offers it when the Jupyter extension is there). "Clear every execution
count" removes the counts and keeps the outputs (\`nbhygiene fix --unsafe\`; the counts are lost).`,
  run: (ctx) => {
    const clearCounts = clearCountsFix(ctx.notebook.cells);
    return findOutOfOrder(ctx).map((finding) => withFixes(finding, [clearCounts]));
  },
});

function findOutOfOrder({ notebook, model }: { notebook: Notebook; model: NotebookModel }): Finding[] {
  const sessions = sessionRestarts(notebook);
  if (sessions) return [sessionFinding(notebook, sessions)];
  const uses = nameUses(model);
  const findings: Finding[] = [];
  let previous: Cell | null = null;
  for (const cell of notebook.cells) {
    if (cell.kind !== 'code' || cell.executionCount === null) continue;
    if (previous && cell.executionCount < previous.executionCount! && orderMatters(notebook, uses, cell)) {
      findings.push(
        makeFinding(notebook, {
          code: 'NH101',
          cellIndex: cell.index,
          range: cellHeadRange(cell),
          message: `cell ran out of order: execution count ${runLabel(cell.executionCount)} is lower than ${runLabel(previous.executionCount)} of ${cellLabel(previous.index)} above it`,
          related: [
            {
              message: `ran later, as ${runLabel(previous.executionCount)}`,
              cellIndex: previous.index,
              range: cellHeadRange(previous),
            },
          ],
        }),
      );
    }
    previous = cell;
  }
  return findings;
}

function sessionFinding(notebook: Notebook, sessions: SessionRestarts): Finding {
  const [first, ...others] = sessions.restarts as [Cell, ...Cell[]];
  const where = listOf(sessions.restarts.map((cell) => cellLabel(cell.index)));
  const [earlier, later] = sessions.sameCount;
  return makeFinding(notebook, {
    code: 'NH101',
    cellIndex: first.index,
    range: cellHeadRange(first),
    message: `the saved outputs come from more than one kernel session: counts start again at ${where}, and count ${runLabel(later.executionCount)} is in both ${cellLabel(earlier.index)} and ${cellLabel(later.index)}, so the counts cannot tell which cell ran first`,
    related: [
      {
        message: `also counted ${runLabel(earlier.executionCount)}, in an earlier session`,
        cellIndex: earlier.index,
        range: cellHeadRange(earlier),
      },
      ...others.map((cell) => ({
        message: `counts start again here, at ${runLabel(cell.executionCount)}`,
        cellIndex: cell.index,
        range: cellHeadRange(cell),
      })),
    ],
  });
}

/** "a", "a and b", "a, b and c". */
function listOf(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

interface NameUse {
  /** Names the cell reads from other cells (its functions' bodies included, where it calls them). */
  reads: Set<string>;
  /** Names the cell binds or updates, with whether running it again gives the same value (import, def, class). */
  writes: Map<string, boolean>;
}

/** Each code cell's names, worked out once per notebook. */
function nameUses(model: NotebookModel): Map<number, NameUse> {
  const uses = new Map<number, NameUse>();
  for (const codeCell of model.codeCells) {
    const writes = new Map<string, boolean>();
    for (const event of codeCell.analysis.facts.events) {
      if (event.kind === 'bind' || event.kind === 'update')
        writes.set(event.name, rerunGivesSameValue(codeCell, event.name));
    }
    uses.set(codeCell.cell.index, { reads: new Set(), writes });
  }
  const addRead = (cellIndex: number, name: string, providerCell: number | undefined) => {
    if (providerCell !== cellIndex) uses.get(cellIndex)?.reads.add(name);
  };
  // Reads a later cell answers count too: in the kernel that cell may have run first.
  for (const read of model.reads)
    if (read.status !== 'predefined') addRead(read.site.cellIndex, read.name, read.provider?.cellIndex);
  for (const read of model.callReads) addRead(read.call.cellIndex, read.name, read.provider.cellIndex);
  return uses;
}

/**
 * Whether the cell ran early against a cell above it that ran later, in a way that can change a saved output: it
 * read a name that cell set (a clean run gives it that cell's value), it set a name that cell read, or both set a
 * name some other cell reads. A cell above that imports or defines again what this one reads rebinds the same value.
 */
function orderMatters(notebook: Notebook, uses: Map<number, NameUse>, cell: Cell): boolean {
  const own = uses.get(cell.index);
  if (!own || (own.reads.size === 0 && own.writes.size === 0)) return false;
  const readElsewhere = (name: string) => [...uses].some(([index, use]) => index !== cell.index && use.reads.has(name));
  for (const above of notebook.cells.slice(0, cell.index)) {
    if (above.executionCount === null || above.executionCount <= cell.executionCount!) continue;
    const theirs = uses.get(above.index);
    if (!theirs) continue;
    for (const [name, sameValue] of theirs.writes) {
      if (own.reads.has(name) && !sameValue) return true;
      if (own.writes.has(name) && !(sameValue && own.writes.get(name)) && readElsewhere(name)) return true;
    }
    for (const name of own.writes.keys()) if (theirs.reads.has(name)) return true;
  }
  return false;
}
