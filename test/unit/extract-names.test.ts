// Parameters and return values of an extraction on every scope case, and the cases token-based tools get wrong.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadNotebook } from '../../src/core/notebook/load';
import { analyseNames, ExtractRefusal } from '../../src/core/refactor/extract-names';
import { planningModel } from '../../src/core/analysis/notebook-model';
import { notebookJson, testParser, type CellSpec } from '../helpers/notebook';

async function flowOf(cells: (string | CellSpec)[], extract: number[]) {
  const parser = await testParser();
  const notebook = loadNotebook(notebookJson(cells), '/p/nb.ipynb').notebook!;
  const flow = analyseNames(planningModel(notebook, parser), extract, parser);
  return { params: flow.params, returns: flow.returns, mutated: flow.mutated, mode: flow.mode };
}

async function refusal(cells: (string | CellSpec)[], extract: number[]): Promise<string> {
  try {
    await flowOf(cells, extract);
  } catch (error) {
    if (error instanceof ExtractRefusal) return error.reason;
    throw error;
  }
  return 'none';
}

describe('extract: parameters and returns', () => {
  it('x += 1: a parameter and, when read later, a return value', async () => {
    const flow = await flowOf(['x = 1', 'x += 1', 'print(x)'], [1]);
    assert.deepEqual([flow.params, flow.returns], [['x'], ['x']]);
  });

  it('df.dropna(inplace=True) with later reads of df: df is a parameter and returned', async () => {
    const flow = await flowOf(
      ['import pandas as pd\ndf = pd.DataFrame()', 'df.dropna(inplace=True)', 'df.head()'],
      [1],
    );
    assert.deepEqual([flow.params, flow.returns], [['df'], ['df']]);
  });

  it('an in-place change nobody reads later is documented as mutated, not returned', async () => {
    const flow = await flowOf(['items = [3, 1]', 'items.sort()\nn = 1'], [1]);
    assert.deepEqual([flow.params, flow.returns, flow.mutated], [['items'], [], ['items']]);
  });

  it('if cond: cond is a parameter', async () => {
    const flow = await flowOf(['cond = True', 'if cond:\n    y = 1\nelse:\n    y = 2', 'print(y)'], [1]);
    assert.deepEqual([flow.params, flow.returns], [['cond'], ['y']]);
  });

  it('for i in items with a later print(i): i is returned, items a parameter', async () => {
    const flow = await flowOf(['items = [1, 2]', 'for i in items:\n    pass', 'print(i)'], [1]);
    assert.deepEqual([flow.params, flow.returns], [['items'], ['i']]);
  });

  it('walrus: the name it binds is returned when read later', async () => {
    const flow = await flowOf(['data = [1, 2, 3]', 'if (n := len(data)) > 2:\n    big = True', 'print(n)'], [1]);
    assert.deepEqual([flow.params, flow.returns], [['data'], ['n']]);
  });

  it('walrus in a comprehension binds in the enclosing scope', async () => {
    const flow = await flowOf(['xs = [1, 2]', 'ys = [last := x for x in xs]', 'print(last, ys)'], [1]);
    assert.deepEqual([flow.params, flow.returns], [['xs'], ['last', 'ys']]);
  });

  it('del: a name deleted in the cells is not returned', async () => {
    const flow = await flowOf(['a = 1', 'tmp = a * 2\nb = tmp + 1\ndel tmp', 'print(b)'], [1]);
    assert.deepEqual([flow.params, flow.returns], [['a'], ['b']]);
  });

  it('a name written then read inside the cells is local: neither parameter nor return', async () => {
    const flow = await flowOf(['t = 5\nprint(t)'], [0]);
    assert.deepEqual([flow.params, flow.returns], [[], []]);
  });

  it('comprehension variables and function locals stay inside; the def goes to module level, not returned', async () => {
    const flow = await flowOf(
      ['k = 2', 'sq = [j * k for j in range(3)]\ndef f(z):\n    w = z\n    return w', 'print(sq, f(1))'],
      [1],
    );
    assert.deepEqual([flow.params, flow.returns], [['k'], ['sq']]);
  });

  it('a function defined in the cells reads the module: an earlier import goes to the header', async () => {
    const flow = await flowOf(
      ['import math', 'def scale(v):\n    return v * math.pi\nout = scale(2)', 'print(out)'],
      [1],
    );
    assert.deepEqual([flow.params, flow.returns], [[], ['out']]);
  });

  it('a class goes to module level; the code that uses it stays in the function', async () => {
    const flow = await flowOf(
      [
        'factor = 3',
        'class A:\n    z = 2\n    def m(self):\n        return self.z\na = A()\nb = a.m() * factor',
        'print(b)',
      ],
      [1],
    );
    assert.deepEqual([flow.params, flow.returns], [['factor'], ['b']]);
  });

  it('a name defined earlier and rebound only conditionally is passed in as well as returned', async () => {
    const flow = await flowOf(['y = 0\nflag = False', 'if flag:\n    y = 1', 'print(y)'], [1]);
    assert.deepEqual([flow.params, flow.returns], [['flag', 'y'], ['y']]);
  });

  it('imports of earlier cells go to the module header, not the parameters', async () => {
    const flow = await flowOf(['import math\nv = 2.0', 'r = math.sqrt(v)', 'print(r)'], [1]);
    assert.deepEqual([flow.params, flow.returns], [['v'], ['r']]);
  });

  it('builtins are never parameters', async () => {
    const flow = await flowOf(['s = [1]', 'n = len(s) + sum(s)', 'print(n)'], [1]);
    assert.deepEqual(flow.params, ['s']);
  });

  it('non-contiguous cells: parameters from the cells in between', async () => {
    const flow = await flowOf(['a = 1', 'b = a + 1', 'c = 10', 'd = b + c', 'print(d)'], [1, 3]);
    assert.deepEqual([flow.params, flow.returns], [['a', 'c'], ['d']]);
  });

  it('cells with only imports and definitions are moved verbatim', async () => {
    const flow = await flowOf(['import os\ndef f():\n    return os.sep\nclass K:\n    pass'], [0]);
    assert.equal(flow.mode, 'verbatim');
  });
});

describe('extract: refusals', () => {
  it('refuses return/yield at top level', async () =>
    assert.equal(await refusal(['return 1'], [0]), 'top-level-return'));
  it('refuses global at cell level', async () =>
    assert.equal(await refusal(['global g\ng = 1'], [0]), 'global-statement'));
  it('refuses magics, naming them', async () =>
    assert.equal(await refusal(['%matplotlib inline\nx = 1'], [0]), 'magic'));
  it('refuses undefined names (NH103 first)', async () =>
    assert.equal(await refusal(['y = nowhere + 1'], [0]), 'undefined-name'));
  it('refuses names used before their definition (NH102 first)', async () =>
    assert.equal(await refusal(['y = later + 1', 'later = 1'], [0]), 'undefined-name'));
  it('refuses star imports', async () =>
    assert.equal(await refusal(['from os import *\nx = sep'], [0]), 'dynamic-names'));
  it('refuses a definition that would read a notebook global from the module', async () =>
    assert.equal(await refusal(['K = 3', 'def f():\n    return K'], [1]), 'hidden-global'));
  it('refuses calling an earlier function that reads a global the cells set', async () =>
    assert.equal(await refusal(['def show():\n    print(df)', 'df = 1\nshow()'], [1]), 'hidden-global'));
  it('refuses when a cell in between reads what an extracted cell above it sets', async () =>
    assert.equal(await refusal(['a = 1', 'print(a)', 'b = 2'], [0, 2]), 'interleaved-cells'));
  it('refuses markdown cells', async () =>
    assert.equal(await refusal([{ source: '# hi', type: 'markdown' }], [0]), 'not-code'));
  it('refuses syntax errors', async () => assert.equal(await refusal(['x = (1'], [0]), 'syntax-error'));
  // tree-sitter's grammar still accepts these; a Python 3 module holding them does not compile.
  it('refuses Python 2 print statements', async () => assert.equal(await refusal(['x = 1\nprint x'], [0]), 'python2'));
  // display() and the shell aliases exist in IPython only: the module would raise NameError.
  it('refuses names only IPython provides (display excepted: the module imports it)', async () =>
    assert.equal(await refusal(['x = 1\nip = get_ipython()'], [0]), 'ipython-name'));
  it('refuses IPython shell aliases', async () => assert.equal(await refusal(['ls'], [0]), 'ipython-name'));
  it('refuses Python 2 exec statements', async () => assert.equal(await refusal(["exec 'y = 1'"], [0]), 'python2'));
});
