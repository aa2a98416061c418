// Issue 15 for the tests family, NH202, NH401, NH404 and NH406: the patterns of real notebooks that made these findings
// wrong or useless, each on a minimal notebook; what must not be said, and what must still be said.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, type NbhygieneConfig } from '../../src/core/config/config';
import { check, findingsOf, notebookJson, testEngine, type CellSpec } from '../helpers/notebook';

async function messagesOf(code: string, cells: string[]): Promise<string[]> {
  return (await check(cells, [code])).findings
    .filter((finding) => finding.code === code)
    .map((finding) => finding.message);
}

describe('NH401: one finding per library, on its first unseeded draw', () => {
  it('reports the first numpy draw once and counts the others below it', async () => {
    const cells = ['import numpy as np\nx = np.random.rand(3)', 'y = np.random.randn(3)\nz = np.random.choice(5)'];
    assert.deepEqual(await findingsOf('NH401', cells), ['1:2:5']);
    const [message] = await messagesOf('NH401', cells);
    assert.match(message!, /and 2 more unseeded draws of numpy\.random below/);
    const [finding] = (await check(cells, ['NH401'])).findings.filter((f) => f.code === 'NH401');
    assert.deepEqual(
      finding!.related.map((r) => `${r.cellIndex! + 1}:${r.range.start.line + 1}`),
      ['2:1', '2:2'],
    );
    assert.equal(finding!.fixes.length, 1, 'the seed block fix stays on the first draw');
  });

  it('a single draw says nothing about more', async () => {
    assert.doesNotMatch((await messagesOf('NH401', ['import random\nrandom.random()']))[0]!, /more/);
  });

  it('each library keeps its own finding', async () => {
    assert.deepEqual(
      await findingsOf('NH401', [
        'import random\nimport torch\na = random.random()\nb = torch.randn(2)\nc = random.random()\nd = torch.rand(2)',
      ]),
      ['1:3:5', '1:4:5'],
    );
  });

  it('a generator created without a seed is still reported apart from the global draws', async () => {
    assert.deepEqual(
      await findingsOf('NH401', [
        'import numpy as np\nx = np.random.rand(3)\nrng = np.random.default_rng()\ny = np.random.rand(2)',
      ]),
      ['1:2:5', '1:3:7'],
    );
  });
});

describe('NH202: !pip where the PATH pip is the one wanted', () => {
  const shellInstalls = async (cells: string[], metadata: Record<string, unknown> = {}) =>
    (await testEngine())
      .check(notebookJson(cells, metadata), 'test.ipynb')
      .findings.filter((f) => f.code === 'NH202')
      .map((f) => `${f.cellIndex! + 1}:${f.range.start.line + 1}`);

  it('is still reported in a plain Jupyter notebook', async () => {
    assert.deepEqual(await shellInstalls(['!pip install pandas', 'import pandas as pd']), ['1:1']);
  });

  it('not in a notebook saved from Colab (metadata.colab), where !pip is the kernel environment', async () => {
    assert.deepEqual(await shellInstalls(['!pip install pandas'], { colab: { provenance: [] } }), []);
  });

  it('not in a notebook that imports google.colab', async () => {
    assert.deepEqual(
      await shellInstalls(['!pip install pandas', 'from google.colab import files\nfiles.upload()']),
      [],
    );
  });

  it('not in a Kaggle kernel (metadata.kaggle, or reading /kaggle/input)', async () => {
    assert.deepEqual(await shellInstalls(['!pip install pandas'], { kaggle: { accelerator: 'none' } }), []);
    assert.deepEqual(
      await shellInstalls([
        '!pip install pandas',
        'import pandas as pd\ndf = pd.read_csv("/kaggle/input/titanic/train.csv")',
      ]),
      [],
    );
  });

  it('not for a command-line tool the notebook then runs with !', async () => {
    assert.deepEqual(await shellInstalls(['!pip install gdown', '!gdown --id 1abc -O data.zip']), []);
  });

  it('but a tool installed beside a library the kernel imports is still reported', async () => {
    assert.deepEqual(await shellInstalls(['!pip install gdown pandas', '!gdown --id 1abc', 'import pandas']), ['1:1']);
  });
});

describe('NH202: an install into a named folder', () => {
  it('pip install -t DIR is not the PATH environment', async () => {
    assert.deepEqual(
      await findingsOf('NH202', ['!pip install -U -t /opt/work/ git+https://github.com/Kaggle/learntools.git']),
      [],
    );
    assert.deepEqual(await findingsOf('NH202', ['!pip install --target=lib requests']), []);
    assert.deepEqual(await findingsOf('NH202', ['!pip install -U tqdm']), ['1:1:1']);
  });
});

describe('NH406: what does not tie the notebook to where it runs', () => {
  it('os.chdir changed back later in the same cell is not reported', async () => {
    assert.deepEqual(
      await findingsOf('NH406', ['import os\nos.makedirs("up")\nos.chdir("up")\nupload()\nos.chdir("/content")']),
      [],
    );
  });

  it('os.chdir changed back in the same function (or its finally) is not reported', async () => {
    const fn =
      'import os\ndef compress(d):\n    parent = os.getcwd()\n    os.chdir(d)\n    try:\n        pack()\n    finally:\n        os.chdir(parent)\ncompress("m")';
    assert.deepEqual(await findingsOf('NH406', [fn]), []);
  });

  it('an os.chdir left in place is still reported, and one in another cell does not undo it', async () => {
    assert.deepEqual(await findingsOf('NH406', ['import os\nos.chdir("data")', 'os.chdir("..")']), ['1:2:1', '2:1:1']);
  });

  it('%cd and %cd back in the same cell is not reported; %cd alone is', async () => {
    assert.deepEqual(await findingsOf('NH406', ['%cd data\n!ls\n%cd ..', '%cd /home/ann/project']), ['2:1:1']);
  });

  it('%run of a notebook or script beside the notebook is not reported; one at a machine-specific path is', async () => {
    assert.deepEqual(
      await findingsOf('NH406', [
        '%run AdventUtils.ipynb',
        '%run ../helpers/setup.py',
        '%run /home/ann/utils.ipynb',
        '%run ~/lib/x.py',
      ]),
      ['3:1:1', '4:1:1'],
    );
  });

  it('%load is not reported: it pastes the file into the cell for editing and runs nothing', async () => {
    assert.deepEqual(await findingsOf('NH406', ['%load helpers.py', '%loadpy http://example.com/x.py']), []);
  });

  it('%env and %store are still reported', async () => {
    assert.deepEqual(await findingsOf('NH406', ['%env KEY=1', '%store -r x']), ['1:1:1', '2:1:1']);
  });
});

describe('NH404: an error the notebook shows on purpose', () => {
  const error = (ename: string, evalue = 'boom') => ({
    outputs: [{ output_type: 'error', ename, evalue, traceback: [] }],
    count: 1,
  });
  const savedErrors = async (cells: (string | CellSpec)[], path = 'test.ipynb') =>
    (await testEngine())
      .check(notebookJson(cells), path)
      .findings.filter((f) => f.code === 'NH404')
      .map((f) => f.cellIndex! + 1);

  it('a plain saved error is still reported, whatever the markdown around it says', async () => {
    assert.deepEqual(
      await savedErrors([
        { type: 'markdown', source: 'Run the line below until it prints a traceback' },
        { source: 'print "x"', ...error('SyntaxError') },
        { type: 'markdown', source: 'The mean squared error is low.' },
      ]),
      [2],
    );
  });

  it('not when the markdown beside it names the exception', async () => {
    assert.deepEqual(
      await savedErrors([
        { type: 'markdown', source: '## IndexError: list index out of range' },
        { source: 'students[3]', ...error('IndexError') },
      ]),
      [],
    );
  });

  it('not when the markdown just before or after says it fails', async () => {
    assert.deepEqual(
      await savedErrors([
        { type: 'markdown', source: 'Exceptions are formatted nicely:' },
        { source: 'z = 4 / (1 - x)', ...error('ZeroDivisionError') },
      ]),
      [],
    );
    assert.deepEqual(
      await savedErrors([
        { type: 'markdown', source: "Without help, pickle can't deal with closures" },
        { source: 'pickle.dumps(closed)', ...error('PicklingError') },
      ]),
      [],
    );
    assert.deepEqual(
      await savedErrors([
        { source: 'view.apply_sync(closed, 3)', ...error('ValueError') },
        { type: 'markdown', source: 'Oops, no dice. There is one more step.' },
      ]),
      [],
    );
  });

  it('not when the cell raises on purpose or says so in a comment', async () => {
    assert.deepEqual(await savedErrors([{ source: 'raise ValueError("demo")', ...error('ValueError') }]), []);
    assert.deepEqual(
      await savedErrors([
        {
          source: '# Imagine this cell ran things on a cluster and you have an error\niAmNotDefined',
          ...error('NameError'),
        },
      ]),
      [],
    );
    assert.deepEqual(await savedErrors([{ source: 'x = 1 / 0', ...error('ZeroDivisionError') }]), []);
  });

  it('not when the next code cell debugs it (%debug, %tb)', async () => {
    assert.deepEqual(
      await savedErrors([
        { source: 'def div(x, y):\n    return x / y\ndiv(1, 0)', ...error('ZeroDivisionError') },
        '%debug',
      ]),
      [],
    );
  });

  it('not in a notebook under a tests folder (a fixture)', async () => {
    assert.deepEqual(
      await savedErrors([{ source: 'f()', ...error('NameError') }], 'project/tests/many_tracebacks.ipynb'),
      [],
    );
    assert.deepEqual(
      await savedErrors([{ source: 'f()', ...error('NameError') }], 'project/analysis/report.ipynb'),
      [1],
    );
  });
});

describe('NH302 counts lines of logic, not data', () => {
  const selected: NbhygieneConfig = { ...DEFAULT_CONFIG, extendSelect: ['NH302', 'NH303'] };
  const logicFindings = async (cells: string[], config = selected) =>
    (await testEngine())
      .check(notebookJson(cells), 'test.ipynb', config)
      .findings.filter((f) => f.code === 'NH302')
      .map((f) => f.message);
  const rows = (n: number, row: (k: number) => string) => Array.from({ length: n }, (_, k) => row(k)).join('\n');

  it('is off by default', async () => {
    assert.deepEqual(await logicFindings([rows(45, (k) => `v${k} = f(${k})`)], DEFAULT_CONFIG), []);
  });

  it('a program in a string, a data table in a set literal, a list of templates are not logic', async () => {
    assert.deepEqual(await logicFindings([`run('''\n${rows(60, (k) => `${k * 10} PRINT "X"`)}\n''')`]), []);
    assert.deepEqual(await logicFindings([`champs = {\n${rows(50, (k) => `    (${k}, ${k + 1}, 3),`)}\n}`]), []);
    assert.deepEqual(
      await logicFindings([
        `templates = [\n${rows(80, (k) => `    'a photo of a {} number ${k}.',`)}\n]\nprint(len(templates))`,
      ]),
      [],
    );
  });

  it('a docstring, comments and !shell lines are not logic', async () => {
    assert.deepEqual(
      await logicFindings([
        `"""\n${rows(30, (k) => `doc line ${k}`)}\n"""\n${rows(20, (k) => `!echo ${k}`)}\n${rows(10, (k) => `v${k} = ${k}`)}`,
      ]),
      [],
    );
  });

  it('41 lines of real statements, or a literal that calls code, still count', async () => {
    assert.deepEqual((await logicFindings([rows(41, (k) => `v${k} = f(${k})`)])).length, 1);
    assert.deepEqual(
      (await logicFindings([`layers = [\n${rows(42, (k) => `    Dense(${k}, activation=act),`)}\n]`])).length,
      1,
    );
  });
});

describe('NH303: off by default; once selected, one finding per cell and no version guards', () => {
  const selected: NbhygieneConfig = { ...DEFAULT_CONFIG, extendSelect: ['NH303'] };
  const inline = async (cells: string[], config = selected) =>
    (await testEngine()).check(notebookJson(cells), 'test.ipynb', config).findings.filter((f) => f.code === 'NH303');

  it('is off by default', async () => {
    assert.deepEqual(await inline(['x = 1\nassert x == 1'], DEFAULT_CONFIG), []);
  });

  it('version guards are environment checks, not tests', async () => {
    const guards =
      'import sys\nassert sys.version_info >= (3, 8)\nassert sklearn.__version__ >= "1.0"\nassert tf.__version__.startswith("2")\nassert version.parse(np.__version__) >= version.parse("1.20")';
    assert.deepEqual(await inline([guards]), []);
  });

  it('one finding per cell, on its first assert, saying how many', async () => {
    const found = await inline([
      'def f(x):\n    return x\nassert f(1) == 1\nassert f(2) == 2\nassert f(3) == 3',
      'y = 2\nassert y > 0',
    ]);
    assert.deepEqual(
      found.map((f) => `${f.cellIndex! + 1}:${f.range.start.line + 1}`),
      ['1:3', '2:2'],
    );
    assert.match(found[0]!.message, /3 asserts/);
    assert.doesNotMatch(found[1]!.message, /asserts/);
  });
});
