// The notebook side of an extraction: the cells' new text (an import of the module and the call, or a pointer to
// where the code went); every other cell, output, id and metadata stays as it was.
import type { Notebook } from '../notebook/notebook';
import type { CellTextEdit } from '../types';
import type { NameFlow } from './extract-names';
import { formatAssignedCall, formatImports } from './python-format';

/** Replaces a cell's whole source. */
export function replaceCell(notebook: Notebook, cellIndex: number, newText: string): CellTextEdit {
  const lines = notebook.cells[cellIndex]!.source.split('\n');
  const lastLine = lines.length - 1;
  return {
    cellIndex,
    range: { start: { line: 0, character: 0 }, end: { line: lastLine, character: lines[lastLine]!.length } },
    newText,
  };
}

export interface CallCell {
  cellEdits: CellTextEdit[];
  /** The cell that now imports (and calls) the extracted code. */
  targetCell: number;
}

export function notebookEdits(
  notebook: Notebook,
  flow: NameFlow,
  moduleImport: string,
  functionName: string,
  displayName: string | null,
  firstParty: ReadonlySet<string>,
): CallCell {
  const indices = flow.cells.map(({ cell }) => cell.index);
  const verbatim = flow.mode === 'verbatim';
  const target = verbatim ? indices[0]! : indices[indices.length - 1]!;
  const names = [...(verbatim ? [] : [functionName]), ...flow.definitions.map((definition) => definition.name)];
  const imports = formatImports(
    [
      ...flow.keptImports,
      ...[...new Set(names)].map((name) => ({ module: moduleImport, level: 0, name, alias: null })),
    ],
    firstParty,
  );
  let text = imports;
  if (!verbatim) {
    const targets = displayName ? [...flow.returns, displayName] : flow.returns;
    text += `\n\n${formatAssignedCall('', targets, functionName, flow.params)}`;
    const shown = displayName ?? flow.display?.returned;
    if (shown) text += `\n${shown}`;
  }
  const where = verbatim
    ? `${moduleImport} (imported in cell ${target + 1})`
    : `${moduleImport}.${functionName} (called in cell ${target + 1})`;
  const cellEdits = indices.map((index) =>
    replaceCell(notebook, index, index === target ? text : `# Moved to ${where}.`),
  );
  return { cellEdits, targetCell: target };
}
