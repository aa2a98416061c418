// NH103 on names that a notebook's era or its cell magics define: Python 2's builtins in an nbformat 3 notebook (the
// IPython 2 era, which records no language version), and what a %%ipytest cell defines (its body is Python that
// ipytest runs in the user namespace before running the tests).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, testEngine } from '../helpers/notebook';

/** An nbformat 3 notebook (one worksheet) with these code cells, as IPython 1 and 2 saved them. */
function v3Notebook(inputs: string[], metadata: Record<string, unknown> = { name: '' }): string {
  const cells = inputs.map((input) => ({
    cell_type: 'code',
    collapsed: false,
    input,
    language: 'python',
    metadata: {},
    outputs: [],
  }));
  return JSON.stringify({ metadata, nbformat: 3, nbformat_minor: 0, worksheets: [{ cells, metadata: {} }] });
}

async function undefinedNames(text: string): Promise<string[]> {
  const result = (await testEngine()).check(text, 'test.ipynb');
  return result.findings.filter((f) => f.code === 'NH103').map((f) => f.message);
}

describe('NH103: Python 2 builtins in an nbformat 3 notebook', () => {
  it('raw_input and xrange are defined in an nbformat 3 notebook, as print x is no NH004 there', async () => {
    assert.deepEqual(await undefinedNames(v3Notebook(['raw_input("prompt > ")', 'for i in xrange(3):\n    pass'])), []);
  });

  it('a name nothing defines is still reported there, and raw_input still is in an nbformat 4 Python 3 notebook', async () => {
    assert.equal((await undefinedNames(v3Notebook(['print(missing)']))).length, 1);
    assert.deepEqual(await findingsOf('NH103', ['raw_input("prompt > ")']), ['1:1:1']);
  });
});
