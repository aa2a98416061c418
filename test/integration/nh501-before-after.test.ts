// NH501's validation block, proven by running (issue 16): on a pandas notebook whose saved outputs come from a real
// run, the block the fix inserts after the load passes on the data those outputs describe, and every cell shows the
// same outputs before and after. The data holds the traps of the issue: Ticket looks like integers in head() and holds
// "A/4 48871" further down, Age has missing values head() does not show, and a later cell adds a column that a later
// head() shows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyCellEditsToNotebookText } from '../../src/core/refactor/apply-plan';
import type { CellRun } from '../../src/core/verify/cell-outputs';
import { REPO } from '../helpers/cli-fixtures';
import { notebookJson, testEngine, type CellSpec } from '../helpers/notebook';
import { assertSameOutputs, runCells } from '../helpers/run-before-after';

const FILES = { 'passengers.csv': readFileSync(join(REPO, 'test', 'fixtures', 'nh501', 'passengers.csv'), 'utf8') };

/** The nbformat outputs a run gives a cell, as Jupyter would save them. */
function savedOutputs(run: CellRun, count: number): unknown[] {
  const outputs: unknown[] = [];
  if (run.stdout !== '') outputs.push({ output_type: 'stream', name: 'stdout', text: run.stdout });
  for (const value of run.outputs) {
    const data: Record<string, string> = {};
    if (value.text !== undefined) data['text/plain'] = value.text;
    if (value.html !== undefined) data['text/html'] = value.html;
    outputs.push(
      value.kind === 'execute_result'
        ? { output_type: 'execute_result', execution_count: count, metadata: {}, data }
        : { output_type: 'display_data', metadata: {}, data },
    );
  }
  return outputs;
}

/** The notebook as Jupyter saves it after Run All: every cell with the outputs a real run gave it. */
async function savedAfterRun(sources: string[]): Promise<string> {
  const run = await runCells(notebookJson(sources), { files: FILES });
  const cells: CellSpec[] = sources.map((source, index) => {
    const cell = run.cells.find((c) => c.index === index)!;
    assert.equal(cell.status, 'ok', `cell ${index} ran: ${cell.error?.ename} ${cell.error?.evalue}`);
    return { source, count: index + 1, outputs: savedOutputs(cell, index + 1) };
  });
  return notebookJson(cells);
}

/** Applies NH501's fix for `passengers` and returns the fixed notebook and the block it inserted. */
async function fixed(notebook: string): Promise<{ after: string; block: string }> {
  const findings = (await testEngine()).check(notebook, 'test.ipynb').findings;
  const finding = findings.find((f) => f.code === 'NH501' && f.message.startsWith('passengers '));
  assert.ok(finding, `NH501 on passengers: ${findings.map((f) => f.code).join(', ')}`);
  const fix = finding.fixes[0];
  assert.ok(fix, 'NH501 offers a fix');
  return {
    after: applyCellEditsToNotebookText(notebook, fix.plan.cellEdits),
    block: fix.plan.cellEdits.map((e) => e.newText).join('\n'),
  };
}

const LOAD = 'import pandas as pd\npassengers = pd.read_csv("passengers.csv")';
const USE = 'print(passengers.groupby("Sex")["Fare"].mean().round(2))';

describe('NH501 validation run before and after on a pandas notebook', () => {
  it('from head(), info() and describe() outputs: passes, outputs unchanged, no later column, no dtype from head()', async () => {
    const before = await savedAfterRun([
      `${LOAD}\npassengers.head()`,
      'passengers.info()',
      'passengers.describe()',
      'passengers["FamilySize"] = passengers["SibSp"] + passengers["Parch"] + 1\npassengers.head()',
      USE,
    ]);
    const { after, block } = await fixed(before);
    await assertSameOutputs(before, after, { files: FILES });
    assert.doesNotMatch(block, /FamilySize/);
    assert.match(block, /assert list\(passengers\.columns\) == \["PassengerId", .*"Ticket", "Fare"\]/);
    assert.match(block, /is_object_dtype\(passengers\["Ticket"\]\)/);
    assert.doesNotMatch(block, /passengers\["Age"\]\.notna/);
    assert.match(block, /passengers\["Fare"\]\.dropna\(\)\.between\(0, /);
  });

  it('from a head() printed as plain text', async () => {
    const before = await savedAfterRun([LOAD, 'print(passengers.head())', USE]);
    const { after, block } = await fixed(before);
    await assertSameOutputs(before, after, { files: FILES });
    // The terminal-width text cuts columns (`Pclass  ... Parch`): the columns it shows, not a column named "... Parch".
    assert.match(block, /_missing = \{"PassengerId", "Survived", "Pclass", "Parch", "Ticket", "Fare"\}/);
  });

  it('with no saved output: the columns the code reads', async () => {
    const before = notebookJson([
      LOAD,
      'passengers["Family"] = passengers["SibSp"] + passengers["Parch"] + 1',
      'print(passengers[["Sex", "Fare", "Family"]].groupby("Sex").mean().round(2))',
    ]);
    const { after, block } = await fixed(before);
    await assertSameOutputs(before, after, { files: FILES });
    assert.match(block, /_missing = \{"SibSp", "Parch", "Sex", "Fare"\} - set\(passengers\.columns\)/);
  });
});
