// Ranges for findings about a cell as a whole rather than about something in it, shared by the families.
import type { Cell } from '../notebook/notebook';
import type { Range } from '../types';

/** The cell's first non-blank line: where findings about the cell's code point (NH101, NH104, NH105, NH302). */
export function cellHeadRange(cell: Cell): Range {
  const lines = cell.source.split('\n');
  const line = Math.max(
    0,
    lines.findIndex((text) => text.trim() !== ''),
  );
  return { start: { line, character: 0 }, end: { line, character: lines[line]?.length ?? 0 } };
}

/** The cell's first line, blank or not: where findings about its text or outputs point (NH403, NH404, NH405). */
export function firstLineRange(cell: Cell): Range {
  const first = cell.source.split('\n')[0] ?? '';
  return { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } };
}
