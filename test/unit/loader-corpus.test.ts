// The loader against the shared corpus of real notebooks (read-only), checked against its MANIFEST.tsv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanNotebookLayout } from '../../src/core/notebook/json-scan';
import { loadNotebook, type LoadResult } from '../../src/core/notebook/load';

import { CORPUS_ROOT as CORPUS } from '../helpers/corpus';
const MANIFEST = join(CORPUS, 'MANIFEST.tsv');

interface Entry {
  file: string;
  cells: number;
  nbformat: string;
  kernelLanguage: string;
}

function manifest(): Entry[] {
  const [header, ...rows] = readFileSync(MANIFEST, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  const column = (name: string) => header.indexOf(name);
  return rows.map((row) => ({
    file: row[column('file')],
    cells: Number(row[column('cells')]),
    nbformat: row[column('nbformat')],
    kernelLanguage: row[column('kernel_language')],
  }));
}

interface Loaded extends Entry {
  text: string;
  result: LoadResult;
}

let cache: Loaded[] | null = null;
function loadAll(): Loaded[] {
  cache ??= manifest().map((entry) => {
    const text = readFileSync(join(CORPUS, entry.file), 'utf8');
    return { ...entry, text, result: loadNotebook(text, entry.file) };
  });
  return cache;
}

const NBFORMAT_TESTS = 'notebooks/jupyter__nbformat/tests__';

/**
 * The files that give findings, and which. nbformat's own fixtures are broken on purpose;
 * every other notebook of the corpus is expected to load cleanly, except the Kaggle one noted.
 */
const EXPECTED_FINDINGS: Record<string, string[]> = {
  [`${NBFORMAT_TESTS}invalid.ipynb`]: [
    "NH002 cell 1: missing required field 'source'",
    'NH002 cell 3: unknown cell_type "heading", read as a raw cell',
    'NH002 cell 4: output 0: unknown output_type "bad stream"',
  ],
  [`${NBFORMAT_TESTS}invalid_cell_id.ipynb`]: [
    `NH002 cell 1: 'id' "$illegal_chars" is not 1-64 letters, digits, '-' or '_'`,
  ],
  [`${NBFORMAT_TESTS}invalid_unique_cell_id.ipynb`]: [`NH002 cell 2: 'id' "dup" is already used by cell 1`],
  [`${NBFORMAT_TESTS}no_min_version.ipynb`]: ["NH002 missing required field 'nbformat_minor'"],
  [`${NBFORMAT_TESTS}test2.ipynb`]: [
    'NH003 nbformat 2 is not supported; open and save it in Jupyter to upgrade it to nbformat 4',
  ],
  [`${NBFORMAT_TESTS}test3_no_metadata.ipynb`]: ["NH002 missing required field 'metadata'"],
  [`${NBFORMAT_TESTS}test3_no_min_version.ipynb`]: ["NH002 missing required field 'nbformat_minor'"],
  [`${NBFORMAT_TESTS}test3_no_worksheets.ipynb`]: [
    "NH002 missing required field 'worksheets'; read as an empty notebook",
  ],
  [`${NBFORMAT_TESTS}test3_worksheet_with_no_cells.ipynb`]: ["NH002 worksheets[0]: missing required field 'cells'"],
  [`${NBFORMAT_TESTS}v4_5_invalid_metadata.ipynb`]: [
    "NH002 'metadata.kernelspec' is not an object",
    "NH002 cell 1: 'metadata.tags' is not a list of strings",
  ],
  [`${NBFORMAT_TESTS}v4_5_no_cell_id.ipynb`]: ["NH002 cell 1: missing required field 'id'"],
  // Written by Kaggle's tooling as nbformat 4.5, without the cell ids 4.5 requires.
  'notebooks/Kaggle__learntools/notebooks__intro_to_programming__raw__ex3.ipynb': [
    "NH002 29 cells have no 'id' (first: cell 1), which nbformat 4.5 requires; saving the notebook in Jupyter adds them",
  ],
  // An IPython 2 test notebook whose second cell's prompt_number is the text "&nbsp;".
  'notebooks/ipython__ipython/tools__tests__heartbeat__gilsleep.ipynb': [
    "NH002 cell 3: 'execution_count' is not a non-negative integer or null",
  ],
};

test('every corpus file loads without throwing, as a notebook or with an error finding', () => {
  const entries = loadAll();
  assert.equal(entries.length, 206);
  for (const { file, result } of entries) {
    if (result.notebook === null) {
      assert.ok(
        result.findings.some((f) => /^NH00[123]$/.test(f.code) && f.severity === 'error'),
        file,
      );
    }
    for (const finding of result.findings) assert.match(finding.code, /^NH00[123]$/, file);
  }
});

test('corpus findings are exactly the expected ones', () => {
  const actual: Record<string, string[]> = {};
  for (const { file, result } of loadAll()) {
    if (result.findings.length > 0) actual[file] = result.findings.map((f) => `${f.code} ${f.message}`);
  }
  assert.deepEqual(actual, EXPECTED_FINDINGS);
});

test("the computed language matches MANIFEST's kernel_language ('unknown' means python)", () => {
  for (const { file, result, kernelLanguage } of loadAll()) {
    if (result.notebook === null) continue;
    const expected = kernelLanguage === 'unknown' ? 'python' : kernelLanguage.toLowerCase();
    assert.equal(result.notebook.language, expected, file);
  }
});

test("the cell count matches MANIFEST's cells", () => {
  for (const { file, result, cells } of loadAll()) {
    if (result.notebook !== null) assert.equal(result.notebook.cells.length, cells, file);
  }
});

test("the version matches MANIFEST's nbformat", () => {
  for (const { file, result, nbformat } of loadAll()) {
    if (result.notebook === null) continue;
    const [major, minor = '0'] = nbformat.split('.');
    assert.deepEqual([result.notebook.nbformat, result.notebook.nbformatMinor], [Number(major), Number(minor)], file);
  }
});

test('the layout scan finds every cell object of every notebook (edits to a file start from it)', () => {
  for (const { file, result, text } of loadAll()) {
    if (result.notebook === null) continue;
    const layout = scanNotebookLayout(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
    const starts = (result.notebook.nbformat === 3 ? layout.worksheetCellStarts : layout.cellStarts) ?? [];
    assert.equal(starts.length, result.notebook.cells.length, file);
    for (const start of starts) assert.equal(text[start], '{', `${file} at ${start}`);
  }
});
