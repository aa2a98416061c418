// Ranges for findings about a cell as a whole rather than about something in it.
import type { Cell } from '../../notebook/notebook';
import type { Range } from '../../types';

/** The first line of a cell, for findings about the cell as a whole. */
export function cellHeadRange(cell: Cell): Range {
  const lines = cell.source.split('\n');
  const line = Math.max(
    0,
    lines.findIndex((text) => text.trim() !== ''),
  );
  return { start: { line, character: 0 }, end: { line, character: lines[line]?.length ?? 0 } };
}
