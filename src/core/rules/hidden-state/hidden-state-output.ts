// NH104 hidden-state-output: A saved output was computed from state a clean run would not have.
import { lastWriterByExecution } from '../../analysis/dataflow';
import type { CodeCell, NotebookModel, Site } from '../../analysis/notebook-model';
import type { Cell, Notebook } from '../../notebook/notebook';
import type { Finding, RelatedLocation } from '../../types';
import { clearOutputsFix } from '../../refactor/cell-text-edits';
import { cellLabel, makeFinding, runLabel, withFixes } from '../context';
import { defineRule } from '../rule';
import { cellHeadRange } from '../cell-ranges';
import { codeCellsByIndex, hasSavedOutput, rerunGivesSameValue, sameValue, sessionRestarts } from './execution-history';

export const hiddenStateOutput = defineRule({
  code: 'NH104',
  name: 'hidden-state-output',
  family: 'hidden-state',
  defaultSeverity: 'warning',
  enabledByDefault: false,
  summary: 'A saved output was computed from state a clean run would not have.',
  docs: `Off by default: on the shared corpus 6 of its 12 findings were right; the others were true by the counts but
the older value gave the same output (a table rebuilt from the same data, shapes, a deterministic recompute), which
no reading of the code can tell. \`nbhygiene verify\` runs the notebook and says which outputs really differ. Turn it
on with \`extend-select = ["NH104"]\`.

A cell with a saved output read a name whose value, by the execution counts, was not the one a
clean top-to-bottom run gives it:

- the cell a clean run takes the name from ran again (or first) only after this cell, so the output used an older
  value; or
- another cell that sets the name ran between that cell and this one, so the output used that cell's value.

Reads through a function count too: \`report()\` reads the \`rate\` its body uses when it runs. One finding per
cell, at the first such read; the message names the others.

Not reported, because the counts cannot show anything wrong there:

- a cell with no saved output (nothing stale to show) and a cell that never ran;
- a name whose clean-run source has no execution count: a count can be cleared (Colab saves none, people clear
  the cells that print credentials), so "never ran" cannot be told from "ran";
- a cell that runs again an import, a def or a class: it binds the same module, function or class again (the def's
  source as saved; an edit between two runs leaves no trace in the file); and another cell whose write gives the
  same value (the same import, the same literal, the same def);
- a notebook whose counts come from two kernel sessions: NH101 reports that once, and no count compares across it;
- a read already reported as NH102 or NH103, and names the cell sets itself before reading them.

An update counts as a new value: \`df['a'] = 1\` or \`o.grad = 1.0\` in a cell that ran before this one changes
what this cell showed, though it keeps the object.

\`\`\`
[1] x = 1
[3] print(x)   # NH104: when this ran, x held the value from cell 3
[2] x = 2
\`\`\`

*Fix:* Restart & Run All, check the outputs still say what the text claims, then save (the editor offers it when the
Jupyter extension is there). "Clear the stale outputs of cell N" drops the output a clean run would not give
(\`nbhygiene fix --unsafe\`).`,
  run: ({ notebook, model }) => {
    if (sessionRestarts(notebook) !== null) return [];
    const codeCells = codeCellsByIndex(model);
    const findings: Finding[] = [];
    for (const [cellIndex, reads] of readsByCell(model)) {
      const reader = notebook.cells[cellIndex]!;
      if (reader.executionCount === null || !hasSavedOutput(reader)) continue;
      const stale: Stale[] = [];
      for (const read of reads) {
        const found = staleRead(notebook, model, codeCells, reader, read);
        if (found && !stale.some((other) => other.read.name === read.name)) stale.push(found);
      }
      if (stale.length > 0)
        findings.push(
          withFixes(finding(notebook, reader, stale), [
            clearOutputsFix(`Clear the stale outputs of ${cellLabel(reader.index)}`, [reader.index]),
          ]),
        );
    }
    return findings;
  },
});

interface Read {
  name: string;
  site: Site;
  provider: Site;
  /** Set for a read made by a function's body when the function is used at `site`. */
  callee?: string;
}

interface Stale {
  read: Read;
  /** The cell a clean run takes the name from. */
  provider: Cell;
  /** The cell whose value the kernel had instead; null when the provider ran only after the reader. */
  kernelSource: Cell | null;
}

/** Every read of a name some earlier cell provides, per reading cell, in source order. */
function readsByCell(model: NotebookModel): Map<number, Read[]> {
  const byCell = new Map<number, Read[]>();
  const add = (read: Read) => {
    if (read.provider.cellIndex === read.site.cellIndex) return; // set by the cell itself before the read
    const list = byCell.get(read.site.cellIndex) ?? [];
    list.push(read);
    byCell.set(read.site.cellIndex, list);
  };
  for (const read of model.reads) {
    if (read.status === 'defined' && read.provider) add({ name: read.name, site: read.site, provider: read.provider });
  }
  for (const read of model.callReads)
    add({ name: read.name, site: read.call, provider: read.provider, callee: read.callee });
  for (const list of byCell.values())
    list.sort(
      (a, b) =>
        a.site.range.start.line - b.site.range.start.line ||
        a.site.range.start.character - b.site.range.start.character,
    );
  return new Map([...byCell].sort(([a], [b]) => a - b));
}

function staleRead(
  notebook: Notebook,
  model: NotebookModel,
  codeCells: Map<number, CodeCell>,
  reader: Cell,
  read: Read,
): Stale | null {
  const provider = notebook.cells[read.provider.cellIndex]!;
  const providerCode = codeCells.get(provider.index);
  const readCount = reader.executionCount!;
  // No count: never ran, or ran with its count cleared; the file cannot say which.
  if (provider.executionCount === null || !providerCode) return null;
  // The same count twice (a copied cell keeps its count): it tells nothing about which ran first.
  if (provider.executionCount === readCount) return null;
  if (provider.executionCount > readCount) {
    return rerunGivesSameValue(providerCode, read.name) ? null : { read, provider, kernelSource: null };
  }
  const kernelIndex = lastWriterByExecution(model, read.name, readCount);
  if (kernelIndex === null || kernelIndex === provider.index) return null;
  const kernelCode = codeCells.get(kernelIndex);
  if (!kernelCode || sameValue(kernelCode, providerCode, read.name)) return null;
  return { read, provider, kernelSource: notebook.cells[kernelIndex]! };
}

function finding(notebook: Notebook, reader: Cell, stale: Stale[]): Finding {
  const [first, ...others] = stale as [Stale, ...Stale[]];
  const related: RelatedLocation[] = [
    {
      message: `a clean run takes '${first.read.name}' from here`,
      cellIndex: first.provider.index,
      range: first.read.provider.range,
    },
  ];
  if (first.kernelSource) {
    related.push({
      message: `the kernel had '${first.read.name}' from here`,
      cellIndex: first.kernelSource.index,
      range: cellHeadRange(first.kernelSource),
    });
  }
  const also = others.length === 0 ? '' : ` (also ${others.map((other) => `'${other.read.name}'`).join(', ')})`;
  return makeFinding(notebook, {
    code: 'NH104',
    cellIndex: reader.index,
    range: first.read.site.range,
    message: message(first, reader) + also,
    related,
  });
}

function message({ read, provider, kernelSource }: Stale, reader: Cell): string {
  const name = read.callee ? `'${read.callee}' reads '${read.name}', which` : `'${read.name}'`;
  const run = runLabel(reader.executionCount);
  if (kernelSource === null) {
    return `${name} was set by ${cellLabel(provider.index)} (run ${runLabel(provider.executionCount)}) only after this cell ran (run ${run}): its saved output used an older value`;
  }
  return `when this cell ran (${run}), ${name} held the value from ${cellLabel(kernelSource.index)} (run ${runLabel(kernelSource.executionCount)}), but a clean run takes it from ${cellLabel(provider.index)} (run ${runLabel(provider.executionCount)}): its saved output may not be reproducible`;
}
