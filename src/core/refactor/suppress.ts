// The edits behind "suppress this finding": a pragma at the end of the line, or one for the whole cell.
import { parsePragmas } from '../config/suppressions';
import type { Cell } from '../notebook/notebook';
import type { CellTextEdit, Range } from '../types';

const LINE_PRAGMA_AT = /^#\s*nbhygiene\s*:\s*ignore(?:-cell)?(?:\s*\[[^\]]*\])?/i;

function rangeOnLine(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function pragmaText(kind: 'ignore' | 'ignore-cell', codes: string[]): string {
  return `# nbhygiene: ${kind}[${codes.join(',')}]`;
}

/** Adds `code` to an existing pragma with a code list, or returns null when the pragma already covers it. */
function extendPragma(
  cell: Cell,
  line: number,
  character: number,
  codes: string[] | null,
  code: string,
  kind: 'ignore' | 'ignore-cell',
): CellTextEdit | null {
  if (codes === null || codes.includes(code)) return null;
  const text = cell.source.split('\n')[line]!;
  const existing = LINE_PRAGMA_AT.exec(text.slice(character))![0];
  return {
    cellIndex: cell.index,
    range: rangeOnLine(line, character, character + existing.length),
    newText: pragmaText(kind, [...codes, code]),
  };
}

/** `# nbhygiene: ignore[CODE]` at the end of `line`; null when that line is already silenced for the code. */
export function lineSuppressionEdit(cell: Cell, line: number, code: string): CellTextEdit | null {
  const existing = parsePragmas(cell.source).find((pragma) => pragma.scope === 'line' && pragma.line === line);
  if (existing) return extendPragma(cell, line, existing.character, existing.codes, code, 'ignore');
  const text = cell.source.split('\n')[line] ?? '';
  const end = text.length;
  const separator = text.trim() === '' ? '' : '  ';
  return {
    cellIndex: cell.index,
    range: rangeOnLine(line, end, end),
    newText: `${separator}${pragmaText('ignore', [code])}`,
  };
}

/** `# nbhygiene: ignore-cell[CODE]` on a line of its own: first, or right after a `%%` cell magic that must stay first. */
export function cellSuppressionEdit(cell: Cell, code: string): CellTextEdit | null {
  const existing = parsePragmas(cell.source).find((pragma) => pragma.scope === 'cell');
  if (existing) return extendPragma(cell, existing.line, existing.character, existing.codes, code, 'ignore-cell');
  const line = /^\s*%%/.test(cell.source) ? 1 : 0;
  const needsLineBreakBefore = line === 1 && !cell.source.includes('\n');
  const position = needsLineBreakBefore ? cell.source.length : 0;
  return {
    cellIndex: cell.index,
    range: needsLineBreakBefore ? rangeOnLine(0, position, position) : rangeOnLine(line, 0, 0),
    newText: needsLineBreakBefore ? `\n${pragmaText('ignore-cell', [code])}` : `${pragmaText('ignore-cell', [code])}\n`,
  };
}
