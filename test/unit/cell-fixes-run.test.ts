// The fixes built on cell operations, proven in the scratch kernel (src/run, Debian's python3 with IPython): every cell
// that ran before runs after with the same outputs; the cell NH102 names now runs; the seeded notebook gives the same
// numbers run after run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { applyPlanToNotebookText } from '../../src/core/refactor/apply-plan';
import type { Fix } from '../../src/core/types';
import { notebookJson, testEngine, type CellSpec } from '../helpers/notebook';
import { assertSameOutputs, outputsOf, runCells } from '../helpers/run-before-after';

async function fixOf(text: string, code: string, title: RegExp): Promise<Fix> {
  const result = (await testEngine()).check(text, 'nb.ipynb', { ...DEFAULT_CONFIG, select: ['NH'] });
  const fix = result.findings
    .filter((f) => f.code === code)
    .flatMap((f) => f.fixes)
    .find((f) => title.test(f.title));
  assert.ok(fix, `${code} offers ${title}`);
  return fix;
}

describe('cell-operation fixes, run before and after', () => {
  it('NH102 move: the cells that ran still show the same, and the cell that failed now runs', async () => {
    const before = notebookJson([
      'import math',
      'print(area(2))',
      'def area(r):\n    return round(math.pi * r ** 2, 2)',
      'print(area(1), math.floor(7.5))',
    ]);
    const fix = await fixOf(before, 'NH102', /^Move cell 3 above cell 2$/);
    const after = applyPlanToNotebookText(before, fix.plan);
    const runs = await assertSameOutputs(before, after);
    assert.equal(outputsOf(runs.before, 1).error?.ename, 'NameError');
    // The moved cell keeps its id: the reading cell is cell-1 wherever it sits now.
    const readerAfter = (JSON.parse(after) as { cells: { id: string }[] }).cells.findIndex((c) => c.id === 'cell-1');
    assert.deepEqual(outputsOf(runs.after, readerAfter).stdout, '12.57\n');
  });

  it('NH102 reorder of every cell: same outputs, and nothing fails any more', async () => {
    const before = notebookJson(['print(a + b)', 'c = 3\nprint(c)', 'b = c + 2', 'a = 1']);
    const fix = await fixOf(before, 'NH102', /^Reorder the cells/);
    const after = applyPlanToNotebookText(before, fix.plan);
    const { after: run } = await assertSameOutputs(before, after);
    assert.deepEqual(
      run.cells.map((cell) => cell.status),
      ['ok', 'ok', 'ok', 'ok'],
    );
  });

  it('NH401 seed cell: what ran before shows the same, and the random draws repeat run after run', async () => {
    const cells = [
      'import numpy as np\nfrom sklearn.model_selection import train_test_split',
      'data = list(range(20))\nnoise = np.random.rand(3)\nprint(len(noise))',
      'train, test = train_test_split(data)\nprint(len(train), len(test))',
    ];
    const before = notebookJson(cells);
    const fix = await fixOf(before, 'NH401', /^Add a seed cell/);
    const after = applyPlanToNotebookText(before, fix.plan);
    await assertSameOutputs(before, after);
    // The draws themselves, printed: other numbers each run before the fix, the same numbers after it.
    const shown = (text: string) =>
      applyPlanToNotebookText(text, {
        cellEdits: [],
        cellOps: [{ op: 'insert', before: 3, cell: { kind: 'code', source: 'print(noise.round(6).tolist(), train)' } }],
      });
    const lastOutput = async (text: string) => {
      const run = await runCells(shown(text));
      return run.cells[run.cells.length - 1]!.stdout;
    };
    assert.notEqual(await lastOutput(before), await lastOutput(before));
    assert.equal(await lastOutput(after), await lastOutput(after));
  });

  it('NH404 clear outputs: the code runs the same, the error output is gone', async () => {
    const cells: CellSpec[] = [
      { source: 'x = 2\nprint(x)', count: 1, outputs: [{ name: 'stdout', output_type: 'stream', text: ['2\n'] }] },
      {
        source: 'print(x * 3)',
        count: 2,
        outputs: [{ output_type: 'error', ename: 'NameError', evalue: "name 'x' is not defined", traceback: [] }],
      },
    ];
    const before = notebookJson(cells);
    const fix = await fixOf(before, 'NH404', /^Clear the outputs of cell 2$/);
    const after = applyPlanToNotebookText(before, fix.plan);
    await assertSameOutputs(before, after);
    assert.deepEqual((JSON.parse(after) as { cells: { outputs: unknown[] }[] }).cells[1]!.outputs, []);
  });
});
