// NH104 hidden-state-output: A saved output was computed from state a clean run would not have.
import { lastWriterByExecution, type ResolvedRead } from '../../analysis/dataflow';
import type { Cell } from '../../notebook/model';
import type { Finding } from '../../types';
import { cellLabel, makeFinding, runLabel } from '../context';
import { defineRule } from '../rule';
import { cellHeadRange } from './cell-ranges';

export const hiddenStateOutput = defineRule({
  code: 'NH104',
  name: 'hidden-state-output',
  family: 'hidden-state',
  defaultSeverity: 'warning',
  summary: 'A saved output was computed from state a clean run would not have.',
  docs: `An executed cell read a name whose value, by the execution counts, came from a
different cell (or a different run) than the one a clean top-to-bottom run would use, or from a cell that never
ran. Its saved outputs may not be reproducible. Reported once per name per cell, at the first read, and never on
a read already reported as NH102 or NH103. Cells that never ran are not reported, nor names the cell sets itself
before reading them. Related information points at the cell a clean run takes the name from and, when there is
one, the cell the kernel had it from.

\`\`\`
[1] x = 1
[3] print(x)   # NH104: when this ran, x held the value from cell 3
[2] x = 2
\`\`\`

*Fix:* Restart & Run All, check the outputs still say what the text claims, then save.`,
  run: ({ notebook, model }) => {
    const findings: Finding[] = [];
    // Names already looked at, per reading cell: one finding per name and cell.
    const seen = new Map<number, Set<string>>();
    for (const read of model.reads) {
      const reader = notebook.cells[read.site.cellIndex]!;
      if (read.status !== 'defined' || !read.provider || reader.executionCount === null) continue;
      if (read.provider.cellIndex === reader.index) continue;
      let seenHere = seen.get(reader.index);
      if (!seenHere) seen.set(reader.index, (seenHere = new Set()));
      if (seenHere.has(read.name)) continue;
      seenHere.add(read.name);
      const provider = notebook.cells[read.provider.cellIndex]!;
      const execIndex = lastWriterByExecution(model, read.name, reader.executionCount);
      if (execIndex === provider.index) continue;
      const execProvider = execIndex === null ? null : notebook.cells[execIndex]!;
      const related = [{ message: `a clean run takes '${read.name}' from here`, cellIndex: provider.index, range: read.provider.range }];
      if (execProvider) related.push({ message: `the kernel had '${read.name}' from here`, cellIndex: execProvider.index, range: cellHeadRange(execProvider) });
      findings.push(
        makeFinding(notebook, {
          code: 'NH104',
          cellIndex: reader.index,
          range: read.site.range,
          message: hiddenStateMessage(read, reader, provider, execProvider),
          related,
        }),
      );
    }
    return findings;
  },
});

function hiddenStateMessage(read: ResolvedRead, reader: Cell, provider: Cell, execProvider: Cell | null): string {
  const clean = `a clean run takes it from ${cellLabel(provider.index)}`;
  if (provider.executionCount === null) {
    return `'${read.name}' comes from ${cellLabel(provider.index)}, which never ran: this cell's saved output (run ${runLabel(reader.executionCount)}) was computed from other state`;
  }
  if (execProvider === null) {
    return `'${read.name}' was set by ${cellLabel(provider.index)} only after this cell ran (run ${runLabel(provider.executionCount)} > ${runLabel(reader.executionCount)}): the saved output used an older value`;
  }
  return `when this cell ran (${runLabel(reader.executionCount)}), '${read.name}' held the value from ${cellLabel(execProvider.index)} (run ${runLabel(execProvider.executionCount)}), but ${clean}: the saved output may not be reproducible`;
}
