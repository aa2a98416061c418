// IPython strips console prompts from a cell before running it (inputtransformer2's classic_prompt and
// ipython_prompt): when the first line has the prompt (`>>> `, `In [3]: `) or the second line has one (`... `,
// `   ...: `), every line loses its prompt. The scanner masks them keeping offsets, so a cell pasted from a console is
// analysed as the code IPython runs, with no NH004 on the prompts themselves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planningModel } from '../../src/core/analysis/notebook-model';
import { loadNotebook } from '../../src/core/notebook/load';
import { scanCell } from '../../src/core/python/scanner';
import { analyseNames, ExtractRefusal } from '../../src/core/refactor/extract-names';
import { findingsOf, notebookJson, testParser } from '../helpers/notebook';

const PASTED = '>>> the_world_is_flat = 1\n>>> if the_world_is_flat:\n...     print("Be careful not to fall off!")';

describe('console prompts are masked as IPython strips them', () => {
  it('a cell pasted from the Python console is no syntax error, and what it defines is defined', async () => {
    assert.deepEqual(await findingsOf('NH004', [PASTED]), []);
    assert.deepEqual(await findingsOf('NH103', [PASTED, 'print(the_world_is_flat)']), []);
    // Reads in the pasted code are checked like any other.
    assert.deepEqual(await findingsOf('NH103', ['>>> print(missing_name)']), ['1:1:11']);
  });

  it('keeps every offset: the prompts become spaces', () => {
    const scanned = scanCell(PASTED);
    assert.equal(scanned.python.length, PASTED.length);
    assert.deepEqual(
      scanned.python.split('\n').map((line) => line.slice(0, 4)),
      ['    ', '    ', '    '],
    );
    assert.equal(scanned.python.split('\n')[2]!.slice(4), '    print("Be careful not to fall off!")');
    assert.deepEqual(
      scanned.escapes.map((e) => e.kind),
      ['prompt'],
    );
  });

  it('IPython prompts (In [n]: and ...:) and a prompt-only line', async () => {
    assert.deepEqual(await findingsOf('NH004', ['In [1]: for i in range(3):\n   ...:     print(i)\n   ...:']), []);
    assert.deepEqual(await findingsOf('NH004', ['>>> x = 1\n>>>\n>>> y = x']), []);
  });

  it('a real syntax error in pasted code is still reported', async () => {
    assert.deepEqual((await findingsOf('NH004', ['>>> x = (1,\n>>> y = 2'])).length, 1);
  });

  it('prompts IPython does not strip stay errors: the first two lines have none', async () => {
    assert.equal((await findingsOf('NH004', ['x = 1\ny = 2\n>>> z = 3'])).length, 1);
    // `...` alone on one line is Python's Ellipsis, and `... x` on a first line is no prompt for IPython.
    assert.equal((await findingsOf('NH004', ['... x'])).length, 1);
  });

  it('a cell mixing prompted and unprompted lines (doctest output) is left as written', async () => {
    const mixed = '>>> 1 + 1\n2';
    assert.equal(scanCell(mixed).python, mixed);
  });

  it('an extraction refuses a cell with prompts: a module cannot hold them', async () => {
    const parser = await testParser();
    const notebook = loadNotebook(notebookJson([PASTED]), '/p/nb.ipynb').notebook!;
    assert.throws(
      () => analyseNames(planningModel(notebook, parser), [0], parser),
      (error: unknown) => error instanceof ExtractRefusal && error.reason === 'magic' && /prompts/.test(error.message),
    );
  });
});
