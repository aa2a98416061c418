// NH106 on the patterns of real notebooks (issue 15): a rebind of a name's own value is reported only when a
// second run really gives a different value; what gives the same value again, or cannot be told, stays quiet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf } from '../helpers/notebook';

const setup = 'import numpy as np\nimport pandas as pd\nx = 0\ndf = load()\ny = load()\nclf = Model()';

describe('NH106: rebinds that give the same value on a second run are not reported', () => {
  for (const source of [
    'y = y.astype(np.uint8)',
    'x = np.array(x)',
    "df = pd.DataFrame(df, columns=['a', 'b'], index=df.index)",
    'clf = clf.fit(X, y)',
    'df = np.abs(df)',
    "df = df.dropna(axis=1, how='all')",
    'df = df.copy()',
    'y = (y - y.mean()) / y.std()',
    'y = y / y.max()',
    'y = y * 1.0',
    'y = y[y > 0]',
    'y = y or default',
    'df = df.reset_index(drop=True)',
    "df = df.drop(columns=['a'], errors='ignore')",
    'clf = wrap(clf)',
  ]) {
    it(source, async () => {
      assert.deepEqual(await findingsOf('NH106', [setup, source]), []);
    });
  }
});

describe('NH106: rebinds that change the value again on a second run are reported', () => {
  for (const source of [
    'x = x + 1',
    'x += 1',
    'y = y / 255.',
    'y = 0.5 * np.log(y)',
    'x = -x',
    "y = y + ['more']",
    'df = pd.concat([df, other])',
    'y = np.append(y, 5)',
    'y = np.vstack([y, row])',
    'y = torch.cat((y, row), dim=0)',
    "df = df.set_index('id')",
    'df = df.join(other.add_suffix("_count"))',
    'df = df.append(row)',
    "df = df.drop(columns=['a'])",
    'df = df.reset_index()',
    'y = y.shuffle(100).batch(32)',
    'y = y.window(5, shift=1)',
    'y = y.train_test_split(test_size=0.1)',
    'y = y.to_numpy()',
    "y = y.split(',')",
  ]) {
    it(source, async () => {
      assert.deepEqual(await findingsOf('NH106', [setup, source]), [`2:1:${firstReadColumn(source)}`]);
    });
  }

  it('a chain of rebinds in one cell is reported when one of them differs, not after a fresh bind', async () => {
    assert.deepEqual(
      await findingsOf('NH106', [
        setup,
        "df = df.dropna()\ndf = df.set_index('id')",
        "df = load()\ndf = df.set_index('id')",
      ]),
      ['2:1:6'],
    );
  });

  it('y = y(...) replaces a function by its result', async () => {
    assert.deepEqual(await findingsOf('NH106', ['def y(n):\n    return n', 'y = y(3)']), ['2:1:5']);
  });

  it('f = wrap(f) on a def wraps the wrapper again; on data it is not reported', async () => {
    assert.deepEqual(await findingsOf('NH106', ['def f(n):\n    return n', 'f = trace(f)']), ['2:1:11']);
    assert.deepEqual(await findingsOf('NH106', ['model = load()', 'model = apply_lora(model)']), []);
  });
});

it('NH106: a `# TODO` placeholder assignment rebinds nothing', async () => {
  assert.deepEqual(await findingsOf('NH106', ['test_acc = 0', 'test_loss, test_acc = # TODO\nprint(test_acc)']), []);
});

describe('NH106: accumulating calls', () => {
  it('append, extend and insert on a name bound to a list are reported', async () => {
    assert.deepEqual(
      await findingsOf('NH106', [
        'a = []\nb = [i for i in range(3)]\nc = list(range(3))\nd = (\n    deque(maxlen=10)\n)',
        'a.append(1)',
        'b.extend([4, 5])',
        'c.insert(0, -1)',
        '%timeit d.append(1)',
      ]),
      ['2:1:1', '3:1:1', '4:1:1', '5:1:9'],
    );
  });

  it('a name not known to be a list is not reported: DataFrame.append returns a new frame', async () => {
    assert.deepEqual(
      await findingsOf('NH106', [
        'city_loc = pd.DataFrame(data)\nrows = sheet.get_all_values()\nperson = Person()\nd = {}\ns = set()',
        "city_loc.append(city_pop)\nrows[0].append('Note')\nperson.email.append('c@d.com')",
        "worksheet.update('A1', rows)\nd.update({'a': 1})\ns.add(1)",
      ]),
      [],
    );
  });

  it('inside a for or while loop (a training loop that logs) nothing is reported', async () => {
    assert.deepEqual(
      await findingsOf('NH106', [
        'stepi = []\nw = 0.0\nn = 0',
        'for i in range(10):\n    stepi.append(i)\n    w = w - 0.1 * i',
        'while n < 10:\n    n += 1',
      ]),
      [],
    );
  });

  it('at the top level of a cell that also loops, it is still reported', async () => {
    assert.deepEqual(
      await findingsOf('NH106', ['results = []', 'for i in range(3):\n    print(i)\nresults.append(score)']),
      ['2:3:1'],
    );
  });
});

function firstReadColumn(source: string): string {
  // The finding is at the first read of the name in the cell: after `name = ` (or at column 1 for `x += 1`).
  const match = /^(\w+)\s*=\s*/.exec(source);
  if (!match) return '1';
  const name = match[1]!;
  return String(source.indexOf(name, match[0].length) + 1);
}
