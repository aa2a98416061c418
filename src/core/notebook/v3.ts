// nbformat 3 → nbformat 4 shapes, in memory, following nbformat's own upgrade (nbformat/v4/convert.py),
// so the rest of the loader only knows nbformat 4.
import { normaliseSource } from './cells';
import { upgradeV3Output } from './outputs';
import { isCount, isPlainObject, nonEmptyString } from './values';

/** Reports a problem about the notebook as a whole (here: a worksheet). */
export type ReportNotebookProblem = (message: string) => void;

/** A heading cell becomes a one-line markdown heading, as nbformat does: '#' * level + ' ' + the lines joined by spaces. */
function headingSource(raw: Record<string, unknown>): string {
  const level = isCount(raw.level) && raw.level >= 1 ? Math.min(raw.level, 6) : 1;
  const lines = normaliseSource(raw.source).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const text = lines.join(' ');
  return `${'#'.repeat(level)} ${text}`;
}

/** One v3 cell in v4 shape. Returns a new object (the parsed value is never mutated); non-objects pass through. */
export function upgradeV3Cell(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  // nbformat's upgrade gives every cell metadata, so a v3 cell without it is not reported.
  const metadata = raw.metadata ?? {};
  switch (raw.cell_type) {
    case 'code': {
      const { input, prompt_number, language: _language, collapsed, ...rest } = raw;
      const upgraded: Record<string, unknown> = {
        ...rest,
        // v4 keeps `collapsed` in the metadata.
        metadata: collapsed !== undefined && isPlainObject(metadata) ? { ...metadata, collapsed } : metadata,
        source: input ?? '',
        execution_count: prompt_number ?? null,
      };
      if (Array.isArray(raw.outputs)) upgraded.outputs = raw.outputs.map(upgradeV3Output);
      return upgraded;
    }
    case 'heading': {
      const { level: _level, ...rest } = raw;
      return { ...rest, cell_type: 'markdown', metadata, source: headingSource(raw) };
    }
    case 'html':
      return { ...raw, cell_type: 'markdown', metadata };
    default:
      return { ...raw, metadata };
  }
}

/** Every worksheet's cells, flattened in order and upgraded to v4 shape. */
export function v3Cells(worksheets: unknown, report: ReportNotebookProblem): unknown[] {
  if (!Array.isArray(worksheets)) {
    report(`'worksheets' is not an array`);
    return [];
  }
  const cells: unknown[] = [];
  worksheets.forEach((worksheet, i) => {
    if (!isPlainObject(worksheet)) {
      report(`worksheets[${i}] is not an object`);
    } else if (!('cells' in worksheet)) {
      report(`worksheets[${i}]: missing required field 'cells'`);
    } else if (!Array.isArray(worksheet.cells)) {
      report(`worksheets[${i}]: 'cells' is not an array`);
    } else {
      for (const cell of worksheet.cells) cells.push(upgradeV3Cell(cell));
    }
  });
  return cells;
}

/** The v3 places for the language: the notebook's `metadata.language`, else the first code cell's `language`. */
export function v3Language(metadata: Record<string, unknown>, worksheets: unknown): string | undefined {
  const declared = nonEmptyString(metadata.language);
  if (declared) return declared;
  if (!Array.isArray(worksheets)) return undefined;
  for (const worksheet of worksheets) {
    if (!isPlainObject(worksheet) || !Array.isArray(worksheet.cells)) continue;
    for (const cell of worksheet.cells) {
      if (isPlainObject(cell) && cell.cell_type === 'code') {
        const language = nonEmptyString(cell.language);
        if (language) return language;
      }
    }
  }
  return undefined;
}
