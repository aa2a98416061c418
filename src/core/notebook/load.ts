// .ipynb text → Notebook (nbformat 4 semantics) plus findings about the file itself: NH001 invalid JSON,
// NH002 schema violations, NH003 unsupported nbformat. One JSON.parse and one linear pass; never throws.
import { ZERO_RANGE, type Finding, type Range, type Severity } from '../types';
import { cellsWithoutId, readCell, reportDuplicateIds, type CellContext } from './cells';
import { jsonErrorOffset, jsonErrorReason, lineStarts, positionAt } from './json-position';
import { scanNotebookLayout, type NotebookLayout } from './json-scan';
import type { Notebook } from './notebook';
import type { StandInTally } from './outputs';
import type { LeftOutStrings } from './stand-ins';
import { v3Cells, v3Language } from './v3';
import { isCount, isPlainObject, nonEmptyString } from './values';

export interface LoadResult {
  /** null when the file cannot be read as a notebook (NH001, NH003, or an NH002 error). */
  notebook: Notebook | null;
  findings: Finding[];
}

/** The newest nbformat 4 minor version this loader knows; newer minors are read with nbformat's relaxed rules. */
export const NEWEST_KNOWN_MINOR = 5;

/** Beyond this many schema findings, one summary stands for the rest (a generated file can break the schema 10,000 times). */
export const MAX_SCHEMA_FINDINGS = 100;

/** Collects findings for one file; whole-file ranges point into the .ipynb text. */
class FindingSink {
  readonly findings: Finding[] = [];
  private schemaFindings = 0;
  private schemaOverflow = 0;
  private starts: number[] | null = null;
  /** A finding has a place in the file's text (not only 0:0). */
  placedInText = false;

  constructor(
    private readonly text: string,
    private readonly path: string,
  ) {}

  /** Range of one character at `offset` (none at the end of the text or of a line); 0:0 when offset is unknown. */
  rangeAt(offset: number | undefined): Range {
    if (offset === undefined || offset < 0) return ZERO_RANGE;
    this.placedInText = true;
    this.starts ??= lineStarts(this.text);
    const start = positionAt(this.starts, offset, this.text.length);
    const ch = this.text.charCodeAt(offset);
    const oneMore = offset < this.text.length && ch !== 10 && ch !== 13;
    const end = oneMore ? positionAt(this.starts, offset + 1, this.text.length) : start;
    return { start, end };
  }

  add(
    code: string,
    severity: Severity,
    message: string,
    range: Range,
    cellIndex: number | null = null,
    cellId?: string,
  ): void {
    const finding: Finding = { code, severity, message, notebook: this.path, cellIndex, range, related: [], fixes: [] };
    if (cellId !== undefined) finding.cellId = cellId;
    this.findings.push(finding);
  }

  /** An NH002 warning, counted against MAX_SCHEMA_FINDINGS. */
  schema(message: string, range: Range = ZERO_RANGE, cellIndex: number | null = null, cellId?: string): void {
    if (this.schemaFindings >= MAX_SCHEMA_FINDINGS) {
      this.schemaOverflow++;
      return;
    }
    this.schemaFindings++;
    this.add('NH002', 'warning', message, range, cellIndex, cellId);
  }

  finish(): Finding[] {
    if (this.schemaOverflow > 0) {
      this.add('NH002', 'warning', `${this.schemaOverflow} more schema problems not listed`, ZERO_RANGE);
    }
    return this.findings;
  }
}

/** Reads a notebook. Never throws, whatever the text. */
export function loadNotebook(text: string, path: string): LoadResult {
  const sink = new FindingSink(typeof text === 'string' ? text : '', path);
  try {
    const notebook = load(typeof text === 'string' ? text : '', path, sink);
    return { notebook, findings: sink.finish() };
  } catch (error) {
    // Only a bug gets here; the user still gets a finding rather than a crashed editor or CLI.
    const reason = error instanceof Error ? error.message : String(error);
    sink.add('NH002', 'error', `could not read the notebook (internal error: ${reason})`, ZERO_RANGE);
    return { notebook: null, findings: sink.finish() };
  }
}

/**
 * Reads a notebook from a text in which large strings of its outputs were left out for stand-ins (see stand-ins.ts).
 * Null when that text cannot stand for the file, and the caller loads the whole text: a finding would have a place in
 * the text (which is not the file's), or a stand-in is somewhere other than an output (where something may read it).
 * Never throws.
 */
export function loadWithStandIns(text: string, path: string, leftOut: LeftOutStrings): LoadResult | null {
  const sink = new FindingSink(text, path);
  const standIns: StandInTally = { seen: 0 };
  try {
    const notebook = load(text, path, sink, standIns);
    if (notebook === null || sink.placedInText || standIns.seen !== leftOut.count) return null;
    return { notebook: { ...notebook, size: notebook.size + leftOut.removedCharacters }, findings: sink.finish() };
  } catch {
    return null;
  }
}

function load(text: string, path: string, sink: FindingSink, standIns?: StandInTally): Notebook | null {
  // A BOM is not JSON, but editors write one; offsets below stay relative to the original text.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;

  let top: unknown;
  try {
    top = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(message, body);
    // "Unexpected end of JSON input" says little about a file that is simply empty (a failed save, a placeholder).
    const reason = body.trim() === '' ? 'the file is empty' : jsonErrorReason(message);
    sink.add('NH001', 'error', `invalid JSON: ${reason}`, sink.rangeAt(offset === null ? undefined : offset + bom));
    return null;
  }

  if (!isPlainObject(top)) {
    sink.add(
      'NH002',
      'error',
      `the file is JSON but not a notebook: the top level is ${describe(top)}, not an object`,
      ZERO_RANGE,
    );
    return null;
  }
  // Where the top-level keys are, for the range of a finding about one: skimming a large file costs, so only then.
  let layout: NotebookLayout | undefined;
  const keyRange = (key: string) => sink.rangeAt((layout ??= scanNotebookLayout(text, bom)).keys.get(key));

  const major = readMajor(top.nbformat, (message) => sink.add('NH003', 'error', message, keyRange('nbformat')));
  if (major === null) return null;

  // nbformat itself reads a notebook without cells (or v3 worksheets) as an empty notebook.
  const container = major === 3 ? 'worksheets' : 'cells';
  const hasContainer = container in top;
  if (!hasContainer) sink.schema(`missing required field '${container}'; read as an empty notebook`, ZERO_RANGE);

  const minor = readMinor(top, (message) => sink.schema(message, keyRange('nbformat_minor')));
  const metadata = readMetadata(top, (message) => sink.schema(message, keyRange('metadata')));
  const context: CellContext = {
    relaxed: major === 4 && minor > NEWEST_KNOWN_MINOR,
    report: (index, cellId, message) => sink.schema(`cell ${index + 1}: ${message}`, ZERO_RANGE, index, cellId),
  };
  if (standIns) context.standIns = standIns;

  const rawCells = !hasContainer
    ? []
    : major === 3
      ? v3Cells(top.worksheets, (message) => sink.schema(message, keyRange('worksheets')))
      : v4Cells(top.cells, (message) => sink.schema(message, keyRange('cells')));
  const cells = rawCells.map((raw, index) => readCell(raw, index, context));
  if (major === 4 && minor >= 5) {
    // nbformat 4.5 made cell ids required and unique.
    reportMissingIds(cellsWithoutId(rawCells), minor, sink);
    reportDuplicateIds(cells, context);
  }

  const declared = kernelLanguage(metadata.language_info, metadata.kernelspec);
  const language = declared ?? (major === 3 ? v3Language(metadata, top.worksheets) : undefined) ?? 'python';
  return {
    path,
    nbformat: major,
    nbformatMinor: minor,
    language: language.trim().toLowerCase(),
    metadata,
    cells,
    size: text.length,
  };
}

/**
 * One finding for all the cells without an id: a tool that writes 4.5 without ids does it for every cell,
 * and Jupyter adds them on the next save.
 */
function reportMissingIds(missing: number[], minor: number, sink: FindingSink): void {
  if (missing.length === 1) {
    sink.schema(`cell ${missing[0]! + 1}: missing required field 'id'`, ZERO_RANGE, missing[0]);
  } else if (missing.length > 1) {
    sink.schema(
      `${missing.length} cells have no 'id' (first: cell ${missing[0]! + 1}), which nbformat 4.${minor} requires; saving the notebook in Jupyter adds them`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** The major version if this loader reads it (3 or 4); otherwise reports why not and returns null. */
function readMajor(value: unknown, refuse: (message: string) => void): 3 | 4 | null {
  if (value === undefined) {
    refuse(`missing 'nbformat': this is not a Jupyter notebook, or its header is damaged`);
  } else if (typeof value !== 'number') {
    refuse(`'nbformat' is ${describe(value)}, not a version number`);
  } else if (value === 3 || value === 4) {
    return value;
  } else if (value === 1 || value === 2) {
    refuse(`nbformat ${value} is not supported; open and save it in Jupyter to upgrade it to nbformat 4`);
  } else if (Number.isInteger(value) && value >= 5) {
    refuse(`nbformat ${value} is not supported; nbhygiene reads nbformat 4 (and 3)`);
  } else {
    refuse(`nbformat ${value} is not a valid version`);
  }
  return null;
}

function readMinor(top: Record<string, unknown>, report: (message: string) => void): number {
  if (!('nbformat_minor' in top)) {
    report(`missing required field 'nbformat_minor'`);
    return 0;
  }
  if (!isCount(top.nbformat_minor)) {
    report(`'nbformat_minor' is not a non-negative integer`);
    return 0;
  }
  return top.nbformat_minor;
}

/**
 * The notebook metadata; a `kernelspec` or `language_info` that is not an object is reported and left out,
 * so nothing downstream has to guard against it.
 */
function readMetadata(top: Record<string, unknown>, report: (message: string) => void): Record<string, unknown> {
  if (!('metadata' in top)) {
    report(`missing required field 'metadata'`);
    return {};
  }
  if (!isPlainObject(top.metadata)) {
    report(`'metadata' is not an object`);
    return {};
  }
  const metadata = top.metadata;
  const { kernelspec, language_info: languageInfo } = metadata;
  let cleaned = metadata;
  if (kernelspec !== undefined && !isPlainObject(kernelspec)) {
    report(`'metadata.kernelspec' is not an object`);
    const { kernelspec: _dropped, ...rest } = cleaned;
    cleaned = rest;
  }
  if (languageInfo !== undefined && !isPlainObject(languageInfo)) {
    report(`'metadata.language_info' is not an object`);
    const { language_info: _dropped, ...rest } = cleaned;
    cleaned = rest;
  } else if (isPlainObject(languageInfo) && typeof languageInfo.name !== 'string') {
    report(`'metadata.language_info' has no 'name'`);
  }
  return cleaned;
}

function v4Cells(cells: unknown, report: (message: string) => void): unknown[] {
  if (Array.isArray(cells)) return cells;
  report(`'cells' is not an array`);
  return [];
}

/** language_info.name, else kernelspec.language. */
function kernelLanguage(languageInfo: unknown, kernelspec: unknown): string | undefined {
  return (
    (isPlainObject(languageInfo) ? nonEmptyString(languageInfo.name) : undefined) ??
    (isPlainObject(kernelspec) ? nonEmptyString(kernelspec.language) : undefined)
  );
}
