// "Fix all": several plans become one edit, without two edits fighting over the same text or file.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { mergePlans, safeFixesPlan } from '../../src/core/refactor/merge-plans';
import type { EditPlan, Fix } from '../../src/core/types';

const edit = (cellIndex: number, line: number, start: number, end: number, newText = 'x') => ({
  cellIndex,
  range: { start: { line, character: start }, end: { line, character: end } },
  newText,
});
const plan = (cellEdits: EditPlan['cellEdits'], files: string[] = []): EditPlan => ({
  cellEdits,
  fileEdits: files.map((path) => ({ path, expectedOldText: '', newText: 'y' })),
});

it('merges plans that touch different text and files', () => {
  const { plan: merged, merged: count } = mergePlans([
    plan([edit(0, 0, 0, 3)]),
    plan([edit(0, 0, 3, 5)]),
    plan([], ['/p/requirements.txt']),
  ]);
  assert.equal(count, 3);
  assert.equal(merged.cellEdits.length, 2);
});

it('leaves out a plan whose edit overlaps an earlier one, or that edits a file already edited', () => {
  const { merged } = mergePlans([
    plan([edit(1, 2, 0, 4)]),
    plan([edit(1, 2, 3, 6)]),
    plan([], ['/a']),
    plan([], ['/a']),
  ]);
  assert.equal(merged, 2);
});

it('takes only safe fixes that need no answer', () => {
  const fix = (safe: boolean, ask?: Fix['ask']): Fix => ({
    title: 't',
    safe,
    isPreferred: safe,
    plan: plan([edit(0, 0, 0, 1)]),
    ...(ask ? { ask } : {}),
  });
  assert.equal(
    safeFixesPlan([{ fixes: [fix(false)] }, { fixes: [fix(true, { prompt: 'v', placeholder: '?' })] }]).count,
    0,
  );
  assert.equal(safeFixesPlan([{ fixes: [fix(false), fix(true)] }]).count, 1);
});

it('merges cell operations on different cells, and leaves out a second move or an edit of a deleted cell', () => {
  const withOps = (cellOps: EditPlan['cellOps'], cellEdits: EditPlan['cellEdits'] = []): EditPlan => ({
    cellEdits,
    fileEdits: [],
    cellOps,
  });
  const { plan: merged, merged: count } = mergePlans([
    withOps([{ op: 'move', cellIndex: 4, before: 1 }]),
    withOps([{ op: 'clearOutputs', cellIndex: 2 }]),
    withOps([{ op: 'move', cellIndex: 6, before: 0 }]),
    withOps([{ op: 'clearOutputs', cellIndex: 2 }]),
    withOps([{ op: 'delete', cellIndex: 3 }], [edit(3, 0, 0, 1)]),
    withOps([], [edit(3, 0, 0, 1)]),
  ]);
  assert.equal(count, 3);
  assert.deepEqual(merged.cellOps, [
    { op: 'move', cellIndex: 4, before: 1 },
    { op: 'clearOutputs', cellIndex: 2 },
  ]);
  assert.deepEqual(merged.cellEdits, [edit(3, 0, 0, 1)]);
});

it("takes a notebook-wide fix once, before the findings' own fixes", () => {
  const reorder: Fix = {
    title: 'Reorder',
    safe: true,
    isPreferred: false,
    scope: 'notebook',
    plan: { cellEdits: [], fileEdits: [], cellOps: [{ op: 'move', cellIndex: 3, before: 0 }] },
  };
  const own = (cellIndex: number): Fix => ({
    title: 'Move',
    safe: true,
    isPreferred: true,
    plan: { cellEdits: [], fileEdits: [], cellOps: [{ op: 'move', cellIndex, before: 0 }] },
  });
  const { plan: merged, count } = safeFixesPlan([
    { fixes: [own(3), { ...reorder }] },
    { fixes: [own(5), { ...reorder }] },
  ]);
  assert.equal(count, 1);
  assert.deepEqual(merged.cellOps, reorder.plan.cellOps);
});
