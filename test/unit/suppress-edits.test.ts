// The "suppress this finding" edits: applied to the cell, the engine no longer reports the finding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Cell } from '../../src/core/notebook/notebook';
import { cellSuppressionEdit, lineSuppressionEdit } from '../../src/core/refactor/suppress';
import type { CellTextEdit } from '../../src/core/types';
import { check } from '../helpers/notebook';

function cell(source: string): Cell {
  return { index: 0, kind: 'code', source, executionCount: null, metadata: {}, tags: [], outputs: [] };
}

function apply(source: string, edit: CellTextEdit | null): string {
  assert.ok(edit, 'an edit is offered');
  const lines = source.split('\n');
  const offset = (line: number, character: number) =>
    lines.slice(0, line).reduce((total, text) => total + text.length + 1, 0) + character;
  return (
    source.slice(0, offset(edit.range.start.line, edit.range.start.character)) +
    edit.newText +
    source.slice(offset(edit.range.end.line, edit.range.end.character))
  );
}

describe('suppression edits', () => {
  it('appends a line pragma, and the finding is gone', async () => {
    const source = 'print(ghost)';
    const fixed = apply(source, lineSuppressionEdit(cell(source), 0, 'NH103'));
    assert.equal(fixed, 'print(ghost)  # nbhygiene: ignore[NH103]');
    assert.deepEqual((await check([fixed])).findings, []);
  });

  it('adds a code to an existing line pragma instead of writing a second one', () => {
    const source = 'x = y  # nbhygiene: ignore[NH104]';
    assert.equal(
      apply(source, lineSuppressionEdit(cell(source), 0, 'NH103')),
      'x = y  # nbhygiene: ignore[NH104,NH103]',
    );
  });

  it('offers nothing when the line already ignores every code', () => {
    assert.equal(lineSuppressionEdit(cell('x = y  # nbhygiene: ignore'), 0, 'NH103'), null);
  });

  it('keeps an ordinary comment and adds the pragma after it', async () => {
    const source = 'total = ghost  # from the kernel';
    const fixed = apply(source, lineSuppressionEdit(cell(source), 0, 'NH103'));
    assert.equal(fixed, 'total = ghost  # from the kernel  # nbhygiene: ignore[NH103]');
    assert.deepEqual((await check([fixed])).findings, []);
  });

  it('inserts a cell pragma on the first line, and the cell is silenced', async () => {
    const source = 'print(ghost)\nprint(ghost)';
    const fixed = apply(source, cellSuppressionEdit(cell(source), 'NH103'));
    assert.equal(fixed, '# nbhygiene: ignore-cell[NH103]\nprint(ghost)\nprint(ghost)');
    assert.deepEqual((await check([fixed])).findings, []);
  });

  it('keeps a %% cell magic on the first line', () => {
    const source = '%%time\nprint(ghost)';
    assert.equal(
      apply(source, cellSuppressionEdit(cell(source), 'NH103')),
      '%%time\n# nbhygiene: ignore-cell[NH103]\nprint(ghost)',
    );
  });

  it('extends an existing cell pragma', () => {
    const source = 'x = 1\n# nbhygiene: ignore-cell[NH104]';
    assert.equal(
      apply(source, cellSuppressionEdit(cell(source), 'NH106')),
      'x = 1\n# nbhygiene: ignore-cell[NH104,NH106]',
    );
  });
});
