// The range of a cell's first line: where findings about a whole cell or its outputs (NH403, NH404, NH405) point.
import type { Cell } from '../../notebook/notebook';
import type { Range } from '../../types';

export function firstLineRange(cell: Cell): Range {
  const first = cell.source.split('\n')[0] ?? '';
  return { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } };
}
