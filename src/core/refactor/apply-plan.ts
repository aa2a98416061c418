// Applies an EditPlan to texts, for the CLI and the tests (the editor turns plans into a WorkspaceEdit instead).
// A notebook's cells are changed by replacing only their `source` values in the .ipynb text, written the way
// Jupyter writes them (a list of lines, indent 1, non-ASCII kept), so every other byte of the file stays as it was;
// a file that cannot be edited in place is parsed and re-serialised like Jupyter does.
import { scanNotebookLayout } from '../notebook/json-scan';
import { TextIndex } from '../deps/dependency-data';
import type { CellOperation, CellTextEdit, EditPlan, FileEdit, NewCell, Range } from '../types';
import { CellOperationError, isKept, resultCells, type KeptCell, type ResultCell } from './cell-operations';

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

interface MemberSpan {
  keyStart: number;
  start: number;
  end: number;
}

/** The spans of the members' values of the cell object starting at `cellStart`, by key. */
function memberSpans(text: string, cellStart: number): Map<string, MemberSpan> {
  const spans = new Map<string, MemberSpan>();
  let i = skipWs(text, cellStart + 1);
  while (i < text.length && text[i] === '"') {
    const keyStart = i;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') return spans;
    const start = skipWs(text, i + 1);
    const end = skipValue(text, start);
    spans.set(key, { keyStart, start, end });
    i = skipWs(text, end);
    if (text[i] === ',') i = skipWs(text, i + 1);
  }
  return spans;
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** One step of indentation in the file (Jupyter: one space), read from a cell's first key. */
function indentUnit(text: string, cellStart: number, keyStart: number): string {
  const keyIndent = lineIndent(text, keyStart);
  const cellIndent = lineIndent(text, cellStart);
  return keyIndent.length > cellIndent.length ? keyIndent.slice(cellIndent.length) : ' ';
}

/** A JSON value laid out like the file: indented by `unit` below a line indented by `indent`, or on one line. */
function formatJson(value: unknown, indent: string, unit: string, multiline: boolean): string {
  if (!multiline) return JSON.stringify(value);
  return JSON.stringify(value, null, unit).replace(/\n/g, `\n${indent}`);
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

/** What changes inside one kept cell: its text, and the outputs, count and metadata the operations change. */
interface CellChange {
  edits: CellTextEdit[];
  kept: KeptCell | null;
}

function cellChanges(cellEdits: readonly CellTextEdit[], result: readonly ResultCell[]): Map<number, CellChange> {
  const changes = new Map<number, CellChange>();
  for (const [cellIndex, edits] of groupByCell(cellEdits)) changes.set(cellIndex, { edits, kept: null });
  for (const cell of result) {
    if (!isKept(cell) || (!cell.clearOutputs && !cell.clearExecutionCount && cell.metadata.size === 0)) continue;
    const change = changes.get(cell.origin) ?? { edits: [], kept: null };
    change.kept = cell;
    changes.set(cell.origin, change);
  }
  return changes;
}

function updatedMetadata(metadata: unknown, kept: KeptCell): Record<string, unknown> {
  const out: Record<string, unknown> =
    metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)
      ? { ...(metadata as Record<string, unknown>) }
      : {};
  for (const [key, value] of kept.metadata) {
    if (value === null || value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** Pass 1: each changed cell's members replaced where they are; null when the file's layout is not the usual one. */
function editCellsInPlace(text: string, changes: Map<number, CellChange>): string | null {
  if (changes.size === 0) return text;
  const layout = scanNotebookLayout(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const starts = layout.cellStarts;
  if (!starts) return null;
  const replacements: { start: number; end: number; newText: string }[] = [];
  for (const [cellIndex, change] of changes) {
    const cellStart = starts[cellIndex];
    if (cellStart === undefined) return null;
    const spans = memberSpans(text, cellStart);
    const source = spans.get('source');
    if (!source) return null;
    const multiline = text.slice(cellStart, source.start).includes('\n');
    const unit = indentUnit(text, cellStart, source.keyStart);
    const replace = (span: MemberSpan, value: unknown) =>
      replacements.push({
        start: span.start,
        end: span.end,
        newText: formatJson(value, lineIndent(text, span.keyStart), unit, multiline),
      });
    if (change.edits.length > 0) {
      const old = joinSource(JSON.parse(text.slice(source.start, source.end)));
      const updated = applyTextEdits(old, change.edits);
      replacements.push({
        start: source.start,
        end: source.end,
        newText: formatSource(sourceLines(updated), text, cellStart, source.keyStart, multiline),
      });
    }
    const kept = change.kept;
    if (!kept) continue;
    const outputs = spans.get('outputs');
    if (kept.clearOutputs && outputs && text.slice(outputs.start, outputs.end) !== '[]') replace(outputs, []);
    const count = spans.get('execution_count');
    if (kept.clearExecutionCount && count && text.slice(count.start, count.end) !== 'null') replace(count, null);
    if (kept.metadata.size > 0) {
      const metadata = spans.get('metadata');
      if (!metadata) return null;
      replace(metadata, updatedMetadata(JSON.parse(text.slice(metadata.start, metadata.end)), kept));
    }
  }
  let out = text;
  for (const r of replacements.sort((a, b) => b.start - a.start))
    out = out.slice(0, r.start) + r.newText + out.slice(r.end);
  return out;
}

/** A short id unique in the notebook, from the cell's text (the same plan gives the same ids). */
function newCellId(source: string, taken: Set<string>): string {
  let hash = 0x811c9dc5;
  for (let k = 0; k < source.length; k++) hash = Math.imul(hash ^ source.charCodeAt(k), 0x01000193);
  for (let salt = 0; ; salt++) {
    const id = ((hash + salt) >>> 0).toString(16).padStart(8, '0');
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

interface NotebookFacts {
  /** nbformat 4.5 and later give every cell an id; earlier minors forbid one. */
  cellIds: boolean;
  ids: Set<string>;
  /** nbformat 3 keeps cells in worksheets (one is all the operations handle), code in `input`, counts in `prompt_number`. */
  v3: boolean;
  cellCount: number;
}

/** The array that holds the cells: `cells` (v4), or the only worksheet's (v3); null when there is no such one array. */
function cellArrayOf(notebook: Record<string, unknown>): Record<string, unknown>[] | null {
  if (Array.isArray(notebook.cells)) return notebook.cells as Record<string, unknown>[];
  const sheets = notebook.worksheets;
  if (Array.isArray(sheets) && sheets.length === 1) {
    const cells = (sheets[0] as { cells?: unknown } | null)?.cells;
    if (Array.isArray(cells)) return cells as Record<string, unknown>[];
  }
  return null;
}

function notebookFacts(notebook: Record<string, unknown>): NotebookFacts {
  const major = typeof notebook.nbformat === 'number' ? notebook.nbformat : 4;
  const minor = typeof notebook.nbformat_minor === 'number' ? notebook.nbformat_minor : 0;
  const cells = cellArrayOf(notebook);
  if (!cells)
    throw new CellOperationError('cells can be moved, added or removed only in a notebook with one list of cells');
  const ids = new Set<string>();
  for (const cell of cells) if (typeof cell?.id === 'string') ids.add(cell.id);
  return { cellIds: major > 4 || (major === 4 && minor >= 5), ids, v3: major < 4, cellCount: cells.length };
}

/** A created cell as Jupyter writes one: keys sorted, source as a list of lines. */
function newCellObject(cell: NewCell, facts: NotebookFacts): Record<string, unknown> {
  const metadata = cell.tags && cell.tags.length > 0 ? { tags: cell.tags } : {};
  const id = facts.cellIds ? { id: newCellId(cell.source, facts.ids) } : {};
  const source = sourceLines(cell.source);
  if (facts.v3)
    return cell.kind === 'code'
      ? { cell_type: 'code', collapsed: false, input: source, language: 'python', metadata, outputs: [] }
      : { cell_type: 'markdown', metadata, source };
  return cell.kind === 'code'
    ? { cell_type: 'code', execution_count: null, ...id, metadata, outputs: [], source }
    : { cell_type: 'markdown', ...id, metadata, source };
}

/** Pass 2: the cells laid out in their new order, each kept cell's text as it is, the separators as they were. */
function arrangeCellsInPlace(text: string, result: readonly ResultCell[], facts: NotebookFacts): string | null {
  const layout = scanNotebookLayout(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const starts = layout.cellStarts ?? layout.worksheetCellStarts;
  if (!starts || starts.length === 0 || starts.length !== facts.cellCount) return null;
  const ends = starts.map((start) => skipValue(text, start));
  const first = starts[0]!;
  const multiline = text.slice(first, skipWs(text, first + 1)).includes('\n');
  const separator =
    starts.length > 1 ? text.slice(ends[0]!, starts[1]!) : multiline ? `,\n${lineIndent(text, first)}` : ',';
  const firstKey = skipWs(text, first + 1);
  const unit = indentUnit(text, first, firstKey);
  const indent = lineIndent(text, first);
  const pieces = result.map((cell) =>
    isKept(cell)
      ? text.slice(starts[cell.origin]!, ends[cell.origin]!)
      : formatJson(newCellObject(cell.created, facts), indent, unit, multiline),
  );
  return text.slice(0, first) + pieces.join(separator) + text.slice(ends[ends.length - 1]!);
}

// ---- fallback: parse and write the whole notebook like Jupyter ----

function reserialise(text: string, cellEdits: readonly CellTextEdit[], result: readonly ResultCell[] | null): string {
  const notebook = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Record<string, unknown>;
  const cells: Record<string, unknown>[] = Array.isArray(notebook.cells)
    ? (notebook.cells as Record<string, unknown>[])
    : ((notebook.worksheets as { cells?: Record<string, unknown>[] }[] | undefined) ?? []).flatMap(
        (sheet) => sheet.cells ?? [],
      );
  for (const [cellIndex, edits] of groupByCell(cellEdits)) {
    const cell = cells[cellIndex];
    if (!cell) throw new Error(`no cell ${cellIndex} in the notebook`);
    // nbformat 3 keeps a code cell's text in `input`.
    const key = 'source' in cell || cell.cell_type !== 'code' ? 'source' : 'input';
    cell[key] = sourceLines(applyTextEdits(joinSource(cell[key]), edits));
  }
  if (result) {
    const facts = notebookFacts(notebook);
    const arranged = result.map((item) => {
      if (!isKept(item)) return newCellObject(item.created, facts);
      const cell = cells[item.origin]!;
      if (item.clearOutputs && 'outputs' in cell) cell.outputs = [];
      if (item.clearExecutionCount && 'execution_count' in cell) cell.execution_count = null;
      if (item.clearExecutionCount) delete cell.prompt_number;
      if (item.metadata.size > 0) cell.metadata = updatedMetadata(cell.metadata, item);
      return cell;
    });
    if (Array.isArray(notebook.cells)) notebook.cells = arranged;
    else (notebook.worksheets as { cells: unknown[] }[])[0]!.cells = arranged;
  }
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/**
 * The .ipynb text with the plan's cell edits and cell operations applied (cell indices count every cell, as the
 * engine does). Every byte the plan does not change stays as it was: a moved cell's text moves whole, and a cleared
 * output or a new tag replaces only that member. Throws CellOperationError on operations that do not fit the notebook.
 */
export function applyPlanToNotebookText(ipynbText: string, plan: Pick<EditPlan, 'cellEdits' | 'cellOps'>): string {
  const ops: readonly CellOperation[] = plan.cellOps ?? [];
  if (plan.cellEdits.length === 0 && ops.length === 0) return ipynbText;
  let result: ResultCell[] | null = null;
  let facts: NotebookFacts | null = null;
  let cellCount = 0;
  if (ops.length > 0) {
    const notebook = JSON.parse(ipynbText.charCodeAt(0) === 0xfeff ? ipynbText.slice(1) : ipynbText) as Record<
      string,
      unknown
    >;
    facts = notebookFacts(notebook);
    cellCount = facts.cellCount;
    result = resultCells(cellCount, ops);
  }
  const edited = editCellsInPlace(ipynbText, cellChanges(plan.cellEdits, result ?? []));
  if (edited === null) return reserialise(ipynbText, plan.cellEdits, result);
  if (!result || !facts) return edited;
  const sameOrder = result.length === cellCount && result.every((cell, index) => isKept(cell) && cell.origin === index);
  const arranged = sameOrder ? edited : arrangeCellsInPlace(edited, result, facts);
  return arranged ?? reserialise(ipynbText, plan.cellEdits, result);
}

/** The .ipynb text with the cell edits applied (cell indices count every cell, as the engine does). */
export function applyCellEditsToNotebookText(ipynbText: string, cellEdits: readonly CellTextEdit[]): string {
  return applyPlanToNotebookText(ipynbText, { cellEdits: [...cellEdits] });
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
