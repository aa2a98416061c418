// One nbformat 4 cell object → Cell, with defaults for whatever is missing and a report for each schema problem.
import { runNumber, type Cell, type CellKind, type OutputSummary } from './notebook';
import { isMultilineString, summariseOutput, type StandInTally } from './outputs';
import { isCount, isPlainObject, quoted } from './values';

export interface CellContext {
  /** Reports a schema problem about cell `index`; the message does not name the cell yet. */
  report(index: number, cellId: string | undefined, message: string): void;
  /** A future minor version: nbformat accepts cell and output types it does not know. */
  relaxed: boolean;
  /** In a text with stand-ins for left-out strings: those met in the outputs (nowhere else reads them). */
  standIns?: StandInTally;
}

// nbformat 4.5: 1 to 64 letters, digits, '-' or '_'.
const CELL_ID = /^[a-zA-Z0-9_-]{1,64}$/;

const KINDS: readonly string[] = ['code', 'markdown', 'raw'];

/** A multiline string joined as nbformat does (with ''), without the BOM an editor may have left, with LF ends. */
export function normaliseSource(value: unknown): string {
  let source = '';
  if (typeof value === 'string') source = value;
  else if (Array.isArray(value)) source = value.filter((part) => typeof part === 'string').join('');
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  return source.includes('\r\n') ? source.replace(/\r\n/g, '\n') : source;
}

// A missing id is not reported here: tools that write nbformat 4.5 without ids do it for every cell,
// so the loader reports them together (see cellsWithoutId).
function readId(raw: Record<string, unknown>, problems: string[]): string | undefined {
  if (!('id' in raw)) return undefined;
  if (typeof raw.id !== 'string') {
    problems.push(`'id' is not a string`);
    return undefined;
  }
  // An id that breaks the pattern is still the id the editor shows, so it is kept.
  if (!CELL_ID.test(raw.id)) problems.push(`'id' ${quoted(raw.id)} is not 1-64 letters, digits, '-' or '_'`);
  return raw.id;
}

/** The cell's kind, or null for a cell_type nbformat does not know (read as a raw cell). */
function readKind(raw: Record<string, unknown>, relaxed: boolean, problems: string[]): CellKind | null {
  const type = raw.cell_type;
  if (typeof type === 'string' && KINDS.includes(type)) return type as CellKind;
  if (type === undefined) problems.push(`missing required field 'cell_type'`);
  else if (typeof type !== 'string') problems.push(`'cell_type' is not a string`);
  else if (!relaxed) problems.push(`unknown cell_type ${quoted(type)}, read as a raw cell`);
  return null;
}

function readMetadata(raw: Record<string, unknown>, problems: string[]): Record<string, unknown> {
  if (!('metadata' in raw)) {
    problems.push(`missing required field 'metadata'`);
    return {};
  }
  if (!isPlainObject(raw.metadata)) {
    problems.push(`'metadata' is not an object`);
    return {};
  }
  return raw.metadata;
}

function readTags(metadata: Record<string, unknown>, problems: string[]): string[] {
  if (!('tags' in metadata)) return [];
  const tags = metadata.tags;
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) {
    problems.push(`'metadata.tags' is not a list of strings`);
  }
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

function readSource(raw: Record<string, unknown>, problems: string[]): string {
  if (!('source' in raw)) {
    problems.push(`missing required field 'source'`);
    return '';
  }
  if (!isMultilineString(raw.source)) problems.push(`'source' is not a string or a list of strings`);
  return normaliseSource(raw.source);
}

function readExecutionCount(raw: Record<string, unknown>, problems: string[]): number | null {
  if (!('execution_count' in raw)) {
    problems.push(`missing required field 'execution_count'`);
    return null;
  }
  const count = raw.execution_count;
  if (count === null) return null;
  if (isCount(count)) return runNumber(count);
  problems.push(`'execution_count' is not a non-negative integer or null`);
  return null;
}

function readOutputs(raw: Record<string, unknown>, context: CellContext, problems: string[]): OutputSummary[] {
  if (!('outputs' in raw)) {
    problems.push(`missing required field 'outputs'`);
    return [];
  }
  if (!Array.isArray(raw.outputs)) {
    problems.push(`'outputs' is not an array`);
    return [];
  }
  return raw.outputs.map((output, i) =>
    summariseOutput(output, (message) => problems.push(`output ${i}: ${message}`), context.relaxed, context.standIns),
  );
}

/** Reads cell `index` (0-based among all cells). */
export function readCell(raw: unknown, index: number, context: CellContext): Cell {
  const cell: Cell = {
    index,
    kind: 'raw',
    source: '',
    executionCount: null,
    metadata: {},
    tags: [],
    outputs: [],
  };
  if (!isPlainObject(raw)) {
    context.report(index, undefined, 'not an object, read as an empty raw cell');
    return cell;
  }
  const problems: string[] = [];
  const id = readId(raw, problems);
  if (id !== undefined) cell.id = id;
  const kind = readKind(raw, context.relaxed, problems);
  // Unknown cells keep their place as raw cells, so cell indexes match what the editor shows.
  cell.kind = kind ?? 'raw';
  cell.metadata = readMetadata(raw, problems);
  cell.tags = readTags(cell.metadata, problems);
  if (kind === null && context.relaxed && !('source' in raw)) {
    // nbformat's schema for unrecognised (future) cells asks only for cell_type and metadata.
    cell.source = '';
  } else {
    cell.source = readSource(raw, problems);
  }
  if (cell.kind === 'code') {
    cell.executionCount = readExecutionCount(raw, problems);
    cell.outputs = readOutputs(raw, context, problems);
  }
  for (const message of problems) context.report(index, id, message);
  return cell;
}

/** Reports every id used by more than one cell (nbformat requires them unique), once per repeated use. */
export function reportDuplicateIds(cells: readonly Cell[], context: CellContext): void {
  const firstUse = new Map<string, number>();
  for (const cell of cells) {
    if (cell.id === undefined) continue;
    const first = firstUse.get(cell.id);
    if (first === undefined) firstUse.set(cell.id, cell.index);
    else context.report(cell.index, cell.id, `'id' ${quoted(cell.id)} is already used by cell ${first + 1}`);
  }
}

/** Indexes of the cells (objects) that have no `id` key. */
export function cellsWithoutId(rawCells: readonly unknown[]): number[] {
  const missing: number[] = [];
  rawCells.forEach((raw, index) => {
    if (isPlainObject(raw) && !('id' in raw)) missing.push(index);
  });
  return missing;
}
