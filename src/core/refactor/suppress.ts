// The edits behind "suppress this finding": a pragma at the end of the line, or a tag on the whole cell.
import { codeMatches } from '../config/config';
import { IGNORE_TAG, parsePragmas, tagSuppressions } from '../config/suppressions';
import type { Cell } from '../notebook/notebook';
import type { CellTextEdit, EditPlan, Range } from '../types';

const LINE_PRAGMA_AT = /^#\s*nbhygiene\s*:\s*ignore(?:-cell)?(?:\s*\[[^\]]*\])?/i;

function rangeOnLine(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function pragmaText(codes: string[]): string {
  return `# nbhygiene: ignore[${codes.join(',')}]`;
}

/** Adds `code` to an existing pragma with a code list, or returns null when the pragma already covers it. */
function extendPragma(
  cell: Cell,
  line: number,
  character: number,
  codes: string[] | null,
  code: string,
): CellTextEdit | null {
  if (codes === null || codes.includes(code)) return null;
  const text = cell.source.split('\n')[line]!;
  const existing = LINE_PRAGMA_AT.exec(text.slice(character))![0];
  return {
    cellIndex: cell.index,
    range: rangeOnLine(line, character, character + existing.length),
    newText: pragmaText([...codes, code]),
  };
}

/** `# nbhygiene: ignore[CODE]` at the end of `line`; null when that line is already silenced for the code. */
export function lineSuppressionEdit(cell: Cell, line: number, code: string): CellTextEdit | null {
  const existing = parsePragmas(cell.source).find((pragma) => pragma.scope === 'line' && pragma.line === line);
  if (existing) return extendPragma(cell, line, existing.character, existing.codes, code);
  const text = cell.source.split('\n')[line] ?? '';
  const end = text.length;
  const separator = text.trim() === '' ? '' : '  ';
  return {
    cellIndex: cell.index,
    range: rangeOnLine(line, end, end),
    newText: `${separator}${pragmaText([code])}`,
  };
}

/**
 * The tag `nbhygiene-ignore:CODE` added to the cell's Jupyter tags: a metadata edit, not a text edit, so the cell keeps
 * its execution count in the editor and in the saved file and the execution-order findings stay as they were. Null
 * when the cell's tags already silence the code.
 */
export function cellSuppressionPlan(cell: Cell, code: string): EditPlan | null {
  const silenced = tagSuppressions(cell.tags);
  if (silenced === 'all' || silenced?.some((selector) => codeMatches(code, selector))) return null;
  return {
    cellEdits: [],
    fileEdits: [],
    cellOps: [
      { op: 'setMetadata', cellIndex: cell.index, key: 'tags', value: [...cell.tags, `${IGNORE_TAG}:${code}`] },
    ],
  };
}
