// Applies an EditPlan to texts, for the CLI and the tests (the editor turns plans into a WorkspaceEdit instead).
// A notebook's cells are changed by replacing only their `source` values in the .ipynb text, written the way
// Jupyter writes them (a list of lines, indent 1, non-ASCII kept), so every other byte of the file stays as it was;
// a file that cannot be edited in place is parsed and re-serialised like Jupyter does.
import { scanNotebookLayout } from '../notebook/json-scan';
import { TextIndex } from '../deps/dependency-data';
import type { CellTextEdit, FileEdit, Range } from '../types';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Applies non-overlapping edits (positions in the original text). Throws when two edits overlap. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new TextIndex(text);
  const spans = edits
    .map((edit) => ({
      start: index.offset(edit.range.start),
      end: index.offset(edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let k = 1; k < spans.length; k++) {
    if (spans[k]!.start < spans[k - 1]!.end) throw new Error('overlapping edits');
  }
  let out = text;
  for (const span of [...spans].reverse()) out = out.slice(0, span.start) + span.newText + out.slice(span.end);
  return out;
}

/** nbformat's multiline string: each line keeps its '\n', the last one has none. */
export function sourceLines(source: string): string[] {
  if (source === '') return [];
  const lines = source.split('\n').map((line) => `${line}\n`);
  const last = lines[lines.length - 1]!;
  lines[lines.length - 1] = last.slice(0, -1);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The cell text the engine saw: joined, BOM dropped, CRLF as LF (the coordinates of cell edits). */
function joinSource(value: unknown): string {
  let source =
    typeof value === 'string' ? value : Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('') : '';
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  return source.replace(/\r\n/g, '\n');
}

function groupByCell(cellEdits: readonly CellTextEdit[]): Map<number, CellTextEdit[]> {
  const byCell = new Map<number, CellTextEdit[]>();
  for (const edit of cellEdits) byCell.set(edit.cellIndex, [...(byCell.get(edit.cellIndex) ?? []), edit]);
  return byCell;
}

// ---- in-place: find each cell's "source" value in the text ----

function skipWs(text: string, i: number): number {
  while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  return i;
}

function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

function skipValue(text: string, i: number): number {
  if (text[i] === '"') return skipString(text, i);
  if (text[i] !== '{' && text[i] !== '[') {
    while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
    return i;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j]!;
    if (c === '"') {
      j = skipString(text, j) - 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return text.length;
}

/** The span of the `source` value of the cell object starting at `cellStart`, or null. */
function sourceSpan(text: string, cellStart: number): { keyStart: number; start: number; end: number } | null {
  let i = skipWs(text, cellStart + 1);
  while (i < text.length && text[i] === '"') {
    const keyStart = i;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') return null;
    const start = skipWs(text, i + 1);
    const end = skipValue(text, start);
    if (key === 'source') return { keyStart, start, end };
    i = skipWs(text, end);
    if (text[i] === ',') i = skipWs(text, i + 1);
  }
  return null;
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The new `source` value, laid out like the file around it (Jupyter: one line per element, one more space in). */
function formatSource(lines: string[], text: string, cellStart: number, keyStart: number, multiline: boolean): string {
  if (lines.length === 0) return '[]';
  const items = lines.map((line) => JSON.stringify(line));
  if (!multiline) return `[${items.join(', ')}]`;
  const keyIndent = lineIndent(text, keyStart);
  const cellIndent = lineIndent(text, cellStart);
  const unit = keyIndent.length > cellIndent.length ? keyIndent.slice(cellIndent.length) : ' ';
  return `[\n${items.map((item) => `${keyIndent}${unit}${item}`).join(',\n')}\n${keyIndent}]`;
}

function editInPlace(text: string, byCell: Map<number, CellTextEdit[]>): string | null {
  const layout = scanNotebookLayout(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const starts = layout.cellStarts;
  if (!starts) return null;
  const replacements: { start: number; end: number; newText: string }[] = [];
  for (const [cellIndex, edits] of byCell) {
    const cellStart = starts[cellIndex];
    if (cellStart === undefined) return null;
    const span = sourceSpan(text, cellStart);
    if (!span) return null;
    const old = joinSource(JSON.parse(text.slice(span.start, span.end)));
    const updated = applyTextEdits(old, edits);
    const multiline = text.slice(cellStart, span.start).includes('\n');
    replacements.push({
      start: span.start,
      end: span.end,
      newText: formatSource(sourceLines(updated), text, cellStart, span.keyStart, multiline),
    });
  }
  let out = text;
  for (const r of replacements.sort((a, b) => b.start - a.start))
    out = out.slice(0, r.start) + r.newText + out.slice(r.end);
  return out;
}

// ---- fallback: parse and write the whole notebook like Jupyter ----

function reserialise(text: string, byCell: Map<number, CellTextEdit[]>): string {
  const notebook = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Record<string, unknown>;
  const cells: Record<string, unknown>[] = Array.isArray(notebook.cells)
    ? (notebook.cells as Record<string, unknown>[])
    : ((notebook.worksheets as { cells?: Record<string, unknown>[] }[] | undefined) ?? []).flatMap(
        (sheet) => sheet.cells ?? [],
      );
  for (const [cellIndex, edits] of byCell) {
    const cell = cells[cellIndex];
    if (!cell) throw new Error(`no cell ${cellIndex} in the notebook`);
    // nbformat 3 keeps a code cell's text in `input`.
    const key = 'source' in cell || cell.cell_type !== 'code' ? 'source' : 'input';
    cell[key] = sourceLines(applyTextEdits(joinSource(cell[key]), edits));
  }
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** The .ipynb text with the cell edits applied (cell indices count every cell, as the engine does). */
export function applyCellEditsToNotebookText(ipynbText: string, cellEdits: readonly CellTextEdit[]): string {
  if (cellEdits.length === 0) return ipynbText;
  const byCell = groupByCell(cellEdits);
  return editInPlace(ipynbText, byCell) ?? reserialise(ipynbText, byCell);
}

export interface FileEditsResult {
  /** Every file after the edits (paths the edits touch, plus the ones given). */
  files: Map<string, string>;
  /** Files that changed since the plan was made, or that exist when the plan expected to create them: not written. */
  conflicts: string[];
}

/** Applies the plan's file edits to a snapshot of files (path → text; a missing path is a missing file). */
export function applyFileEdits(files: ReadonlyMap<string, string>, fileEdits: readonly FileEdit[]): FileEditsResult {
  const out = new Map(files);
  const conflicts: string[] = [];
  for (const edit of fileEdits) {
    const current = out.get(edit.path) ?? null;
    if (current !== edit.expectedOldText) {
      conflicts.push(edit.path);
      continue;
    }
    out.set(edit.path, edit.newText);
  }
  return { files: out, conflicts };
}
