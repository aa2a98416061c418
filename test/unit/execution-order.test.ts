// Issue 15, the execution-order rules (NH101, NH104, NH105) on the patterns of real notebooks that made them wrong:
// what must not be said, and next to it what must still be said, so precision rises without recall falling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { check, findingsOf, notebookJson, testEngine, type CellSpec } from '../helpers/notebook';

const OUT = [{ output_type: 'stream', name: 'stdout', text: 'ok\n' }];
const messagesOf = async (code: string, cells: CellSpec[]) =>
  (await check(cells, [code])).findings.filter((f) => f.code === code).map((f) => f.message);

describe('1. outputs saved from two kernel sessions', () => {
  // Counts 1..4, then a restart after the pip install: 2, 3 again below (SDXL Dreambooth, sparkmagic's examples).
  const twoSessions: CellSpec[] = [
    { source: '!pip install diffusers', count: 1, outputs: OUT },
    { source: 'import torch', count: 2 },
    { source: 'x = torch.ones(3)', count: 3 },
    { source: 'print(x)', count: 4, outputs: OUT },
    { source: 'import torch', count: 2 },
    { source: 'y = torch.zeros(3)\nprint(x)', count: 3, outputs: OUT },
    { source: 'print(y)', count: 1, outputs: OUT },
  ];

  it('NH101 says it once, at the cell where counts start again, instead of one finding per break', async () => {
    const result = await check(twoSessions);
    const found = result.findings.filter((f) => f.code === 'NH101');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.cellIndex, 4);
    assert.equal(
      found[0]!.message,
      'the saved outputs come from more than one kernel session: counts start again at cell 5 and cell 7, and count [2] is in both cell 2 and cell 5, so the counts cannot tell which cell ran first',
    );
  });

  it('NH104 compares no counts across sessions, and never prints "run [2] > [2]"', async () => {
    assert.deepEqual(await messagesOf('NH104', twoSessions), []);
    const equal: CellSpec[] = [
      { source: 'x = load()', count: 2 },
      { source: 'print(x)', count: 2, outputs: OUT },
    ];
    assert.deepEqual(await messagesOf('NH104', equal), []);
  });

  it('one session with a real break is still reported per break', async () => {
    assert.deepEqual(
      await findingsOf('NH101', [
        { source: 'x = 1', count: 3 },
        { source: 'y = x', count: 1 },
        { source: 'z = y', count: 4 },
      ]),
      ['2:1:1'],
    );
  });
});

describe('2. a cell without a count is not "never ran"', () => {
  it('NH104 is quiet when the provider has no count, Colab or not', async () => {
    const cells: CellSpec[] = [
      { source: 'role = get_role()', count: null },
      { source: 'print(role)', count: 5, outputs: OUT },
    ];
    assert.deepEqual(await findingsOf('NH104', cells), []);
  });

  const selected = { ...DEFAULT_CONFIG, extendSelect: ['NH105'] };
  const skipped = async (cells: CellSpec[], metadata: Record<string, unknown> = {}) =>
    (await testEngine())
      .check(notebookJson(cells, metadata), 'test.ipynb', selected)
      .findings.filter((f) => f.code === 'NH105')
      .map((f) => f.cellIndex! + 1);

  it('NH105 is quiet for a cell whose names a later cell read successfully: it ran', async () => {
    assert.deepEqual(
      await skipped([
        { source: 'import sagemaker', count: 1 },
        { source: 'role = sagemaker.get_execution_role()', count: null },
        { source: 'print(role)', count: 2, outputs: OUT },
      ]),
      [],
    );
  });

  it('NH105 is quiet for comments, prints and a block a later cell redefines', async () => {
    assert.deepEqual(
      await skipped([
        { source: 'W = init()', count: 1 },
        { source: '# !huggingface-cli login', count: null },
        { source: 'W = other()\nprint(W)', count: null },
        { source: 'W = init()', count: 2 },
        { source: 'print(W)', count: 3, outputs: OUT },
      ]),
      [],
    );
  });

  it('NH105 says nothing in a notebook Colab saved, which keeps no counts for cells it ran', async () => {
    const cells: CellSpec[] = [
      { source: 'df = load()', count: 1 },
      { source: 'df = df.dropna()', count: null },
      { source: 'df.describe()', count: 2, outputs: OUT },
    ];
    assert.deepEqual(await skipped(cells, { colab: { provenance: [] } }), []);
    assert.deepEqual(await skipped(cells), [2]);
  });
});

describe('3. NH104 needs a saved output to call stale', () => {
  it('is quiet on a cell with no output, and reports the same read once there is one', async () => {
    const cells = (outputs: unknown[]): CellSpec[] => [
      { source: 'x = load()', count: 1 },
      { source: 'x = x * 2', count: 3 },
      { source: 'use(x)', count: 2, outputs },
    ];
    assert.deepEqual(await findingsOf('NH104', cells([])), []);
    assert.deepEqual(await findingsOf('NH104', cells(OUT)), ['3:1:5']);
  });

  it('an error alone is no saved value', async () => {
    const error = [{ output_type: 'error', ename: 'NameError', evalue: "name 'x' is not defined", traceback: [] }];
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'x = load()', count: 2 },
        { source: 'print(x)', count: 1, outputs: error },
      ]),
      [],
    );
  });
});

describe('4. running an imports or definitions cell again gives the same value', () => {
  it('NH104 is quiet when the provider re-ran only an import or a def', async () => {
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'import numpy as np\ndef f(v):\n    return v + 1', count: 10 },
        { source: 'print(f(np.ones(2)))', count: 3, outputs: OUT },
      ]),
      [],
    );
  });

  it('NH104 is quiet when another cell imports the same module or sets the same literal', async () => {
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'import pandas as pd\nSEED = 42', count: 1 },
        { source: 'print(pd, SEED)', count: 3, outputs: OUT },
        { source: 'import pandas as pd\nSEED = 42', count: 2 },
      ]),
      [],
    );
  });

  it('still flags a value computed again, and a different literal', async () => {
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'import numpy as np\nP = np.ones(3)', count: 10 },
        { source: 'print(P)', count: 3, outputs: OUT },
      ]),
      ['2:1:7'],
    );
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'SEED = 42', count: 1 },
        { source: 'print(SEED)', count: 3, outputs: OUT },
        { source: 'SEED = 7', count: 2 },
      ]),
      ['2:1:7'],
    );
  });

  it('NH101 is quiet when the cell above that ran later only imports again what this cell uses', async () => {
    assert.deepEqual(
      await findingsOf('NH101', [
        { source: 'import numpy as np', count: 9 },
        { source: 'print(np.pi)', count: 2 },
      ]),
      [],
    );
  });
});

describe('5. an out-of-order cell whose order changes no output', () => {
  it('NH101 is quiet for a comment-only cell, a styling call and constants nobody reads', async () => {
    assert.deepEqual(
      await findingsOf('NH101', [
        {
          source: 'from IPython.core.display import HTML\ndef css_styling():\n    return HTML("<style></style>")',
          count: 1,
        },
        { source: 'data = load()', count: 5 },
        { source: '# 27, 27\n#  1, 27', count: 3 },
        { source: 'css_styling()', count: 2 },
        { source: 'UNUSED = 3', count: 4 },
      ]),
      [],
    );
  });

  it('NH101 still flags a cell that read what a cell above set later, or set what it read', async () => {
    assert.deepEqual(
      await findingsOf('NH101', [
        { source: 'data = load()', count: 5 },
        { source: 'summary = data.mean()', count: 3 },
      ]),
      ['2:1:1'],
    );
    assert.deepEqual(
      await findingsOf('NH101', [
        { source: 'print(lr)', count: 5 },
        { source: 'lr = 0.1', count: 3 },
      ]),
      ['2:1:1'],
    );
  });
});

describe('6. one NH104 per reading cell', () => {
  it('reports the first stale name and names the others in the message', async () => {
    const result = await check(
      [
        { source: 'a = load()\nb = load()', count: 4 },
        { source: 'print(a, b)', count: 2, outputs: OUT },
      ],
      ['NH104'],
    );
    const found = result.findings.filter((f) => f.code === 'NH104');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /^'a' was set by cell 1 .* \(also 'b'\)$/);
  });
});

describe('7. NH104 through a function call', () => {
  it('flags the call whose function read a name set only after the call ran', async () => {
    const result = await check(
      [
        { source: 'def report():\n    return rate * 2', count: 1 },
        { source: 'rate = 0.5', count: 3 },
        { source: 'report()', count: 2, outputs: OUT },
      ],
      ['NH104'],
    );
    const found = result.findings.filter((f) => f.code === 'NH104');
    assert.deepEqual(
      found.map((f) => `${f.cellIndex}:${f.range.start.character}`),
      ['2:0'],
    );
    assert.match(
      found[0]!.message,
      /^'report' reads 'rate', which was set by cell 2 \(run \[3\]\) only after this cell ran \(run \[2\]\)/,
    );
  });

  it('is quiet when the call ran after the name was set', async () => {
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'def report():\n    return rate * 2', count: 1 },
        { source: 'rate = 0.5', count: 2 },
        { source: 'report()', count: 3, outputs: OUT },
      ]),
      [],
    );
  });
});

describe('an attribute set is an update of the object, not a new binding', () => {
  // micrograd: cell 14 builds o, cell 18 sets o.grad, cell 29 (run earlier) sets o.grad too.
  it('NH104 names the cell that re-ran the binding, not an attribute set elsewhere', async () => {
    const result = await check(
      [
        { source: 'o = Value(2.0)', count: 241 },
        { source: 'draw(o)', count: 221, outputs: OUT },
        { source: 'o.grad = 1.0', count: 187 },
      ],
      ['NH104'],
    );
    const found = result.findings.filter((f) => f.code === 'NH104');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /^'o' was set by cell 1 \(run \[241\]\) only after this cell ran \(run \[221\]\)/);
  });

  it('an attribute set that ran between the binding and the read changed what the read showed', async () => {
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'o = Value(2.0)', count: 1 },
        { source: 'draw(o)', count: 3, outputs: OUT },
        { source: 'o.grad = 1.0', count: 2 },
      ]),
      ['2:1:6'],
    );
  });
});

describe('what the counts can prove', () => {
  it('an empty cell that shows the count before it is no second session', async () => {
    assert.deepEqual(
      await findingsOf('NH101', [
        { source: 'x = 1', count: 6 },
        { source: '', count: 6 },
        { source: 'print(x)', count: 7 },
      ]),
      [],
    );
  });

  it("a function's global binds count as writes of the cell that calls it (jotto's setup('wordle'))", async () => {
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'def reply_for(g, t):\n    return 1', count: 1 },
        { source: 'def setup():\n    global reply_for\n    reply_for = lambda g, t: 2', count: 2 },
        { source: 'setup()', count: 3 },
        { source: 'print(reply_for(1, 2))', count: 4, outputs: OUT },
      ]),
      [],
    );
  });

  it('NH105 is quiet for a cell that only updates the name (model.fit()): the read below would have failed', async () => {
    const cells: CellSpec[] = [
      { source: 'model = make()', count: 1 },
      { source: 'model.fit()', count: null },
      { source: 'print(model.model_data)', count: 2, outputs: OUT },
    ];
    const found = (await testEngine()).check(notebookJson(cells), 'test.ipynb', {
      ...DEFAULT_CONFIG,
      extendSelect: ['NH105'],
    }).findings;
    assert.deepEqual(
      found.filter((f) => f.code === 'NH105'),
      [],
    );
  });
});

describe('a copied cell keeps its count', () => {
  it('two neighbours with the same count are no restart, and NH104 compares nothing between them', async () => {
    const cells: CellSpec[] = [
      { source: 'y = 0', count: 1 },
      { source: 'x = 1', count: 22 },
      { source: 'y = x', count: 23, outputs: OUT },
      { source: 'print(y)', count: 23, outputs: OUT },
      { source: 'z = y', count: 25 },
    ];
    assert.deepEqual(await findingsOf('NH101', cells), []);
    assert.deepEqual(await findingsOf('NH104', cells), []);
  });
});
