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
    safeFixesPlan([{ fixes: [fix(false)] }, { fixes: [fix(true, { prompt: 'v', placeholder: '?', versionOf: 'x' })] }])
      .count,
    0,
  );
  assert.equal(safeFixesPlan([{ fixes: [fix(false), fix(true)] }]).count, 1);
});
