// Fixes that edit the text of cells (the NH4xx and NH5xx fixes) as EditPlans: insert lines at a cell's top or end or
// after a statement, replace a token, add a keyword argument to a call. A new cell is a cell operation instead
// (EditPlan.cellOps).
import type { CallFact } from '../analysis/call-facts';
import type { Token } from '../analysis/python-tokens';
import type { Cell } from '../notebook/notebook';
import type { CellTextEdit, EditPlan, Fix, Position, Range } from '../types';

export function plan(cellEdits: CellTextEdit[]): EditPlan {
  return { cellEdits, fileEdits: [] };
}

export function fix(title: string, cellEdits: CellTextEdit[], safe = false, isPreferred = true): Fix {
  return { title, safe, isPreferred, plan: plan(cellEdits) };
}

export function endOfCell(cell: Cell): Position {
  const lines = cell.source.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

function at(position: Position): Range {
  return { start: position, end: position };
}

/** Appends a block of lines at the end of a cell, one blank line after what is there. */
export function appendToCell(cell: Cell, block: string): CellTextEdit {
  const source = cell.source;
  const trimmedEnd = source.replace(/\s+$/, '');
  const separator = trimmedEnd === '' ? '' : source.endsWith('\n\n') ? '' : source.endsWith('\n') ? '\n' : '\n\n';
  return { cellIndex: cell.index, range: at(endOfCell(cell)), newText: `${separator}${block}` };
}

/** Inserts lines after the logical line that ends at `end` (the statement's last token), at the statement's indent. */
export function insertAfterLine(cell: Cell, endLine: number, indent: number, block: string): CellTextEdit {
  const lines = cell.source.split('\n');
  const lineText = lines[endLine] ?? '';
  const pad = ' '.repeat(indent);
  const text = block
    .split('\n')
    .map((line) => (line === '' ? '' : pad + line))
    .join('\n');
  return { cellIndex: cell.index, range: at({ line: endLine, character: lineText.length }), newText: `\n${text}` };
}

/** Lines at the top of a cell (after a `%%` cell magic, which must stay first). */
export function prependToCell(cell: Cell, block: string): CellTextEdit {
  const line = /^\s*%%/.test(cell.source) && cell.source.includes('\n') ? 1 : 0;
  return { cellIndex: cell.index, range: at({ line, character: 0 }), newText: `${block}\n` };
}

/** `random_state=SEED` as the call's last argument. */
export function addKeywordEdit(
  cellIndex: number,
  call: CallFact,
  tokensBeforeClose: Token | undefined,
  keywordText: string,
): CellTextEdit {
  const close = call.close;
  const position = { line: close.line, character: close.character };
  const empty = call.args.length === 0;
  const trailingComma = tokensBeforeClose?.kind === 'op' && tokensBeforeClose.text === ',';
  const newText = empty ? keywordText : trailingComma ? ` ${keywordText}` : `, ${keywordText}`;
  return { cellIndex, range: at(position), newText };
}

export function tokenEdit(cellIndex: number, token: Token, newText: string): CellTextEdit {
  return {
    cellIndex,
    range: {
      start: { line: token.line, character: token.character },
      end: { line: token.endLine, character: token.endCharacter },
    },
    newText,
  };
}

export function endOfLineEdit(cell: Cell, line: number, text: string): CellTextEdit {
  const lineText = cell.source.split('\n')[line] ?? '';
  return { cellIndex: cell.index, range: at({ line, character: lineText.length }), newText: text };
}

/** Python string literal for a value (double quotes, JSON-compatible escapes). */
export function pyString(value: string): string {
  return JSON.stringify(value);
}

/** Clears the saved outputs (and execution counts) of the cells given, as Jupyter's Clear Output does. */
export function clearOutputsFix(title: string, cellIndexes: readonly number[]): Fix {
  return {
    title,
    safe: false,
    isPreferred: false,
    plan: {
      cellEdits: [],
      fileEdits: [],
      cellOps: cellIndexes.map((cellIndex) => ({ op: 'clearOutputs', cellIndex })),
    },
  };
}

/**
 * Clears every saved execution count (the outputs stay), as nborder and `nbstripout --keep-output` do: the counts of an
 * out-of-order session stop claiming an order. The CLI's answer to NH101; the editor also offers Restart & Run All.
 */
export function clearCountsFix(cells: readonly Cell[]): Fix | null {
  const counted = cells.filter((cell) => cell.kind === 'code' && cell.executionCount !== null);
  if (counted.length === 0) return null;
  return {
    title: 'Clear every execution count (the outputs stay; Restart & Run All renumbers them)',
    safe: false,
    isPreferred: false,
    plan: {
      cellEdits: [],
      fileEdits: [],
      cellOps: counted.map((cell) => ({ op: 'clearExecutionCount', cellIndex: cell.index })),
    },
  };
}
