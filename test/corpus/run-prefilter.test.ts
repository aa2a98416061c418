// The CLI tests a notebook's bytes for `%run` lines before decoding them a second time; it must agree with the text
// test runCellSources makes, on every corpus notebook and on the shapes a %run line takes in .ipynb JSON.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { mayHoldRunLine } from '../../src/cli/project-cache';
import { MAYBE_RUN } from '../../src/core/deps/run-files';
import { corpusName, corpusNotebooks } from '../helpers/corpus';

describe('the byte test for %run lines', () => {
  it('agrees with the text test on every corpus notebook', () => {
    let withRun = 0;
    for (const file of corpusNotebooks()) {
      const bytes = readFileSync(file);
      const expected = MAYBE_RUN.test(bytes.toString('utf8'));
      assert.equal(mayHoldRunLine(bytes), expected, corpusName(file));
      if (expected) withRun++;
    }
    assert.ok(withRun > 0, 'the corpus has notebooks with %run lines');
  });

  it('agrees on %run, automagic run after a line break, spaces, and words that only contain run', () => {
    for (const text of [
      '"%run helpers.py"',
      '"x = 1\\nrun helpers.py"',
      '"run a.py"',
      '"%  run\\tb.py"',
      '"running"',
      '"rerun it"',
      '"brun x"',
      '"%runx"',
    ]) {
      assert.equal(mayHoldRunLine(Buffer.from(text)), MAYBE_RUN.test(text), text);
    }
  });
});
