// NH103 on names that a notebook's era or its cell magics define: Python 2's builtins in an nbformat 3 notebook (the
// IPython 2 era, which records no language version), and what a %%ipytest cell defines (its body is Python that
// ipytest runs in the user namespace before running the tests).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProjectContext } from '../../src/core/deps/project';
import { memoryHost } from '../helpers/memory-host';
import { findingsOf, notebookJson, testEngine } from '../helpers/notebook';

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

describe('NH103: a %%ipytest cell body is Python run in the user namespace', () => {
  const cells = [
    'import ipytest\nipytest.autoconfig()',
    'def check():\n    assert test.__name__ == "test"',
    '%%ipytest --cov\n\ndef test():\n    assert func(0) == "even"\n\ndef func(x):\n    return "even"',
    'check()',
  ];

  it('what the body defines is defined for the cells after it', async () => {
    assert.deepEqual(await findingsOf('NH103', cells), []);
  });

  it('its own reads are checked: a name nothing defines is reported in the body', async () => {
    assert.deepEqual(await findingsOf('NH103', ['%%ipytest\n\ndef test_a():\n    assert helper(1)']), ['1:4:12']);
    assert.deepEqual(
      await findingsOf('NH004', ['%%ipytest -qq\n# ipytest: raise_on_error=True\ndef test():\n    pass']),
      [],
    );
  });
});

// With its body read as Python, a %%ipytest cell's test functions and fixtures are definitions too: they are the
// notebook's own tests, which pytest runs in place, not functions that lack tests.
describe('NH301 and NH304 on a notebook that runs its own tests with ipytest', () => {
  async function codesWithProject(code: string, cells: string[], files: Record<string, string>): Promise<string[]> {
    const host = memoryHost({ '/p/.git/HEAD': '', ...files });
    const project = await loadProjectContext('/p/nb.ipynb', host);
    const result = (await testEngine()).check(notebookJson(cells), '/p/nb.ipynb', undefined, project);
    return result.findings
      .filter((f) => f.code === code)
      .map((f) => `${f.cellIndex === null ? '-' : f.cellIndex + 1}:${f.range.start.line + 1}`);
  }
  const notebook = [
    'import ipytest\nipytest.autoconfig()',
    'def my_func(x):\n    return x // 2 * 2',
    'def other(x):\n    return x',
    '%%ipytest\nimport pytest\n\n@pytest.fixture\ndef value():\n    return 2\n\ndef test_my_func(value):\n    assert my_func(value) == 2',
  ];

  it('NH304: a notebook with %%ipytest tests has tests, even where the project has none', async () => {
    assert.deepEqual(await codesWithProject('NH304', notebook, { '/p/helpers.py': 'def g():\n    pass\n' }), []);
    assert.deepEqual(
      await codesWithProject('NH304', notebook.slice(1, 3), { '/p/helpers.py': 'def g():\n    pass\n' }),
      ['-:1'],
    );
  });

  it("NH301: the test cell's functions are tests, and what they read is tested; the rest is still reported", async () => {
    const files = { '/p/tests/test_other.py': 'from lib import g\n' };
    assert.deepEqual(await codesWithProject('NH301', notebook, files), ['3:1']);
  });
});
