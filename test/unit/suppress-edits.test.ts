// The "suppress this finding" edits: applied to the cell, the engine no longer reports the finding; the cell form is a
// tag, so the cell keeps its saved execution count and the execution-order findings do not change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Cell } from '../../src/core/notebook/notebook';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { applyPlanToNotebookText } from '../../src/core/refactor/apply-plan';
import { cellSuppressionPlan, lineSuppressionEdit } from '../../src/core/refactor/suppress';
import type { CellTextEdit } from '../../src/core/types';
import { check, notebookJson, testEngine } from '../helpers/notebook';

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

  it('silences the cell with a tag, leaving its text and saved count, so the order findings stay', async () => {
    const before = notebookJson([
      { source: 'import math', count: 1 },
      { source: 'a = 1\nprint(ghost)', count: 3 },
      { source: 'b = a * math.pi', count: 2 },
    ]);
    const engine = await testEngine();
    const found = engine.check(before, 'n.ipynb', DEFAULT_CONFIG);
    const ghost = found.findings.find((finding) => finding.code === 'NH103')!;
    const plan = cellSuppressionPlan(found.notebook!.cells[ghost.cellIndex!]!, 'NH103');
    assert.deepEqual(plan, {
      cellEdits: [],
      fileEdits: [],
      cellOps: [{ op: 'setMetadata', cellIndex: 1, key: 'tags', value: ['nbhygiene-ignore:NH103'] }],
    });
    const after = applyPlanToNotebookText(before, plan);
    const cell = (JSON.parse(after) as { cells: Record<string, unknown>[] }).cells[1]!;
    assert.equal(cell.execution_count, 3);
    assert.deepEqual(cell.metadata, { tags: ['nbhygiene-ignore:NH103'] });
    assert.equal(cell.source, 'a = 1\nprint(ghost)');
    const codes = (text: string) => engine.check(text, 'n.ipynb', DEFAULT_CONFIG).findings.map((f) => f.code);
    assert.ok(codes(before).includes('NH103'));
    assert.ok(codes(before).includes('NH101'));
    assert.deepEqual(
      codes(after),
      codes(before).filter((code) => code !== 'NH103'),
    );
  });

  it("keeps the cell's other tags and offers nothing when a tag already silences the code", () => {
    const tagged = { ...cell('print(ghost)'), index: 2, tags: ['parameters', 'nbhygiene-ignore:NH101'] };
    assert.deepEqual(cellSuppressionPlan(tagged, 'NH103')?.cellOps, [
      {
        op: 'setMetadata',
        cellIndex: 2,
        key: 'tags',
        value: ['parameters', 'nbhygiene-ignore:NH101', 'nbhygiene-ignore:NH103'],
      },
    ]);
    assert.equal(cellSuppressionPlan({ ...tagged, tags: ['nbhygiene-ignore:NH1'] }, 'NH103'), null);
    assert.equal(cellSuppressionPlan({ ...tagged, tags: ['nbhygiene-ignore'] }, 'NH103'), null);
  });
});
