// The notebook loader: JSON and schema problems as findings, nbformat 3 upgrade, outputs summaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanNotebookLayout } from '../../src/core/notebook/json-scan';
import { loadNotebook } from '../../src/core/notebook/load';
import { TEXT_KEEP, type Notebook } from '../../src/core/notebook/notebook';
import type { Finding } from '../../src/core/types';
import { codeCell, fixture, markdownCell, nbText } from '../fixtures/notebooks/build';

const PATH = 'test.ipynb';

function load(text: string): { notebook: Notebook | null; findings: Finding[] } {
  return loadNotebook(text, PATH);
}

function loaded(text: string): Notebook {
  const { notebook } = load(text);
  assert.ok(notebook, 'expected a notebook');
  return notebook;
}

function codes(findings: Finding[]): string[] {
  return findings.map((finding) => finding.code);
}

// ---- NH001 ------------------------------------------------------------------------------------------

test('invalid JSON gives NH001 with the parser reason, at the line and column of the error', () => {
  const { notebook, findings } = load('{\n  "cells": []\n  "nbformat": 4\n}');
  assert.equal(notebook, null);
  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.equal(finding.code, 'NH001');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.cellIndex, null);
  assert.match(finding.message, /invalid JSON: Expected ',' or '}' after property value/);
  assert.deepEqual(finding.range.start, { line: 2, character: 2 });
});

test('an empty file is NH001 saying the file is empty', () => {
  const { notebook, findings } = load('\n');
  assert.equal(notebook, null);
  assert.deepEqual(codes(findings), ['NH001']);
  assert.equal(findings[0].message, 'invalid JSON: the file is empty');
});

test('NH001 positions count the BOM as part of the text', () => {
  const { findings } = load('\ufeff{"a": 1,}');
  assert.deepEqual(codes(findings), ['NH001']);
  assert.deepEqual(findings[0].range.start, { line: 0, character: 9 });
});

// ---- NH002 errors: not a notebook -------------------------------------------------------------------

test('JSON whose top level is not an object is NH002 error with no notebook', () => {
  const { notebook, findings } = load('[1, 2, 3]');
  assert.equal(notebook, null);
  assert.deepEqual(codes(findings), ['NH002']);
  assert.equal(findings[0].severity, 'error');
  assert.match(findings[0].message, /an array/);
});

test('an nbformat 4 object without cells is an empty notebook with an NH002 warning, as nbformat reads it', () => {
  const { notebook, findings } = load('{"metadata": {}, "nbformat": 4, "nbformat_minor": 4}');
  assert.equal(notebook?.cells.length, 0);
  assert.equal(findings[0].code, 'NH002');
  assert.equal(findings[0].severity, 'warning');
  assert.match(findings[0].message, /'cells'/);
});

test('an nbformat 3 object without worksheets is an empty notebook with an NH002 warning', () => {
  const { notebook, findings } = load('{"metadata": {}, "nbformat": 3, "nbformat_minor": 0}');
  assert.equal(notebook?.cells.length, 0);
  assert.equal(findings[0].severity, 'warning');
  assert.match(findings[0].message, /'worksheets'/);
});

// ---- NH003 ------------------------------------------------------------------------------------------

test('nbformat 2 is NH003 with advice to upgrade in Jupyter, pointing at the nbformat key', () => {
  const text = '{\n "nbformat": 2,\n "worksheets": []\n}';
  const { notebook, findings } = load(text);
  assert.equal(notebook, null);
  assert.deepEqual(codes(findings), ['NH003']);
  assert.equal(
    findings[0].message,
    'nbformat 2 is not supported; open and save it in Jupyter to upgrade it to nbformat 4',
  );
  assert.deepEqual(findings[0].range.start, { line: 1, character: 1 });
});

test('nbformat 5 is NH003', () => {
  const { notebook, findings } = load(nbText([], { nbformat: 5, nbformat_minor: 0 }));
  assert.equal(notebook, null);
  assert.deepEqual(codes(findings), ['NH003']);
  assert.match(findings[0].message, /nbformat 5 is not supported/);
});

test('a missing nbformat is NH003', () => {
  const { notebook, findings } = load('{"cells": [], "metadata": {}}');
  assert.equal(notebook, null);
  assert.deepEqual(codes(findings), ['NH003']);
  assert.match(findings[0].message, /missing 'nbformat'/);
});

test('a non-numeric nbformat is NH003', () => {
  const { notebook, findings } = load(nbText([], { nbformat: '4' }));
  assert.equal(notebook, null);
  assert.deepEqual(codes(findings), ['NH003']);
  assert.match(findings[0].message, /not a version number/);
});

// ---- nbformat 4 -------------------------------------------------------------------------------------

test('a well-formed nbformat 4.5 notebook loads with no findings', () => {
  const text = fixture('v4-5-basic.ipynb');
  const { notebook, findings } = loadNotebook(text, 'dir/basic.ipynb');
  assert.ok(notebook);
  assert.deepEqual(
    findings.filter((f) => f.code !== 'NH002' || !/tags/.test(f.message)),
    [],
  );
  assert.equal(notebook.path, 'dir/basic.ipynb');
  assert.equal(notebook.nbformat, 4);
  assert.equal(notebook.nbformatMinor, 5);
  assert.equal(notebook.size, text.length);
  assert.deepEqual(
    notebook.cells.map((cell) => cell.kind),
    ['markdown', 'code', 'markdown', 'raw'],
  );
  assert.deepEqual(
    notebook.cells.map((cell) => cell.index),
    [0, 1, 2, 3],
  );
  assert.equal(notebook.cells[1].executionCount, 2);
});

test('a source given as a list of strings is joined with nothing between', () => {
  const notebook = loaded(nbText([codeCell(['a = 1\n', 'b = 2'])]));
  assert.equal(notebook.cells[0].source, 'a = 1\nb = 2');
});

test('a source given as one string is kept as is', () => {
  const notebook = loaded(nbText([codeCell('a = 1\nb = 2')]));
  assert.equal(notebook.cells[0].source, 'a = 1\nb = 2');
});

test('CRLF line ends in a source become LF', () => {
  const notebook = loaded(nbText([codeCell(['a = 1\r\n', 'b = 2\r\n'])]));
  assert.equal(notebook.cells[0].source, 'a = 1\nb = 2\n');
});

test('a file with a BOM and CRLF line ends loads', () => {
  const text = '\ufeff' + nbText([codeCell('x = 1')]).replace(/\n/g, '\r\n');
  const { notebook, findings } = load(text);
  assert.deepEqual(findings, []);
  assert.equal(notebook?.cells[0].source, 'x = 1');
});

test('a BOM at the start of a cell source is removed', () => {
  const notebook = loaded(nbText([codeCell(['\ufeffimport os\n'])]));
  assert.equal(notebook.cells[0].source, 'import os\n');
});

test('a code cell without execution_count or outputs gets null and [] and one NH002 per field', () => {
  const { notebook, findings } = load(nbText([markdownCell('# t'), { cell_type: 'code', metadata: {}, source: 'x' }]));
  assert.equal(notebook?.cells[1].executionCount, null);
  assert.deepEqual(notebook?.cells[1].outputs, []);
  assert.deepEqual(
    findings.map((f) => [f.code, f.severity, f.cellIndex, f.message]),
    [
      ['NH002', 'warning', 1, "cell 2: missing required field 'execution_count'"],
      ['NH002', 'warning', 1, "cell 2: missing required field 'outputs'"],
    ],
  );
  assert.deepEqual(findings[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
});

test('an unknown cell_type is kept in place as a raw cell, with NH002', () => {
  const { notebook, findings } = load(
    nbText([markdownCell('a'), { cell_type: 'heading', metadata: {}, source: 'T' }, codeCell('x')]),
  );
  assert.deepEqual(
    notebook?.cells.map((cell) => cell.kind),
    ['markdown', 'raw', 'code'],
  );
  assert.equal(notebook?.cells[1].source, 'T');
  assert.deepEqual(codes(findings), ['NH002']);
  assert.match(findings[0].message, /^cell 2: unknown cell_type "heading"/);
});

test('a cell that is not an object becomes an empty raw cell, with NH002', () => {
  const { notebook, findings } = load(nbText([42, codeCell('x')]));
  assert.deepEqual(
    notebook?.cells.map((cell) => [cell.kind, cell.source]),
    [
      ['raw', ''],
      ['code', 'x'],
    ],
  );
  assert.equal(findings[0].cellIndex, 0);
  assert.match(findings[0].message, /not an object/);
});

test("'cells' that is not an array gives an empty notebook and NH002 warning", () => {
  const { notebook, findings } = load(nbText([], { cells: { a: 1 } }));
  assert.deepEqual(notebook?.cells, []);
  assert.deepEqual(
    findings.map((f) => [f.code, f.severity, f.message]),
    [['NH002', 'warning', "'cells' is not an array"]],
  );
});

test("'metadata.kernelspec' that is not an object is NH002 and ignored", () => {
  const { notebook, findings } = load(nbText([], { metadata: { kernelspec: 'python3', title: 'T' } }));
  assert.deepEqual(
    findings.map((f) => f.message),
    ["'metadata.kernelspec' is not an object"],
  );
  assert.deepEqual(notebook?.metadata, { title: 'T' });
  assert.equal(notebook?.language, 'python');
});

test('missing notebook metadata is NH002 and read as {}', () => {
  const { notebook, findings } = load(JSON.stringify({ cells: [], nbformat: 4, nbformat_minor: 4 }));
  assert.deepEqual(notebook?.metadata, {});
  assert.deepEqual(
    findings.map((f) => f.message),
    ["missing required field 'metadata'"],
  );
});

test('missing cell metadata is NH002 and read as {}', () => {
  const { notebook, findings } = load(nbText([{ cell_type: 'markdown', source: 'x' }]));
  assert.deepEqual(notebook?.cells[0].metadata, {});
  assert.deepEqual(
    findings.map((f) => f.message),
    ["cell 1: missing required field 'metadata'"],
  );
});

test('a missing nbformat_minor is NH002 and read as 0', () => {
  const { notebook, findings } = load(JSON.stringify({ cells: [], metadata: {}, nbformat: 4 }));
  assert.equal(notebook?.nbformatMinor, 0);
  assert.deepEqual(
    findings.map((f) => f.message),
    ["missing required field 'nbformat_minor'"],
  );
});

test('cell ids are kept', () => {
  const notebook = loaded(fixture('v4-5-basic.ipynb'));
  assert.deepEqual(
    notebook.cells.map((cell) => cell.id),
    ['intro', 'load-data', 'with-attachment', 'raw-cell'],
  );
});

test('a cell id with characters nbformat forbids is kept, with NH002 carrying the cell id', () => {
  const { notebook, findings } = load(nbText([codeCell('x', { id: 'bad id!' })], { nbformat_minor: 5 }));
  assert.equal(notebook?.cells[0].id, 'bad id!');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].cellId, 'bad id!');
  assert.match(findings[0].message, /'id' "bad id!" is not/);
});

test('a cell id used twice is NH002 on the second cell', () => {
  const { findings } = load(
    nbText([codeCell('a', { id: 'dup' }), codeCell('b', { id: 'dup' })], { nbformat_minor: 5 }),
  );
  assert.deepEqual(
    findings.map((f) => [f.cellIndex, f.message]),
    [[1, `cell 2: 'id' "dup" is already used by cell 1`]],
  );
});

test('cells without ids in nbformat 4.5 give one NH002 for the whole notebook', () => {
  const { findings } = load(nbText([codeCell('a'), codeCell('b'), codeCell('c')], { nbformat_minor: 5 }));
  assert.equal(findings.length, 1);
  assert.equal(findings[0].cellIndex, null);
  assert.match(findings[0].message, /^3 cells have no 'id'/);
});

test('cells without ids before nbformat 4.5 are fine', () => {
  assert.deepEqual(load(nbText([codeCell('a'), codeCell('b')])).findings, []);
});

test('cell tags keep only strings; tags that are not a list of strings are NH002', () => {
  const { notebook, findings } = load(fixture('v4-5-basic.ipynb'));
  assert.deepEqual(notebook?.cells[0].tags, ['docs', 'intro']);
  assert.deepEqual(
    findings.map((f) => f.message),
    ["cell 1: 'metadata.tags' is not a list of strings"],
  );
});

test('cell tags given as a string are dropped with NH002', () => {
  const { notebook, findings } = load(nbText([codeCell('x', { metadata: { tags: 'parameters' } })]));
  assert.deepEqual(notebook?.cells[0].tags, []);
  assert.equal(findings.length, 1);
});

test('attachments on a markdown cell are accepted', () => {
  const { notebook, findings } = load(fixture('v4-5-basic.ipynb'));
  assert.equal(notebook?.cells[2].source, '![image.png](attachment:image.png)');
  assert.equal(findings.filter((f) => f.cellIndex === 2).length, 0);
});

test('nbformat 4.99 loads, and unknown cell and output types from the future are not reported', () => {
  const text = nbText(
    [
      { cell_type: 'future cell', metadata: {}, id: 'f1' },
      codeCell('x', { id: 'f2', outputs: [{ output_type: 'future output', payload: 1 }] }),
    ],
    { nbformat_minor: 99 },
  );
  const { notebook, findings } = load(text);
  assert.deepEqual(findings, []);
  assert.equal(notebook?.nbformatMinor, 99);
  assert.deepEqual(
    notebook?.cells.map((cell) => cell.kind),
    ['raw', 'code'],
  );
  assert.equal(notebook?.cells[1].outputs[0].outputType, 'unknown');
});

test('the layout scan finds where each cell object starts, past braces and quotes inside strings', () => {
  const text = '\ufeff' + nbText([markdownCell('a {'), codeCell('"}]')]);
  assert.deepEqual(scanNotebookLayout(text, 1).cellStarts, [
    text.indexOf('{\n   "cell_type": "markdown"'),
    text.indexOf('{\n   "cell_type": "code"'),
  ]);
});

// ---- language ---------------------------------------------------------------------------------------

test('the language is language_info.name, lower-cased', () => {
  const notebook = loaded(
    nbText([], {
      metadata: { language_info: { name: 'R' }, kernelspec: { language: 'python', name: 'x', display_name: 'x' } },
    }),
  );
  assert.equal(notebook.language, 'r');
});

test('without language_info the language is kernelspec.language', () => {
  const notebook = loaded(
    nbText([], { metadata: { kernelspec: { language: 'Julia', name: 'julia-1.9', display_name: 'Julia' } } }),
  );
  assert.equal(notebook.language, 'julia');
});

test('without any language metadata the language is python', () => {
  assert.equal(loaded(nbText([])).language, 'python');
});

test('a non-Python notebook is still loaded', () => {
  const notebook = loaded(nbText([codeCell('x <- 1')], { metadata: { language_info: { name: 'plaintext' } } }));
  assert.equal(notebook.language, 'plaintext');
  assert.equal(notebook.cells[0].source, 'x <- 1');
});

test('an nbformat 3 notebook takes its language from metadata.language, else the first code cell', () => {
  const v3 = (metadata: Record<string, unknown>) =>
    JSON.stringify({
      metadata,
      nbformat: 3,
      nbformat_minor: 0,
      worksheets: [
        { cells: [{ cell_type: 'code', language: 'ruby', input: '', outputs: [], metadata: {} }], metadata: {} },
      ],
    });
  assert.equal(loaded(v3({ language: 'Haskell' })).language, 'haskell');
  assert.equal(loaded(v3({})).language, 'ruby');
});

// ---- outputs ----------------------------------------------------------------------------------------

test('an execute_result keeps its MIME types, text/plain, text/html and execution count', () => {
  const output = loaded(fixture('v4-5-basic.ipynb')).cells[1].outputs[0];
  assert.equal(output.outputType, 'execute_result');
  assert.deepEqual(output.mimeTypes, ['text/html', 'text/plain']);
  assert.equal(output.text, '   a\n0  1');
  assert.equal(output.html, '<table><tr><td>1</td></tr></table>');
  assert.equal(output.executionCount, 2);
});

test('output text is cut to TEXT_KEEP characters, even when given as many lines', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(20)}\n`);
  const cell = codeCell('x', { outputs: [{ output_type: 'stream', name: 'stdout', text: lines }] });
  const output = loaded(nbText([cell])).cells[0].outputs[0];
  assert.equal(output.text?.length, TEXT_KEEP);
  assert.ok(output.text?.startsWith('line 0 '));
});

test('a stream output keeps its text', () => {
  const cell = codeCell('print(1)', { outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n', '2\n'] }] });
  const output = loaded(nbText([cell])).cells[0].outputs[0];
  assert.deepEqual([output.outputType, output.text], ['stream', '1\n2\n']);
});

test('an error output keeps ename and evalue but not the traceback', () => {
  const error = {
    output_type: 'error',
    ename: 'KeyError',
    evalue: "'a'",
    traceback: ['\u001b[0;31mKeyError\u001b[0m'],
  };
  const output = loaded(nbText([codeCell('d["a"]', { outputs: [error] })])).cells[0].outputs[0];
  assert.deepEqual(output, { outputType: 'error', mimeTypes: [], size: output.size, ename: 'KeyError', evalue: "'a'" });
});

test("an output's size approximates the length of its JSON", () => {
  const output = {
    output_type: 'display_data',
    metadata: {},
    data: { 'image/png': 'A'.repeat(100_000), 'text/plain': ['<Figure>'] },
  };
  const size = loaded(nbText([codeCell('x', { outputs: [output] })])).cells[0].outputs[0].size;
  const exact = JSON.stringify(output).length;
  assert.ok(size > exact * 0.9 && size < exact * 1.1, `${size} vs ${exact}`);
});

test('an unknown output_type is summarised as unknown, with NH002', () => {
  const { notebook, findings } = load(nbText([codeCell('x', { outputs: [{ output_type: 'bad stream', text: 'x' }] })]));
  assert.equal(notebook?.cells[0].outputs[0].outputType, 'unknown');
  assert.deepEqual(
    findings.map((f) => f.message),
    [`cell 1: output 0: unknown output_type "bad stream"`],
  );
});

test('an output missing a required field is NH002 naming the field', () => {
  const { findings } = load(nbText([codeCell('x', { outputs: [{ output_type: 'stream', text: 'x' }] })]));
  assert.deepEqual(
    findings.map((f) => f.message),
    [`cell 1: output 0: missing required field 'name'`],
  );
});

// ---- nbformat 3 -------------------------------------------------------------------------------------

test('nbformat 3: cells of all worksheets are read in order, input → source, prompt_number → execution count', () => {
  const { notebook, findings } = load(fixture('v3-two-worksheets.ipynb'));
  assert.deepEqual(findings, []);
  assert.ok(notebook);
  assert.equal(notebook.nbformat, 3);
  assert.deepEqual(
    notebook.cells.map((cell) => cell.kind),
    ['markdown', 'code', 'code', 'markdown', 'code'],
  );
  assert.equal(notebook.cells[1].source, 'import math\nmath.pi');
  assert.equal(notebook.cells[1].executionCount, 3);
  assert.equal(notebook.cells[2].executionCount, null);
  assert.equal(notebook.cells[3].source, 'Second worksheet');
  assert.equal(notebook.language, 'python');
});

test('nbformat 3: a heading cell becomes a markdown heading with one # per level', () => {
  const notebook = loaded(fixture('v3-two-worksheets.ipynb'));
  assert.equal(notebook.cells[0].source, '## Loading data');
});

test('nbformat 3: pyout becomes execute_result, with short data keys turned into MIME types', () => {
  const output = loaded(fixture('v3-two-worksheets.ipynb')).cells[1].outputs[0];
  assert.equal(output.outputType, 'execute_result');
  assert.deepEqual(output.mimeTypes.sort(), ['text/html', 'text/plain']);
  assert.equal(output.text, '3.141592653589793');
  assert.equal(output.html, '<b>pi</b>');
  assert.equal(output.executionCount, 3);
});

test('nbformat 3: stream and pyerr outputs become stream and error', () => {
  const outputs = loaded(fixture('v3-two-worksheets.ipynb')).cells[2].outputs;
  assert.deepEqual(
    outputs.map((o) => o.outputType),
    ['stream', 'error'],
  );
  assert.equal(outputs[0].text, 'hi\n');
  assert.deepEqual([outputs[1].ename, outputs[1].evalue], ['ZeroDivisionError', 'division by zero']);
});

test('nbformat 3: display_data png becomes image/png', () => {
  const output = loaded(fixture('v3-two-worksheets.ipynb')).cells[4].outputs[0];
  assert.deepEqual([output.outputType, output.mimeTypes], ['display_data', ['image/png']]);
});

test('nbformat 3: the layout scan finds each cell object inside its worksheet', () => {
  const text = fixture('v3-two-worksheets.ipynb');
  const starts = scanNotebookLayout(text).worksheetCellStarts ?? [];
  assert.equal(starts.length, loaded(text).cells.length);
  for (const start of starts) assert.equal(text[start], '{');
  assert.ok(text.slice(starts[3]).includes('Second worksheet'));
});
