// NH101–NH106 on small notebooks written for each case: what fires, where, and what must stay quiet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { check, findingsOf, notebookJson, testEngine, type CellSpec } from '../helpers/notebook';

describe('NH101 out-of-order execution', () => {
  it('flags only the cell whose count breaks the rising order (3, 1, 2 flags the 1)', async () => {
    assert.deepEqual(
      await findingsOf('NH101', [
        { source: 'a = 1', count: 3 },
        { source: 'b = a', count: 1 },
        { source: 'c = a + b', count: 2 },
      ]),
      ['2:1:1'],
    );
  });

  it('points at the earlier cell that ran later', async () => {
    const result = await check([
      { source: 'a = 1', count: 5 },
      { source: 'b = a', count: 4 },
    ]);
    const finding = result.findings.find((f) => f.code === 'NH101')!;
    assert.equal(finding.related[0]?.cellIndex, 0);
    assert.match(finding.message, /\[4\].*lower than \[5\] of cell 1/);
  });

  it('is quiet for rising counts and cells that never ran', async () => {
    assert.deepEqual(
      await findingsOf('NH101', [
        { source: 'a = 1', count: 1 },
        { source: 'b = a', count: null },
        { source: 'c = b', count: 2 },
        { source: 'd = c', count: 3 },
      ]),
      [],
    );
  });

  it('skips markdown cells between code cells', async () => {
    assert.deepEqual(
      await findingsOf('NH101', [
        { source: 'a = 1', count: 2 },
        { source: '# title', type: 'markdown' },
        { source: 'b = a', count: 1 },
      ]),
      ['3:1:1'],
    );
  });
});

describe('NH102 used before defined', () => {
  it('flags a read whose only definition is in a later cell, pointing at it', async () => {
    const result = await check(['print(df)', 'import pandas as pd', 'df = pd.DataFrame()']);
    const finding = result.findings.find((f) => f.code === 'NH102')!;
    assert.equal(finding.cellIndex, 0);
    assert.equal(finding.range.start.character, 6);
    assert.match(finding.message, /name 'df' is used before it is defined \(defined in cell 3\)/);
    assert.equal(finding.related[0]?.cellIndex, 2);
  });

  it('is quiet when the definition comes first', async () => {
    assert.deepEqual(await findingsOf('NH102', ['x = 1', 'print(x)']), []);
  });

  it('flags a call that runs a function before the name its body reads is defined', async () => {
    const result = await check(['def f():\n    return data', 'f()', 'data = 1']);
    const finding = result.findings.find((f) => f.code === 'NH102')!;
    assert.equal(finding.cellIndex, 1);
    assert.match(finding.message, /'f' runs here and reads 'data'/);
    assert.deepEqual(
      finding.related.map((r) => r.cellIndex),
      [2, 0],
    );
  });

  it('a function body alone never causes NH102: only a call before the definition does', async () => {
    assert.deepEqual(await findingsOf('NH102', ['def f():\n    return data', 'data = 1', 'f()']), []);
  });

  it('a name read after del, defined again later, is NH102', async () => {
    assert.deepEqual(await findingsOf('NH102', ['x = 1', 'del x', 'print(x)', 'x = 2']), ['3:1:7']);
  });

  it('methods count as called where the class is first used', async () => {
    assert.deepEqual(
      await findingsOf('NH102', ['class C:\n    def m(self):\n        return scale', 'c = C()', 'scale = 2']),
      ['2:1:5'],
    );
  });

  it('a function that sets a global defines it for the cells after the call', async () => {
    assert.deepEqual(await findingsOf('NH102', ['def setup():\n    global g\n    g = 1', 'setup()', 'print(g)']), []);
    assert.deepEqual(await findingsOf('NH103', ['def setup():\n    global g\n    g = 1', 'setup()', 'print(g)']), []);
  });
});

describe('NH103 undefined name', () => {
  it('flags a name defined nowhere, saying it only existed in the kernel', async () => {
    const result = await check([{ source: 'print(ghost)', count: 1 }]);
    const finding = result.findings.find((f) => f.code === 'NH103')!;
    assert.match(finding.message, /'ghost' is defined nowhere in the notebook; it only ever existed in the kernel/);
  });

  it('builtins and IPython names are defined', async () => {
    assert.deepEqual(
      await findingsOf('NH103', ['print(len([]), display, get_ipython(), In, Out, _, __, _i, _3, exit)']),
      [],
    );
  });

  it('after a star import unknown names are maybe defined', async () => {
    assert.deepEqual(await findingsOf('NH103', ['from pylab import *', 'plot(linspace(0, 1))']), []);
  });

  it('a name read before a star import is still undefined', async () => {
    assert.deepEqual(await findingsOf('NH103', ['plot(1)', 'from pylab import *']), ['1:1:1']);
  });

  it('after %run unknown names are maybe defined', async () => {
    assert.deepEqual(await findingsOf('NH103', ['%run helpers.py', 'helper()']), []);
  });

  it('a deleted name never defined again is NH103 and says where it was deleted', async () => {
    const result = await check(['tmp = 1', 'del tmp', 'print(tmp)']);
    const finding = result.findings.find((f) => f.code === 'NH103')!;
    assert.match(finding.message, /deleted in cell 2/);
  });

  it('a free name in a function body that nothing defines is NH103 at the read, called or not', async () => {
    assert.deepEqual(await findingsOf('NH103', ['def f():\n    return missing']), ['1:2:12']);
  });

  it('a read already reported as NH103 gets no NH104', async () => {
    const result = await check([{ source: 'print(ghost)', count: 1 }]);
    assert.deepEqual(
      result.findings.map((f) => f.code),
      ['NH103'],
    );
  });

  it('%pylab defines np and plt', async () => {
    assert.deepEqual(await findingsOf('NH103', ['%pylab inline', 'plt.plot(np.arange(3))']), []);
  });
});

/** A saved output: what NH104 says may be stale. */
const PRINTED = [{ output_type: 'stream', name: 'stdout', text: '1\n' }];

describe('NH104 output built on hidden state', () => {
  it('flags a read whose value came from a cell below that ran earlier', async () => {
    const result = await check(
      [
        { source: 'x = 1', count: 1 },
        { source: 'print(x)', count: 3, outputs: PRINTED },
        { source: 'x = 2', count: 2 },
      ],
      ['NH104'],
    );
    const finding = result.findings.find((f) => f.code === 'NH104')!;
    assert.equal(finding.cellIndex, 1);
    assert.match(
      finding.message,
      /'x' held the value from cell 3 \(run \[2\]\), but a clean run takes it from cell 1 \(run \[1\]\)/,
    );
    assert.deepEqual(
      finding.related.map((r) => r.cellIndex),
      [0, 2],
    );
  });

  it('is quiet when the provider has no count: never ran and ran with its count cleared look the same', async () => {
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'x = 1', count: null },
        { source: 'print(x)', count: 1, outputs: PRINTED },
      ]),
      [],
    );
  });

  it('flags a read whose provider ran after the reader', async () => {
    const result = await check(
      [
        { source: 'x = load()', count: 2 },
        { source: 'print(x)', count: 1, outputs: PRINTED },
      ],
      ['NH104'],
    );
    const finding = result.findings.find((f) => f.code === 'NH104')!;
    assert.equal(`${finding.cellIndex}:${finding.range.start.character}`, '1:6');
    assert.match(
      finding.message,
      /'x' was set by cell 1 \(run \[2\]\) only after this cell ran \(run \[1\]\): its saved output used an older value/,
    );
  });

  it('is quiet on a clean top-to-bottom run', async () => {
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'x = 1', count: 1 },
        { source: 'x.append(2) if False else None', count: 2 },
        { source: 'print(x)', count: 3, outputs: PRINTED },
      ]),
      [],
    );
  });

  it('counts an in-place update as the latest write', async () => {
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'df = load()', count: 1 },
        { source: "df['a'] = 1", count: 3 },
        { source: 'show(df)', count: 2, outputs: PRINTED },
      ]),
      ['3:1:6'],
    );
  });

  it('is reported once per cell, at the first read', async () => {
    assert.deepEqual(
      await findingsOf('NH104', [
        { source: 'x = load()', count: 2 },
        { source: 'print(x)\nprint(x)', count: 1, outputs: PRINTED },
      ]),
      ['2:1:7'],
    );
  });
});

describe('NH105 skipped cell', () => {
  const selected = { ...DEFAULT_CONFIG, extendSelect: ['NH105'] };
  const skipped = async (cells: CellSpec[], metadata: Record<string, unknown> = {}, config = selected) =>
    (await testEngine())
      .check(notebookJson(cells, metadata), 'test.ipynb', config)
      .findings.filter((f) => f.code === 'NH105')
      .map((f) => f.cellIndex! + 1);

  it('flags, once selected, a cell without a count that an output below would have read', async () => {
    const cells = [
      { source: 'df = load()', count: 1 },
      { source: 'df = df.dropna()', count: null },
      { source: 'df.describe()', count: 2, outputs: PRINTED },
    ];
    assert.deepEqual(await skipped(cells), [2]);
    const finding = (await testEngine())
      .check(notebookJson(cells), 'test.ipynb', selected)
      .findings.find((f) => f.code === 'NH105')!;
    assert.match(
      finding.message,
      /if it never ran, cell 3's saved output \(run \[2\]\) used 'df' from cell 1 instead of this cell's/,
    );
  });

  it('is off by default', async () => {
    assert.deepEqual(
      await skipped(
        [
          { source: 'a = 1', count: 1 },
          { source: 'a = 2', count: null },
          { source: 'print(a)', count: 2, outputs: PRINTED },
        ],
        {},
        DEFAULT_CONFIG,
      ),
      [],
    );
  });

  it('is quiet for unexecuted cells at the end, empty cells and fully unexecuted notebooks', async () => {
    assert.deepEqual(
      await skipped([
        { source: 'a = 1', count: 1 },
        { source: '', count: null },
        { source: 'c = a', count: 2 },
        { source: 'a = 4', count: null },
      ]),
      [],
    );
    assert.deepEqual(await skipped([{ source: 'a = 1' }, { source: 'print(a)' }]), []);
  });
});

describe('NH106 not idempotent', () => {
  it('flags x = x + 1, x += 1 and df = df.drop(...) on earlier state', async () => {
    assert.deepEqual(
      await findingsOf('NH106', ['x = 0\ndf = load()', 'x = x + 1', 'x += 1', "df = df.drop(columns=['a'])"]),
      ['2:1:5', '3:1:1', '4:1:6'],
    );
  });

  it('flags accumulating calls on earlier state', async () => {
    assert.deepEqual(await findingsOf('NH106', ['items = []', 'items.append(1)']), ['2:1:1']);
  });

  it("is quiet for df['a'] = 1, obj.attr = v, and names bound earlier in the same cell", async () => {
    assert.deepEqual(
      await findingsOf('NH106', [
        'df = load()\nobj = make()',
        "df['a'] = 1\nobj.attr = 2",
        'xs = []\nxs.append(1)\ny = 1\ny += 1',
      ]),
      [],
    );
  });

  it('is reported once per name per cell', async () => {
    assert.deepEqual(await findingsOf('NH106', ['x = 0', 'x += 1\nx += 1']), ['2:1:1']);
  });
});
