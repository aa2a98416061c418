// The extraction defects found by running real notebooks before and after (issue 16): each is a refusal with a
// reason or a module that behaves like the cells did. The runs in a real Python are in
// test/integration/extract-roundtrip.test.ts (the fixtures under test/fixtures/extract).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planningModel } from '../../src/core/analysis/notebook-model';
import { loadNotebook } from '../../src/core/notebook/load';
import { planExtraction, type ExtractResult } from '../../src/core/refactor/extract';
import { memoryHost } from '../helpers/memory-host';
import { notebookJson, testParser, type CellSpec } from '../helpers/notebook';

async function extract(cells: (string | CellSpec)[], selected: number[], name?: string): Promise<ExtractResult> {
  const parser = await testParser();
  const notebook = loadNotebook(notebookJson(cells), '/fx/nb.ipynb').notebook!;
  return planExtraction(memoryHost({}), planningModel(notebook, parser), parser, {
    cellIndices: selected,
    projectRoot: '/fx',
    ...(name ? { functionName: name } : {}),
  });
}

async function files(cells: (string | CellSpec)[], selected: number[], name?: string) {
  const result = await extract(cells, selected, name);
  assert.ok(result.ok, result.ok ? '' : `refused: ${result.message}`);
  const byName = new Map(result.plan.fileEdits.map((edit) => [edit.path.slice('/fx/'.length), edit.newText]));
  const cellText = new Map(result.plan.cellEdits.map((edit) => [edit.cellIndex, edit.newText]));
  return { module: byName.get('nb_lib.py')!, tests: byName.get('tests/test_nb_lib.py') ?? null, cellText, result };
}

async function refusal(cells: (string | CellSpec)[], selected: number[]): Promise<string> {
  const result = await extract(cells, selected);
  return result.ok ? 'none' : `${result.reason}: ${result.message}`;
}

describe('extract: late binding', () => {
  it('refuses when a later cell redefines a helper the extracted function calls', async () =>
    assert.match(
      await refusal(
        [
          'from math import floor as rnd',
          'def process(x):\n    return rnd(x) * 2',
          'def rnd(x):\n    return round(x)\nprocess(2.6)',
        ],
        [1],
      ),
      /^late-binding: .*'process'.*'rnd'.*cell 3/,
    ));

  it('refuses when a later cell redefines a helper extracted with it', async () =>
    assert.match(
      await refusal(
        [
          'def helper(x):\n    return x + 1\ndef process(x):\n    return helper(x) * 2',
          'def helper(x):\n    return x - 1',
          'process(1)',
        ],
        [0],
      ),
      /^late-binding: /,
    ));

  it('a later cell that redefines the caller with its helper leaves nothing calling the old one', async () => {
    const { module } = await files(
      [
        'def parse(x):\n    return int(x)\ndef solve(x):\n    return parse(x) + 1',
        'def parse(x):\n    return float(x)\ndef solve(x):\n    return parse(x) + 2',
        'solve("1")',
      ],
      [0],
    );
    assert.match(module, /^def solve\(x\):$/m);
  });

  it('a later cell importing the same module again is not a redefinition', async () => {
    const { module } = await files(
      ['import math', 'def root(x):\n    return math.sqrt(x)', 'import math\nroot(4)'],
      [1],
    );
    assert.match(module, /^import math$/m);
  });
});

describe('extract: definitions in a mixed cell go to module level', () => {
  const cells = [
    'import pickle',
    'class Point:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n\ndef norm1(p):\n    return abs(p.x) + abs(p.y)\n\norigin = Point(3, -4)\nprint(norm1(origin))',
    'pickle.loads(pickle.dumps(origin)).x',
    'norm1(Point(1, 2))',
  ];

  it('puts the def and the class at module level and the rest in the function', async () => {
    const { module } = await files(cells, [1], 'make_origin');
    assert.match(module, /^class Point:$/m);
    assert.match(module, /^def norm1\(p\):$/m);
    assert.match(module, /^def make_origin\(\):$/m);
    assert.doesNotMatch(module, /^ +(def norm1|class Point)/m);
  });

  it('the notebook imports the definitions with the function', async () => {
    const { cellText } = await files(cells, [1], 'make_origin');
    assert.match(cellText.get(1)!, /^from nb_lib import Point, make_origin, norm1$/m);
    assert.match(cellText.get(1)!, /^origin = make_origin\(\)$/m);
  });

  it('refuses a definition that reads a notebook variable the cell sets (a closure would freeze it)', async () =>
    assert.match(
      await refusal(
        ['scale = 10\ndef scaled(v):\n    return v * scale\nfirst = scaled(1)', 'scale = 2\nscaled(1)'],
        [0],
      ),
      /^hidden-global: 'scaled' in cell 1 reads 'scale'/,
    ));

  it('refuses a definition that reads a notebook variable of an earlier cell', async () =>
    assert.match(
      await refusal(['rate = 0.5', 'def scale(v):\n    return v * rate\nout = scale(2)', 'print(out)'], [1]),
      /^hidden-global: 'scale' in cell 2 reads 'rate'/,
    ));
});

describe('extract: names bound on some paths only', () => {
  it('refuses to return a name that one branch leaves unbound', async () =>
    assert.match(
      await refusal(
        ['try:\n    from math import isqrt as root\nexcept ImportError:\n    print("no isqrt")\nn = 17', 'root(n)'],
        [0],
      ),
      /^conditional-name: .*'root'/,
    ));

  it('returns a name every branch binds', async () => {
    const { result } = await files(
      [
        'try:\n    from math import isqrt as root\nexcept ImportError:\n    def root(n):\n        return int(n ** 0.5)\nn = 17',
        'root(n)',
      ],
      [0],
      'load_root',
    );
    assert.ok(result.ok && result.summary.returns.includes('root'));
  });

  it('a branch that raises does not leave the name unbound', async () => {
    const { result } = await files(
      ['import sys', 'if sys.version_info < (3,):\n    raise SystemExit("old")\nelse:\n    v = 3', 'print(v)'],
      [1],
    );
    assert.ok(result.ok && result.summary.returns.includes('v'));
  });
});

describe('extract: IPython in and around the cells', () => {
  it('a later `!cmd {var}` reads var: it is returned', async () => {
    const { result } = await files(['name = "w"', 'greeting = "hi " + name', '!echo {greeting}'], [1]);
    assert.ok(result.ok);
    assert.deepEqual(result.summary.returns, ['greeting']);
  });

  it('a later `!cmd $var` reads var too', async () => {
    const { result } = await files(['path = "a" + "b"', '!ls $path'], [0]);
    assert.ok(result.ok);
    assert.deepEqual(result.summary.returns, ['path']);
  });

  it('a `!cmd {var}` between non-contiguous extracted cells reads what the first one sets: refused', async () =>
    assert.match(
      await refusal(['out = "a.txt"', '!touch {out}', 'n = 1'], [0, 2]),
      /^interleaved-cells: cell 2, .*'out'/,
    ));

  it('display() in the cells is imported from IPython in the module', async () => {
    const { module } = await files(['total = sum([1, 2, 3])\ndisplay(total)', 'print(total)'], [0]);
    assert.match(module, /^from IPython\.display import display$/m);
  });

  it('display() in an extracted definition too', async () => {
    const { module } = await files(['def show(x):\n    display(x)'], [0]);
    assert.match(module, /^from IPython\.display import display$/m);
  });

  it('other IPython-only names are still refused', async () =>
    assert.match(await refusal(['ip = get_ipython()'], [0]), /^ipython-name: /));
});

describe('extract: Python 2 cells are refused', () => {
  for (const [what, source] of [
    ['print statement', 'x = 1\nprint x'],
    ['print >>', 'import sys\nprint >>sys.stderr, 1'],
    ['exec statement', "exec 'y = 1'"],
    ['except E, e', 'try:\n    pass\nexcept ValueError, e:\n    pass'],
    ['raise E, message', 'raise ValueError, "m"'],
    ['backticks', 'x = `1`'],
    ['<>', 'if 1 <> 2:\n    pass'],
    ['0777 and 10L', 'y = 0777 + 10L'],
    ['ur prefix', "s = ur'b'"],
  ])
    it(what, async () => assert.match(await refusal([source], [0]), /^python2: cell 1 is Python 2/));

  it('Python 3 code that looks alike is not refused', async () =>
    assert.equal(await refusal(['y = 0 + 00 + 0o777 + 10\ns = rb"x" + r"y"\nprint(y, s)'], [0]), 'none'));
});

describe('extract: what the cell displays', () => {
  it('a bare tuple at the end of the cell is returned, not dropped', async () => {
    const { module, cellText } = await files(['a = 2\nb = 3', 'a * 2, b * 2'], [1], 'doubled');
    assert.match(module, /^ {4}return a \* 2, b \* 2$/m);
    assert.match(cellText.get(1)!, /^doubled\(a, b\)$/m);
  });
});

describe('extract: generated tests', () => {
  it('calls after a cell that redefines the function are not its examples', async () => {
    const shown = (text: string) => [
      { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': text }, metadata: {} },
    ];
    const { tests } = await files(
      [
        'def df(x, y):\n    return 2 * x * y, x * x + 1',
        { source: 'df(3, 4)', outputs: shown('(24, 10)') },
        'def df(x, y):\n    return (x, y)',
        { source: 'df(3, 4)', outputs: shown('(3, 4)') },
      ],
      [0],
    );
    assert.match(tests!, /^ {4}assert df\(3, 4\) == \(24, 10\)$/m);
    assert.doesNotMatch(tests!, /\(3, 4\)$/m);
  });

  it('a function named test_* is not imported into the test module under its own name', async () => {
    const { tests } = await files(
      [
        'def test_ratio(a, b):\n    return a / b',
        {
          source: 'test_ratio(1, 4)',
          outputs: [
            { output_type: 'execute_result', execution_count: 2, data: { 'text/plain': '0.25' }, metadata: {} },
          ],
        },
      ],
      [0],
    );
    assert.doesNotMatch(tests!, /^from nb_lib import .*\btest_ratio\b/m);
    assert.match(tests!, /^import nb_lib {2}# noqa: E402$/m);
    assert.match(tests!, /nb_lib\.test_ratio\(1, 4\)/);
  });
});
