// NH401–NH406, NH501 and NH502 on small notebooks: positives, negatives, the cases a naive pattern match gets wrong,
// and every fix applied to the notebook text, after which the finding is gone and the notebook still loads. NH503 is
// off by default: its tests, with the rule selected, are in data-rules.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProjectContext } from '../../src/core/deps/project';
import { applyPlanToNotebookText } from '../../src/core/refactor/apply-plan';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import type { Finding } from '../../src/core/types';
import { findingsOf, notebookJson, testEngine, type CellSpec } from '../helpers/notebook';

// Every rule, as `select = ["NH"]` gives: rules off by default (NH401, NH402) are tested the way users turn them on.
const ALL_RULES = { ...DEFAULT_CONFIG, select: ['NH'] };

async function run(cells: (string | CellSpec)[], project: ProjectContext | null = null) {
  const text = notebookJson(cells);
  const result = (await testEngine()).check(text, 'test.ipynb', ALL_RULES, project);
  return { text, result };
}

/** Applies the first fix of the first finding of `code`; checks the notebook loads and the finding is gone. */
async function applyFirstFix(
  cells: (string | CellSpec)[],
  code: string,
): Promise<{ sources: string[]; after: Finding[] }> {
  const { text, result } = await run(cells);
  const finding = result.findings.find((f) => f.code === code);
  assert.ok(finding, `no ${code}`);
  assert.ok(finding.fixes.length > 0, `${code} has no fix`);
  const fixed = applyPlanToNotebookText(text, finding.fixes[0]!.plan);
  const again = (await testEngine()).check(fixed, 'test.ipynb', ALL_RULES);
  assert.ok(again.notebook, 'the fixed notebook loads');
  assert.deepEqual(
    again.findings.filter((f) => f.code === 'NH004'),
    [],
    'the fixed notebook is valid Python',
  );
  return { sources: again.notebook.cells.map((c) => c.source), after: again.findings.filter((f) => f.code === code) };
}

describe('NH401 unseeded randomness', () => {
  it('flags numpy, random, torch draws and sklearn calls without random_state', async () => {
    assert.deepEqual(await findingsOf('NH401', ['import numpy as np\nx = np.random.rand(3)']), ['1:2:5']);
    assert.deepEqual(await findingsOf('NH401', ['import random\nrandom.choice([1, 2])']), ['1:2:1']);
    assert.deepEqual(await findingsOf('NH401', ['import torch\nw = torch.randn(3)']), ['1:2:5']);
    assert.deepEqual(
      await findingsOf('NH401', ['from sklearn.model_selection import train_test_split\na, b = train_test_split(X)']),
      ['1:2:8'],
    );
    assert.deepEqual(await findingsOf('NH401', ['import numpy as np\nrng = np.random.default_rng()']), ['1:2:7']);
  });

  it('accepts a seed set in an earlier cell, a seeded helper that is called, a generator and random_state', async () => {
    assert.deepEqual(
      await findingsOf('NH401', ['import numpy as np\nnp.random.seed(42)', 'x = np.random.rand(3)']),
      [],
    );
    assert.deepEqual(
      await findingsOf('NH401', [
        'import numpy as np\ndef set_seed(s):\n    np.random.seed(s)',
        'set_seed(1)',
        'x = np.random.rand(3)',
      ]),
      [],
    );
    assert.deepEqual(
      await findingsOf('NH401', [
        'import torch\ng = torch.Generator().manual_seed(1)\nw = torch.randn(3, generator=g)',
      ]),
      [],
    );
    assert.deepEqual(
      await findingsOf('NH401', [
        'from sklearn.model_selection import train_test_split\na, b = train_test_split(X, random_state=0)',
      ]),
      [],
    );
    assert.deepEqual(
      await findingsOf('NH401', ['import numpy as np\nrng = np.random.default_rng(7)\nx = rng.random(3)']),
      [],
    );
  });

  it('flags a draw before the seed in notebook order', async () => {
    assert.deepEqual(await findingsOf('NH401', ['import numpy as np\nx = np.random.rand(3)', 'np.random.seed(0)']), [
      '1:2:5',
    ]);
  });

  it('fix: a seed cell right after the imports', async () => {
    const { sources, after } = await applyFirstFix(
      ['import numpy as np\nimport random', 'x = np.random.rand(3)\ny = random.random()'],
      'NH401',
    );
    assert.deepEqual(after, []);
    assert.equal(sources[0], 'import numpy as np\nimport random');
    assert.match(sources[1]!, /^# Seed .*\nSEED = 42\nnp\.random\.seed\(SEED\)\nrandom\.seed\(SEED\)$/);
    assert.equal(sources[2], 'x = np.random.rand(3)\ny = random.random()');
  });

  it('fix: random_state=SEED on a scikit-learn call', async () => {
    const { sources, after } = await applyFirstFix(
      ['from sklearn.ensemble import RandomForestClassifier', 'clf = RandomForestClassifier(n_estimators=10)'],
      'NH401',
    );
    assert.deepEqual(after, []);
    // No SEED above the call: the seed cell that defines it goes right before the call's cell.
    assert.match(sources[1]!, /\nSEED = 42\n/);
    assert.match(sources[2]!, /RandomForestClassifier\(n_estimators=10, random_state=SEED\)/);
  });
});

describe('NH402 machine-specific path', () => {
  it('flags absolute and home paths that are read or written', async () => {
    assert.deepEqual(await findingsOf('NH402', ['import pandas as pd\ndf = pd.read_csv("/home/ann/data/train.csv")']), [
      '1:2:18',
    ]);
    assert.deepEqual(await findingsOf('NH402', ['DATA_PATH = "~/projects/x/data"']), ['1:1:13']);
    assert.deepEqual(await findingsOf('NH402', ['f = open(r"C:\\Users\\ann\\a.txt")']), ['1:1:10']);
  });

  it('ignores paths in comments, markdown, URLs, relative paths and strings nobody reads from', async () => {
    assert.deepEqual(
      await findingsOf('NH402', [
        '# data was in /home/ann/data\ndf = pd.read_csv("data/train.csv")',
        { type: 'markdown', source: 'Put it in `/home/you/data`' },
      ]),
      [],
    );
    assert.deepEqual(
      await findingsOf('NH402', ['url = "https://example.com/home/x.csv"\nmessage = "/home/ann is where it was"']),
      [],
    );
    assert.deepEqual(await findingsOf('NH402', ['with open("/dev/null", "w") as f:\n    pass']), []);
  });

  it('fix: lifts the paths into DATA_DIR', async () => {
    const { sources, after } = await applyFirstFix(
      [
        'import pandas as pd\ndf = pd.read_csv("/home/ann/proj/data/train.csv")\nte = pd.read_csv("/home/ann/proj/data/test.csv")',
      ],
      'NH402',
    );
    assert.deepEqual(after, []);
    assert.match(sources[0]!, /DATA_DIR = Path\("data"\)/);
    assert.match(sources[0]!, /pd\.read_csv\(str\(DATA_DIR \/ "train\.csv"\)\)/);
  });
});

describe('NH403 hard-coded secret', () => {
  const token = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
  it('flags well-known formats and password= literals, without repeating the secret', async () => {
    const { result } = await run([
      `headers = {"Authorization": "token ${token}"}`,
      'conn = connect(user="u", password="hunter2!x")',
      'openai.api_key = "AKIAABCDEFGHIJKLMNOP"',
    ]);
    const found = result.findings.filter((f) => f.code === 'NH403');
    assert.equal(found.length, 3);
    for (const f of found) assert.doesNotMatch(f.message, /ghp_|hunter2|AKIA/);
  });

  it('flags a secret in comments, markdown and saved outputs', async () => {
    assert.deepEqual(await findingsOf('NH403', [`# token: ${token}`, { type: 'markdown', source: `key ${token}` }]), [
      '1:1:10',
      '2:1:5',
    ]);
    const outputs = [{ output_type: 'stream', name: 'stdout', text: [`your token is ${token}\n`] }];
    assert.deepEqual(await findingsOf('NH403', [{ source: 'print(t)', outputs, count: 1 }]), ['1:1:1']);
  });

  it('ignores placeholders, environment look-ups and a digest in a test fixture', async () => {
    assert.deepEqual(
      await findingsOf('NH403', [
        'api_key = "<your-api-key>"\npassword = os.environ["DB_PASSWORD"]\ntoken = "YOUR_TOKEN_HERE"',
        'token_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"\nexpected_hash = "5f4dcc3b5aa765d61d8327deb882cf99"',
      ]),
      [],
    );
  });

  it('fix: reads it from the environment', async () => {
    const { sources, after } = await applyFirstFix(
      ['client = Client(api_key="sk-proj-abcdefghijklmnopqrstuvwxyz0123456789")'],
      'NH403',
    );
    assert.deepEqual(after, []);
    assert.match(
      sources[0]!,
      /^import os\nclient = Client\(api_key=os\.environ\["OPENAI_API_KEY"\]\)  # set OPENAI_API_KEY/,
    );
  });
});

describe('NH404, NH405, NH406', () => {
  it('NH404: a saved error output', async () => {
    const outputs = [{ output_type: 'error', ename: 'KeyError', evalue: "'x'", traceback: [] }];
    assert.deepEqual(await findingsOf('NH404', [{ source: 'd["x"]', outputs, count: 1 }, 'y = 1']), ['1:1:1']);
  });

  it('NH405: outputs over 1 MB', async () => {
    const big = [{ output_type: 'stream', name: 'stdout', text: ['x'.repeat(1_100_000)] }];
    const small = [{ output_type: 'stream', name: 'stdout', text: ['x'.repeat(1000)] }];
    assert.deepEqual(
      await findingsOf('NH405', [
        { source: 'print(x)', outputs: big, count: 1 },
        { source: 'print(y)', outputs: small, count: 2 },
      ]),
      ['1:1:1'],
    );
  });

  it('NH406: %cd, os.chdir, %env, %run at a machine path, %store; not %run beside the notebook, not %load', async () => {
    assert.deepEqual(
      await findingsOf('NH406', [
        '%cd /tmp',
        'import os\nos.chdir("..")',
        '%env KEY=1',
        '%run /home/ann/other.ipynb',
        '%run script.py',
        '%load helpers.py',
        '%store -r x',
      ]),
      ['1:1:1', '2:2:1', '3:1:1', '4:1:1', '7:1:1'],
    );
  });
});

describe('NH501 unvalidated data load', () => {
  it('flags a frame used without a check, at the load', async () => {
    assert.deepEqual(
      await findingsOf('NH501', ['import pandas as pd\ndf = pd.read_csv("a.csv")', 'df.head()', 'y = df["price"] * 2']),
      ['1:2:6'],
    );
    assert.deepEqual(
      await findingsOf('NH501', ['import json\nwith open("c.json") as f:\n    cfg = json.load(f)', 'n = cfg["n"] + 1']),
      ['1:3:11'],
    );
  });

  it('accepts an assert, a pandera schema, or a validation done in a helper function that is called', async () => {
    assert.deepEqual(
      await findingsOf('NH501', [
        'import pandas as pd\ndf = pd.read_csv("a.csv")',
        'assert {"price"} <= set(df.columns)',
        'y = df["price"] * 2',
      ]),
      [],
    );
    assert.deepEqual(
      await findingsOf('NH501', [
        'import pandas as pd\nimport pandera as pa\ndf = pd.read_csv("a.csv")\ndf = schema.validate(df)',
        'y = df["price"] * 2',
      ]),
      [],
    );
    assert.deepEqual(
      await findingsOf('NH501', [
        'def check(frame):\n    assert frame["price"].notna().all()',
        'import pandas as pd\ndf = pd.read_csv("a.csv")',
        'check(df)',
        'y = df["price"] * 2',
      ]),
      [],
    );
  });

  it('does not flag a frame that is loaded and only looked at', async () => {
    assert.deepEqual(
      await findingsOf('NH501', ['import pandas as pd\ndf = pd.read_csv("a.csv")', 'df.describe()']),
      [],
    );
  });

  it('fix: a validation block from the saved head() and describe() outputs, never inventing a column', async () => {
    const head = {
      output_type: 'execute_result',
      execution_count: 2,
      metadata: {},
      data: {
        'text/html': [
          '<table border="1" class="dataframe">\n<thead>\n<tr style="text-align: right;">\n<th></th>\n<th>price</th>\n<th>city</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<th>0</th>\n<td>1.5</td>\n<td>Oslo</td>\n</tr>\n<tr>\n<th>1</th>\n<td>2.25</td>\n<td>Rome</td>\n</tr>\n</tbody>\n</table>',
        ],
        'text/plain': ['   price  city\n0   1.50  Oslo\n1   2.25  Rome'],
      },
    };
    const { sources, after } = await applyFirstFix(
      [
        'import pandas as pd\ndf = pd.read_csv("a.csv")',
        { source: 'df.head()', outputs: [head], count: 2 },
        'y = df["price"] * 2',
      ],
      'NH501',
    );
    assert.deepEqual(after, []);
    assert.match(sources[0]!, /assert list\(df\.columns\) == \["price", "city"\]/);
    // Two rows shown prove the columns, not their dtypes.
    assert.doesNotMatch(sources[0]!, /dtype/);
    assert.doesNotMatch(sources[0]!, /"other"/);
  });
});

describe('NH502 data leakage', () => {
  it('flags a scaler fitted before the split, and points at the split', async () => {
    const { result } = await run([
      'from sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split',
      'scaler = StandardScaler()\nX_scaled = scaler.fit_transform(X)',
      'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)',
    ]);
    const found = result.findings.filter((f) => f.code === 'NH502');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.cellIndex, 1);
    assert.equal(found[0]!.related[0]!.cellIndex, 2);
  });

  it('accepts fitting on the training part, and new data bound between fit and split', async () => {
    const split =
      'from sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split\nX_train, X_test = train_test_split(X, random_state=0)';
    assert.deepEqual(
      await findingsOf('NH502', [
        split,
        'scaler = StandardScaler()\nX_train_s = scaler.fit_transform(X_train)\nX_test_s = scaler.transform(X_test)',
      ]),
      [],
    );
    assert.deepEqual(
      await findingsOf('NH502', [
        'from sklearn.preprocessing import StandardScaler\nscaler = StandardScaler()\ns = scaler.fit_transform(X)',
        'X = load_other()',
        split,
      ]),
      [],
    );
  });

  it('flags a model scored only on the data it was fitted on', async () => {
    assert.deepEqual(
      await findingsOf('NH502', [
        'from sklearn.linear_model import LinearRegression\nmodel = LinearRegression()',
        'model.fit(X, y)\nprint(model.score(X, y))',
      ]),
      ['2:2:7'],
    );
    assert.deepEqual(
      await findingsOf('NH502', [
        'import sklearn\nmodel.fit(X_train, y_train)\nmodel.score(X_train, y_train)\nmodel.score(X_test, y_test)',
      ]),
      [],
    );
  });
});
