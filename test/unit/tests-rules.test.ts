// NH301–NH304: untested definitions, logic outside functions, inline asserts, projects without tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { loadProjectContext } from '../../src/core/deps/project';
import { readTestFile } from '../../src/core/tests-context';
import { findingsOf, notebookJson, testEngine, type CellSpec } from '../helpers/notebook';
import { memoryHost } from '../helpers/memory-host';

async function codesWithProject(
  code: string,
  cells: (string | CellSpec)[],
  files: Record<string, string>,
): Promise<string[]> {
  const host = memoryHost({ '/p/.git/HEAD': '', ...files });
  const project = await loadProjectContext('/p/nb.ipynb', host);
  const result = (await testEngine()).check(notebookJson(cells), '/p/nb.ipynb', undefined, project);
  return result.findings
    .filter((f) => f.code === code)
    .map(
      (f) => `${f.cellIndex === null ? '-' : f.cellIndex + 1}:${f.range.start.line + 1}:${f.range.start.character + 1}`,
    );
}

/** NH302 and NH303 are off by default: their findings once selected, as findingsOf gives them. */
async function selectedFindings(code: string, cells: (string | CellSpec)[]): Promise<string[]> {
  const result = (await testEngine()).check(notebookJson(cells), 'test.ipynb', {
    ...DEFAULT_CONFIG,
    extendSelect: [code],
  });
  return result.findings
    .filter((f) => f.code === code)
    .map(
      (f) => `${f.cellIndex === null ? '-' : f.cellIndex + 1}:${f.range.start.line + 1}:${f.range.start.character + 1}`,
    );
}

const STUB =
  'import pytest\nfrom nb_lib import clean  # noqa: E402\n\n\n@pytest.mark.skip(reason="nbhygiene: fill in reference inputs")\ndef test_clean():\n    result = clean(...)\n    assert result is not None\n';

describe('NH301 untested function or class', () => {
  it('flags a function no test imports', async () => {
    const found = await codesWithProject('NH301', ['def clean(x):\n    return x', 'class Model:\n    pass'], {
      '/p/tests/test_other.py': 'from lib import other\n',
    });
    assert.deepEqual(found, ['1:1:5', '2:1:7']);
  });

  it('a test importing the name (from the module it lives in now) covers it', async () => {
    const found = await codesWithProject('NH301', ['def clean(x):\n    return x'], {
      '/p/tests/test_lib.py': 'from nb_lib import (\n    clean,\n)\n',
    });
    assert.deepEqual(found, []);
  });

  it('a skipped stub is not a test: the function it names is still untested', async () => {
    const found = await codesWithProject('NH301', ['def clean(x):\n    return x'], { '/p/tests/test_nb_lib.py': STUB });
    assert.deepEqual(found, ['1:1:5']);
  });

  it('a test that runs covers the name, even beside a skipped stub', async () => {
    const test = `${STUB}\n\ndef test_clean_strips():\n    assert clean(" a ") == " a "\n`;
    const found = await codesWithProject('NH301', ['def clean(x):\n    return x'], { '/p/tests/test_nb_lib.py': test });
    assert.deepEqual(found, []);
  });

  it('skipif is a condition, not a stub', async () => {
    const test = STUB.replace('@pytest.mark.skip(', '@pytest.mark.skipif(True, ');
    const found = await codesWithProject('NH301', ['def clean(x):\n    return x'], { '/p/tests/test_nb_lib.py': test });
    assert.deepEqual(found, []);
  });

  it('testbook refs on this notebook cover it', async () => {
    const test =
      'from testbook import testbook\n\n@testbook("nb.ipynb", execute=True)\ndef test_clean(tb):\n    clean = tb.ref("clean")\n';
    assert.deepEqual(
      await codesWithProject('NH301', ['def clean(x):\n    return x'], { '/p/tests/test_nb.py': test }),
      [],
    );
  });

  it('private helpers are not flagged; nothing without a project', async () => {
    assert.deepEqual(await codesWithProject('NH301', ['def _helper():\n    pass'], { '/p/tests/test_a.py': '' }), []);
    assert.deepEqual(await findingsOf('NH301', ['def clean(x):\n    return x']), []);
  });
});

describe('NH302 logic outside functions', () => {
  it('flags complexity >= 5 outside functions', async () => {
    const cell = 'for a in range(3):\n    if a:\n        pass\n    elif a > 1:\n        pass\nwhile False:\n    pass';
    assert.deepEqual(await selectedFindings('NH302', [cell]), ['1:1:1']);
  });

  it('flags more than 40 lines, not branches inside functions', async () => {
    const long = Array.from({ length: 41 }, (_, k) => `v${k} = ${k}`).join('\n');
    const inFunction =
      'def f(a):\n    if a:\n        pass\n    if a:\n        pass\n    for b in a:\n        if b:\n            pass\n    return a';
    assert.deepEqual(await selectedFindings('NH302', [long, inFunction]), ['1:1:1']);
  });

  it('counts the lines where they are when the cell starts with blank lines and a comment', async () => {
    const lines = (count: number) =>
      `\n\n\n\n# setup\n${Array.from({ length: count }, (_, k) => `v${k} = ${k}`).join('\n')}`;
    assert.deepEqual(await selectedFindings('NH302', [lines(41), lines(40)]), ['1:5:1']);
  });
});

describe('NH303 inline checks', () => {
  it('flags asserts at cell level, not inside functions', async () => {
    assert.deepEqual(
      await selectedFindings('NH303', [
        'x = 1\nassert x == 1',
        'def f():\n    assert True',
        'for i in range(2):\n    assert i < 2',
      ]),
      ['1:2:1', '3:2:5'],
      'one finding per cell',
    );
  });
});

describe('NH304 no tests', () => {
  it('flags a notebook with functions in a project of Python code without tests', async () => {
    assert.deepEqual(
      await codesWithProject('NH304', ['def f():\n    pass'], { '/p/helpers.py': 'def g():\n    pass\n' }),
      ['-:1:1'],
    );
    assert.deepEqual(
      await codesWithProject('NH304', ['def f():\n    pass'], {
        '/p/pyproject.toml': '[project]\nname = "analysis"\n',
      }),
      ['-:1:1'],
    );
    assert.deepEqual(await codesWithProject('NH304', ['def f():\n    pass'], { '/p/src/pkg/__init__.py': '' }), [
      '-:1:1',
    ]);
  });

  it('not in a folder of notebooks with no Python code of its own (a tutorial, a course, a book)', async () => {
    assert.deepEqual(await codesWithProject('NH304', ['def f():\n    pass'], {}), []);
    assert.deepEqual(
      await codesWithProject('NH304', ['def f():\n    pass'], {
        '/p/requirements.txt': 'numpy\n',
        '/p/other.ipynb': '{}',
      }),
      [],
    );
  });

  it('flags a project whose only tests are skipped stubs', async () => {
    assert.deepEqual(
      await codesWithProject('NH304', ['def clean(x):\n    return x'], {
        '/p/nb_lib.py': 'def clean(x):\n    return x\n',
        '/p/tests/test_nb_lib.py': STUB,
      }),
      ['-:1:1'],
    );
  });

  it('not when a tests folder exists, or the notebook defines no function', async () => {
    assert.deepEqual(await codesWithProject('NH304', ['def f():\n    pass'], { '/p/tests/conftest.py': '' }), []);
    assert.deepEqual(await codesWithProject('NH304', ['x = 1'], {}), []);
  });
});

describe('test files', () => {
  it('reads from-imports, module attribute use and testbook refs', () => {
    const file = readTestFile(
      't.py',
      'import nb_lib as lib\nfrom a.b import c, d as e\n\ndef test():\n    lib.run()\n@testbook("x/nb.ipynb")\ndef t(tb):\n    tb.ref("g")\n',
    );
    assert.deepEqual(file.imports, [
      { module: 'a.b', name: 'c' },
      { module: 'a.b', name: 'd' },
      { module: 'nb_lib', name: 'run' },
    ]);
    assert.deepEqual(file.testbook, [{ notebook: 'x/nb.ipynb', refs: ['g'] }]);
  });
});
