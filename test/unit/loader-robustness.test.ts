// The loader never throws, stays bounded on pathological input, and handles big notebooks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadNotebook, MAX_SCHEMA_FINDINGS } from '../../src/core/notebook/load';
import type { Notebook } from '../../src/core/notebook/notebook';
import type { Finding } from '../../src/core/types';
import { codeCell, fixture, nbText } from '../fixtures/notebooks/build';

const PATH = 'test.ipynb';

function load(text: string): { notebook: Notebook | null; findings: Finding[] } {
  return loadNotebook(text, PATH);
}

function loaded(text: string): Notebook {
  const { notebook } = load(text);
  assert.ok(notebook, 'expected a notebook');
  return notebook;
}

function assertWellFormed(result: { notebook: Notebook | null; findings: Finding[] }): void {
  for (const finding of result.findings) {
    assert.match(finding.code, /^NH00[123]$/);
    assert.doesNotMatch(finding.message, /internal error/);
    assert.equal(finding.notebook, PATH);
    assert.deepEqual([finding.related, finding.fixes], [[], []]);
  }
  assert.ok(result.notebook !== null || result.findings.some((f) => f.severity === 'error'));
}

test('never throws and never hits an internal error on arbitrary strings', () => {
  fc.assert(
    fc.property(fc.string(), (text) => assertWellFormed(load(text))),
    { numRuns: 500 },
  );
});

test('never throws on arbitrary JSON values', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => assertWellFormed(load(JSON.stringify(value)))),
    { numRuns: 500 },
  );
});

test('never throws on notebooks whose cells and outputs are arbitrary JSON', () => {
  const anything = fc.jsonValue({ maxDepth: 3 });
  const cell = fc.oneof(
    anything,
    fc.record({
      cell_type: fc.constantFrom('code', 'markdown', 'raw', 'heading'),
      metadata: anything,
      source: anything,
    }),
    fc.record({
      cell_type: fc.constant('code'),
      source: anything,
      outputs: fc.array(anything),
      execution_count: anything,
    }),
  );
  const notebook = fc.record({
    nbformat: fc.constantFrom(3, 4),
    nbformat_minor: fc.oneof(fc.nat(100), anything),
    metadata: anything,
    cells: fc.array(cell, { maxLength: 5 }),
    worksheets: fc.array(fc.record({ cells: fc.array(cell, { maxLength: 5 }) }), { maxLength: 2 }),
  });
  fc.assert(
    fc.property(notebook, (value) => assertWellFormed(load(JSON.stringify(value)))),
    { numRuns: 500 },
  );
});

test('never throws on a truncated notebook', () => {
  const text = fixture('v4-5-basic.ipynb');
  for (let end = 0; end < text.length; end += 7) assertWellFormed(load(text.slice(0, end)));
});

test('deeply nested JSON does not overflow the stack', () => {
  const depth = 100_000;
  const output = '['.repeat(depth) + ']'.repeat(depth);
  const text = `{"cells": [{"cell_type": "code", "metadata": {}, "source": "", "execution_count": null, "outputs": [${output}]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}`;
  assertWellFormed(load(text));
});

test('schema findings stop at a cap, with one finding counting the rest', () => {
  const cells = Array.from({ length: MAX_SCHEMA_FINDINGS + 50 }, () => ({ cell_type: 'markdown', source: '' }));
  const { notebook, findings } = load(nbText(cells));
  assert.equal(notebook?.cells.length, MAX_SCHEMA_FINDINGS + 50);
  assert.equal(findings.length, MAX_SCHEMA_FINDINGS + 1);
  assert.equal(findings[MAX_SCHEMA_FINDINGS].message, '50 more schema problems not listed');
});

test('a 10,000-cell notebook loads', () => {
  const cells = Array.from({ length: 10_000 }, (_, i) =>
    codeCell([`x${i} = ${i}\n`, `print(x${i})`], {
      id: `cell-${i}`,
      execution_count: i + 1,
      outputs: [{ output_type: 'stream', name: 'stdout', text: [`${i}\n`] }],
    }),
  );
  const { notebook, findings } = load(nbText(cells, { nbformat_minor: 5 }));
  assert.deepEqual(findings, []);
  assert.equal(notebook?.cells.length, 10_000);
  assert.equal(notebook?.cells[9_999].source, 'x9999 = 9999\nprint(x9999)');
});

test('a multi-megabyte output is summarised, not kept', () => {
  const image = 'A'.repeat(5_000_000);
  const output = {
    output_type: 'display_data',
    metadata: {},
    data: { 'image/png': image, 'text/plain': ['<Figure size 640x480>'] },
  };
  const summary = loaded(nbText([codeCell('plot()', { outputs: [output] })])).cells[0].outputs[0];
  assert.ok(summary.size >= 5_000_000);
  assert.equal(summary.text, '<Figure size 640x480>');
  assert.ok(JSON.stringify(summary).length < 1000);
});
