// NH401 asks the notebook's imports what a callee is, never the cell's text: a draw through an alias the text does not
// spell (`th.randn`) or a function imported in an earlier cell (`rand` from numpy.random) is still a draw.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { runCodeCellsAsScript } from '../helpers/python-script';
import { describe, it } from 'node:test';
import { applyPlanToNotebookText } from '../../src/core/refactor/apply-plan';
import { check, findingsOf, notebookJson } from '../helpers/notebook';

describe('NH401 resolves callees through the notebook imports', () => {
  it('flags a draw through a module alias: import torch as th; th.randn(3)', async () => {
    assert.deepEqual(await findingsOf('NH401', ['import torch as th\nth.randn(3)']), ['1:2:1']);
  });

  it('flags a function imported from numpy.random in an earlier cell and called in a later one', async () => {
    assert.deepEqual(await findingsOf('NH401', ['from numpy.random import rand', 'rand(3)']), ['2:1:1']);
  });

  it('flags a function imported under another name: from random import randint as ri', async () => {
    assert.deepEqual(await findingsOf('NH401', ['from random import randint as ri', 'ri(1, 6)']), ['2:1:1']);
  });

  it('accepts the same calls once the library is seeded through its alias', async () => {
    assert.deepEqual(await findingsOf('NH401', ['import torch as th\nth.manual_seed(0)\nth.randn(3)']), []);
    assert.deepEqual(
      await findingsOf('NH401', ['import numpy as np\nfrom numpy.random import rand\nnp.random.seed(0)', 'rand(3)']),
      [],
    );
  });

  it('does not take a notebook function named like a numpy one for a draw', async () => {
    assert.deepEqual(await findingsOf('NH401', ['def rand(n):\n    return [0] * n', 'rand(3)']), []);
  });
});

// The seed block runs before the first draw it seeds, proven by running the notebook: after the fix two runs print the
// same numbers and NH401 is gone; before it they differ.
describe('NH401 seed block: placed before the first draw, and it makes the notebook reproducible', () => {
  /** The code cells run top to bottom in one fresh python3, as Restart & Run All would. */
  function run(ipynbText: string): string {
    const notebook = JSON.parse(ipynbText) as { cells: { cell_type: string; source: string | string[] }[] };
    const code = notebook.cells
      .filter((cell) => cell.cell_type === 'code')
      .map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source));
    const result = spawnSync('python3', ['-c', code.join('\n')], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  }

  async function fixed(cells: string[]): Promise<{ before: string; after: string; title: string }> {
    const before = notebookJson(cells);
    const [finding] = (await check(cells, ['NH401'])).findings.filter((f) => f.code === 'NH401');
    assert.ok(finding && finding.fixes.length === 1, 'one NH401 with one fix');
    const fix = finding.fixes[0]!;
    return { before, after: applyPlanToNotebookText(before, fix.plan), title: fix.title };
  }

  for (const [what, cells] of [
    ['import in an earlier cell', ['import random', 'print(random.random(), random.randint(0, 10**9))']],
    [
      'import and draw in the same cell',
      ['import random\nvalues = [random.random() for _ in range(3)]\nprint(values)'],
    ],
    [
      'several imports, the draw two cells later',
      ['import math\nimport random', 'n = 3', 'print(random.sample(range(10**6), n))'],
    ],
  ] as const) {
    it(what, async () => {
      const { before, after, title } = await fixed([...cells]);
      assert.match(title, /^Add a seed cell \(SEED = 42 for random\) (after the imports in cell 1|before cell 1)$/);
      assert.notEqual(run(before), run(before), 'the unfixed notebook draws other numbers each run');
      assert.equal(run(after), run(after));
      const reloaded = JSON.parse(after) as { cells: { source: string }[] };
      const afterCells = reloaded.cells.map((cell) =>
        Array.isArray(cell.source) ? cell.source.join('') : cell.source,
      );
      assert.deepEqual(await findingsOf('NH401', afterCells), []);
    });
  }
});

// Issue 16: the fix added random_state=SEED to the call and left SEED to a line that runs after it (a later cell, or
// the end of the same cell): Restart & Run All raised NameError. SEED must be defined before the call it seeds.
describe('NH401 fix: SEED defined before the call it seeds (issue 16)', () => {
  const run = runCodeCellsAsScript;

  for (const [what, cells] of [
    [
      'SEED defined in a later cell',
      [
        'from sklearn.model_selection import train_test_split\na, b = train_test_split(list(range(10)))\nprint(a)',
        'SEED = 7\nprint(SEED)',
      ],
    ],
    [
      'SEED defined at the end of the same cell',
      [
        'from sklearn.model_selection import train_test_split\na, b = train_test_split(list(range(10)))\nprint(a)\nSEED = 7',
      ],
    ],
  ] as const) {
    it(what, async () => {
      const before = notebookJson([...cells]);
      const [finding] = (await check([...cells], ['NH401'])).findings.filter((f) => f.code === 'NH401');
      assert.ok(finding && finding.fixes[0], 'an NH401 with a fix');
      const after = applyPlanToNotebookText(before, finding.fixes[0].plan);
      const first = run(after);
      assert.equal(first.ok, true, first.stderr);
      assert.deepEqual(run(after), first, 'the fixed notebook prints the same split every run');
      const reloaded = (JSON.parse(after) as { cells: { source: string | string[] }[] }).cells.map((cell) =>
        Array.isArray(cell.source) ? cell.source.join('') : cell.source,
      );
      assert.deepEqual(await findingsOf('NH401', reloaded), []);
    });
  }
});
