// Positions in the .ipynb text (offsets, JSON.parse errors) and the scanner that finds cell objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonErrorOffset, jsonErrorPosition, offsetToPosition } from '../../src/core/notebook/json-position';
import { scanNotebookLayout } from '../../src/core/notebook/json-scan';

// ---- positions --------------------------------------------------------------------------------------

test('offsetToPosition counts lines and UTF-16 characters from 0, CRLF as one line end', () => {
  const text = 'ab\r\ncd\néf';
  assert.deepEqual(offsetToPosition(text, 0), { line: 0, character: 0 });
  assert.deepEqual(offsetToPosition(text, 5), { line: 1, character: 1 });
  assert.deepEqual(offsetToPosition(text, 8), { line: 2, character: 1 });
  assert.deepEqual(offsetToPosition(text, 999), { line: 2, character: 2 });
});

test('jsonErrorOffset reads V8 "at position N"', () => {
  assert.equal(jsonErrorOffset(`Expected ',' or '}' after property value in JSON at position 13`, 'x'.repeat(20)), 13);
});

test('jsonErrorOffset reads "(line L column C)" and Firefox "at line L column C" (1-based)', () => {
  const text = '{\n  "a": 1\n  "b": 2}';
  assert.equal(jsonErrorOffset('Something in JSON at line 3 column 3 of the JSON data', text), 13);
  assert.equal(jsonErrorOffset(`Expected ',' or '}' after property value in JSON (line 3 column 3)`, text), 13);
});

test('jsonErrorOffset puts "Unexpected end of JSON input" at the end of the text', () => {
  assert.equal(jsonErrorOffset('Unexpected end of JSON input', '{"a": [1,'), 9);
});

test('jsonErrorOffset finds the token V8 quotes with context instead of a position', () => {
  const text = `{"cells": [${'1,'.repeat(30)} NaN, ${'2,'.repeat(30)} 3]}`;
  let message = '';
  try {
    JSON.parse(text);
  } catch (error) {
    message = (error as Error).message;
  }
  const offset = jsonErrorOffset(message, text);
  assert.equal(offset, text.indexOf('NaN'));
});

test('jsonErrorPosition falls back to 0:0 when the message says nothing about where', () => {
  assert.equal(jsonErrorOffset('JSON Parse error: Unexpected identifier', '{}'), null);
  assert.deepEqual(jsonErrorPosition('JSON Parse error: Unexpected identifier', '{}'), { line: 0, character: 0 });
});

// ---- scanner ----------------------------------------------------------------------------------------

test('scanNotebookLayout finds each cell object, skipping brackets and escaped quotes inside strings', () => {
  const text =
    '{"metadata": {"x": "]}\\"["}, "cells": [ {"source": "[{\\\\"}, {"a": [1, {"b": "}"}]} ], "nbformat": 4}';
  const layout = scanNotebookLayout(text);
  assert.deepEqual(layout.cellStarts, [text.indexOf('{"source"'), text.indexOf('{"a"')]);
  assert.equal(layout.keys.get('nbformat'), text.indexOf('"nbformat"'));
});

test('scanNotebookLayout flattens the cells of every v3 worksheet', () => {
  const text = '{"worksheets": [{"cells": [{"i": 1}]}, {"metadata": {}}, {"cells": [{"i": 2}, {"i": 3}]}]}';
  const layout = scanNotebookLayout(text);
  assert.deepEqual(layout.worksheetCellStarts, [
    text.indexOf('{"i": 1'),
    text.indexOf('{"i": 2'),
    text.indexOf('{"i": 3'),
  ]);
});

test('scanNotebookLayout leaves cell offsets unknown when the top level is not an object', () => {
  assert.equal(scanNotebookLayout('[1, 2]').cellStarts, null);
});
