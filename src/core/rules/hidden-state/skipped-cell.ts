// NH105 skipped-cell: A code cell between executed cells has no count, and an output below depends on it.
import { lastWriterByExecution } from '../../analysis/dataflow';
import type { CodeCell } from '../../analysis/notebook-model';
import type { Cell } from '../../notebook/notebook';
import type { Finding } from '../../types';
import { cellLabel, makeFinding, runLabel } from '../context';
import { defineRule } from '../rule';
import { cellHeadRange } from '../cell-ranges';
import { codeCellsByIndex, hasSavedOutput, isColabNotebook } from './execution-history';

export const skippedCell = defineRule({
  code: 'NH105',
  name: 'skipped-cell',
  family: 'hidden-state',
  defaultSeverity: 'info',
  enabledByDefault: false,
  summary: 'A code cell between executed cells has no count, and an output below depends on it.',
  docs: `A code cell with no execution count lies between executed cells, it sets a name that a later
executed cell with a saved output reads, and that cell had the name from another cell that ran: if the cell never
ran, that saved output was computed without it.

Off by default (turn it on with \`extend-select = ["NH105"]\`): a missing count does not prove a cell never ran.
Colab saves no count for cells it ran, and people clear the cells that print credentials or long logs, so in the
labelled sample of real notebooks most cells without a count had run. To keep the guesses out it also says
nothing:

- in a notebook saved by Colab;
- when a later executed cell read a name only this cell sets: that read worked, so the cell ran;
- for a cell that only updates the name (\`model.fit()\`, \`df['a'] = 1\`): had it not run, the read below would
  most often have failed;
- for a cell nothing below reads from (comments, a print, a block a later cell redefines), and cells after the
  last executed one.

\`\`\`
[1] df = load()
[ ] df = df.dropna()    <- NH105: if it never ran, cell 3's output counted the missing rows
[2] df.describe()
\`\`\`

*Fix:* run it (Restart & Run All) or delete it if it is dead code.`,
  run: ({ notebook, model }) => {
    if (isColabNotebook(notebook)) return [];
    const counted = notebook.cells.filter((cell) => cell.kind === 'code' && cell.executionCount !== null);
    if (counted.length === 0) return [];
    const firstRun = counted[0]!.index;
    const lastRun = counted[counted.length - 1]!.index;
    const isSkipped = (cell: Cell) =>
      cell.kind === 'code' && cell.executionCount === null && cell.index > firstRun && cell.index < lastRun;

    const codeCells = codeCellsByIndex(model);
    // A later executed cell read a name only a skipped cell sets, and the read worked: that cell ran.
    const provedRun = new Set<number>();
    // The first later read, per skipped cell, that a cell which ran answered instead.
    const dependents = new Map<number, { reader: Cell; name: string; kernelSource: Cell }>();
    for (const read of model.reads) {
      if (read.status !== 'defined' || !read.provider) continue;
      const provider = notebook.cells[read.provider.cellIndex]!;
      const reader = notebook.cells[read.site.cellIndex]!;
      if (!isSkipped(provider) || reader.executionCount === null || reader.index === provider.index) continue;
      const kernelIndex = lastWriterByExecution(model, read.name, reader.executionCount);
      if (kernelIndex === null) {
        if (hasSavedOutput(reader)) provedRun.add(provider.index);
        continue;
      }
      if (!hasSavedOutput(reader) || dependents.has(provider.index)) continue;
      // An update that did not run (\`model.fit()\`) would most often have broken the read: the cell likely ran.
      if (!bindsName(codeCells.get(provider.index), read.name)) continue;
      dependents.set(provider.index, { reader, name: read.name, kernelSource: notebook.cells[kernelIndex]! });
    }

    const findings: Finding[] = [];
    for (const [cellIndex, { reader, name, kernelSource }] of [...dependents].sort(([a], [b]) => a - b)) {
      if (provedRun.has(cellIndex)) continue;
      const cell = notebook.cells[cellIndex]!;
      findings.push(
        makeFinding(notebook, {
          code: 'NH105',
          cellIndex,
          range: cellHeadRange(cell),
          message: `cell has no execution count, though cells above and below ran: if it never ran, ${cellLabel(reader.index)}'s saved output (run ${runLabel(reader.executionCount)}) used '${name}' from ${cellLabel(kernelSource.index)} instead of this cell's`,
          related: [
            {
              message: `reads '${name}' from the cell without a count`,
              cellIndex: reader.index,
              range: cellHeadRange(reader),
            },
            { message: `'${name}' the kernel had`, cellIndex: kernelSource.index, range: cellHeadRange(kernelSource) },
          ],
        }),
      );
    }
    return findings;
  },
});

function bindsName(codeCell: CodeCell | undefined, name: string): boolean {
  return codeCell?.analysis.facts.events.some((event) => event.kind === 'bind' && event.name === name) ?? false;
}
