// What the saved execution counts can and cannot tell about the order cells ran in, shared by NH101, NH104, NH105.
import type { CodeCell, NotebookModel } from '../../analysis/notebook-model';
import type { Cell, Notebook } from '../../notebook/notebook';

/** Where the saved counts start again: the proof that the outputs come from more than one kernel session. */
export interface SessionRestarts {
  /** Cells where a new session's counts start, in notebook order (at least one). */
  restarts: Cell[];
  /** Two cells with the same count, the second in the first restart's run of counts: the evidence. */
  sameCount: [earlier: Cell, later: Cell];
}

/** Code cells with a count, empty ones left out: IPython does not count running an empty cell, which shows the count before. */
function countedCells(notebook: Notebook): Cell[] {
  return notebook.cells.filter(
    (cell) => cell.kind === 'code' && cell.executionCount !== null && cell.source.trim() !== '',
  );
}

/**
 * A kernel numbers its runs 1, 2, 3... once each, so the same count in two cells proves two sessions (a restart, or
 * a notebook saved from two kernels). Then comparing counts across cells says nothing about which ran first. A
 * restart is a cell whose count is below the previous one and whose rising run of counts repeats a count seen
 * above it. null when there is none: one session as far as the counts can tell.
 */
export function sessionRestarts(notebook: Notebook): SessionRestarts | null {
  const cells = countedCells(notebook);
  const restarts: Cell[] = [];
  let sameCount: [Cell, Cell] | null = null;
  const above = new Map<number, Cell>();
  let position = 0;
  while (position < cells.length) {
    // The rising run of counts that starts here.
    let end = position + 1;
    while (end < cells.length && cells[end]!.executionCount! > cells[end - 1]!.executionCount!) end++;
    const run = cells.slice(position, end);
    // A restart drops below the count before it. An equal count next to it is more likely a copied cell (a copy
    // keeps its count and outputs) than a new session that reached the same number.
    const drops = position > 0 && run[0]!.executionCount! < cells[position - 1]!.executionCount!;
    const repeated = drops ? run.find((cell) => above.has(cell.executionCount!)) : undefined;
    if (repeated) {
      restarts.push(run[0]!);
      sameCount ??= [above.get(repeated.executionCount!)!, repeated];
    }
    for (const cell of run) if (!above.has(cell.executionCount!)) above.set(cell.executionCount!, cell);
    position = end;
  }
  return sameCount ? { restarts, sameCount } : null;
}

/** A cell whose saved outputs show something other than an error: what a stale value could have made wrong. */
export function hasSavedOutput(cell: Cell): boolean {
  return cell.outputs.some((output) => output.outputType !== 'error');
}

/** Colab saves null (or 0) counts for cells it ran, so there a missing count says nothing about what ran. */
export function isColabNotebook(notebook: Notebook): boolean {
  return 'colab' in notebook.metadata;
}

export function codeCellsByIndex(model: NotebookModel): Map<number, CodeCell> {
  return new Map(model.codeCells.map((codeCell) => [codeCell.cell.index, codeCell]));
}

/** How a cell writes a name, when running it again can only give the same value: an import or a def/class. */
function definitionKind(codeCell: CodeCell, name: string): 'import' | 'definition' | null {
  const writes = codeCell.analysis.facts.events.filter(
    (event) => (event.kind === 'bind' || event.kind === 'update') && event.name === name,
  );
  if (writes.length !== 1 || writes[0]!.kind !== 'bind') return null;
  const { facts } = codeCell.analysis;
  if (facts.imports.some((fact) => fact.bindings.some(([bound]) => bound === name))) return 'import';
  if (facts.definitions.some((definition) => definition.name === name)) return 'definition';
  return null;
}

/**
 * True when running the cell again rebinds the name to the value it had: the same module from an import, the same
 * function or class from a def (its source as saved; an edit between two runs is invisible in the file). A literal
 * constant is not in this list: `rate = 0.5` re-run after its readers may have been edited to get there.
 */
export function rerunGivesSameValue(codeCell: CodeCell, name: string): boolean {
  return definitionKind(codeCell, name) !== null;
}

/** What a cell binds a name to, when two cells can be compared: an import's target, a literal, a def's cell. */
function valueSignature(codeCell: CodeCell, name: string): string | null {
  const kind = definitionKind(codeCell, name);
  const { facts } = codeCell.analysis;
  if (kind === 'import') {
    for (const fact of facts.imports) {
      for (const [bound, target] of fact.bindings) if (bound === name) return `import ${target}`;
    }
  }
  if (kind === 'definition') return `def ${codeCell.cell.source}`;
  const writes = facts.events.filter(
    (event) => (event.kind === 'bind' || event.kind === 'update') && event.name === name,
  );
  if (writes.length !== 1 || writes[0]!.kind !== 'bind') return null;
  const literal = facts.shape?.literalAssigns.find((assign) => assign.name === name);
  return literal ? `literal ${literal.value}` : null;
}

/** Two cells that bind the name to the same value: the same import, the same literal, the same def in the same text. */
export function sameValue(a: CodeCell, b: CodeCell, name: string): boolean {
  const signature = valueSignature(a, name);
  return signature !== null && signature === valueSignature(b, name);
}
