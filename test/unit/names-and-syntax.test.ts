// Names and syntax on real-notebook patterns (issue 15): what NH102, NH103 and NH004 must not say, and what they must
// still say, each on a minimal notebook.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planningModel } from '../../src/core/analysis/notebook-model';
import { loadNotebook } from '../../src/core/notebook/load';
import { analyseNames, ExtractRefusal } from '../../src/core/refactor/extract-names';
import { check, findingsOf, notebookJson, testEngine, testParser } from '../helpers/notebook';

async function messagesOf(code: string, cells: Parameters<typeof check>[0]): Promise<string[]> {
  return (await check(cells)).findings.filter((finding) => finding.code === code).map((finding) => finding.message);
}

describe('`x = # TODO` exercise blanks', () => {
  const lab = ['images = # TODO\nprint(images.shape)', 'labels = images + 1\nmodel = # TODO'];

  it('bind their name: a later read is not NH103 or NH102', async () => {
    assert.deepEqual(await findingsOf('NH103', lab), []);
    assert.deepEqual(await findingsOf('NH102', lab), []);
  });

  it('left with a comment on purpose, they are no NH004: the template says it is to be filled', async () => {
    assert.deepEqual(await findingsOf('NH004', lab), []);
  });

  it('a bare `x =` is NH004 (once per cell) and still binds x', async () => {
    const cells = ['images =\nprint(images)\nlabels =', 'print(images, labels)'];
    assert.deepEqual(await findingsOf('NH004', cells), ['1:1:1']);
    assert.match(
      (await messagesOf('NH004', cells))[0]!,
      /'images =' has no value after the '='.*and 1 more in this cell/,
    );
    assert.deepEqual(await findingsOf('NH103', cells), []);
  });

  it('a real error in a cell with a blank is still NH004', async () => {
    assert.deepEqual(await findingsOf('NH004', ['x = # TODO\ny = f(1,, 2)']), ['1:2:8']);
  });

  it('a tuple target and an annotated one bind too; `x = \\` continued, `f(a=` in brackets and `==` are no blanks', async () => {
    const cells = [
      'a, b = # TODO\nn: int =  # fill in',
      'print(a, b, n)',
      'y = \\\n    1\nz = f(a=\n    2)\nok = y == \\\n  z',
    ];
    assert.deepEqual(await findingsOf('NH103', cells), ['3:3:5']);
    assert.deepEqual(await findingsOf('NH004', cells), []);
  });

  it('a name read that the blank does not bind is still NH103', async () => {
    assert.deepEqual(await findingsOf('NH103', ['x = # TODO\nprint(y)']), ['1:2:7']);
  });
});

describe('NH004 finds every syntax error shape', () => {
  for (const [shape, source, where] of [
    ['a doubled operator', 'b = = 2', '1:1:5'],
    ['an unclosed parameter list', 'def broken(:\n    pass', '1:1:12'],
    ['an unclosed call', 'x = f(1,\ny = 2', '1:1:1'],
    ['a stray keyword', 'x = 1\nif = 3', '1:2:1'],
    ['a missing colon', 'for i in range(3)\n    print(i)', '1:1:1'],
  ] as const) {
    it(`${shape}: ${JSON.stringify(source)}`, async () => {
      const found = await findingsOf('NH004', [source]);
      assert.equal(found.length, 1, `one NH004, got ${JSON.stringify(found)}`);
      assert.equal(found[0], where);
    });
  }

  it('valid Python gives none', async () => {
    assert.deepEqual(await findingsOf('NH004', ['def ok(a, b=2):\n    return a == b\nx = ok(1)']), []);
  });
});

describe("IPython's auto-call escapes are escapes", () => {
  it('`,f a b`, `;f a b` and `/f a b` are no syntax errors and read no names', async () => {
    const cells = ['def f(*a):\n    return a', ',f a b', ';f a b', '/f a b'];
    assert.deepEqual(await findingsOf('NH004', cells), []);
    assert.deepEqual(await findingsOf('NH103', cells), []);
  });

  it('a line that starts with `/` inside an expression is still Python', async () => {
    assert.deepEqual(await findingsOf('NH004', ['x = (4\n/ 2)']), []);
  });
});

describe('line magics whose argument is Python', () => {
  it('`%time x = expr` binds x and reads what expr reads', async () => {
    const cells = ['%time primes = make(2 * million)', 'print(len(primes))'];
    assert.deepEqual(await findingsOf('NH102', cells), []);
    assert.deepEqual(await findingsOf('NH103', cells), ['1:1:16', '1:1:25']);
  });

  it('`%prun -s cumulative x = f()` binds x; `%timeit -n 10 f(y)` reads y', async () => {
    const cells = ['def f(v=0):\n    return v', '%prun -s cumulative x = f()', '%timeit -n 10 f(y)', 'print(x)'];
    assert.deepEqual(await findingsOf('NH103', cells), ['3:1:17']);
  });

  it('`%timeit x = f()` binds nothing: timeit runs the statement in its own function', async () => {
    const cells = ['def f():\n    return 1', '%timeit x = f()', 'print(x)'];
    assert.deepEqual(await findingsOf('NH103', cells), ['3:1:7']);
  });

  it('`%time` of a compound statement, or inside a block, is no syntax error', async () => {
    const cells = ['%time for i in range(3): pass', 'if True:\n    a = 1\n    %time b = a + 1\nprint(b)'];
    assert.deepEqual(await findingsOf('NH004', cells), []);
    assert.deepEqual(await findingsOf('NH103', cells), []);
  });
});

describe('magics that create names the engine cannot see', () => {
  it('`%R -o d -o e` and `%Rpull f` bind d, e and f; `%%R -o a,b` binds a and b', async () => {
    const cells = ['%R -o d -o e  x <- 1', '%Rpull f', '%%R -i X -o a,b\na <- 1; b <- 2', 'print(d, e, f, a, b, g)'];
    assert.deepEqual(await findingsOf('NH103', cells), ['4:1:22']);
  });

  it('`%%cython` binds the functions and classes its body defines', async () => {
    const cells = [
      '%%cython_pyximport foo\ndef f(x):\n    return 4.0*x\ncpdef double g(double y):\n    return y\ncdef class K:\n    pass',
      'print(f(1), g(2), K, h)',
    ];
    assert.deepEqual(await findingsOf('NH103', cells), ['2:1:22']);
  });
});

describe('PEP 695 type statements', () => {
  it('`type Hand = str` binds Hand', async () => {
    const cells = ['type Hand = str\nh: Hand = "A"', 'def best(hand: Hand) -> Hand:\n    return hand'];
    assert.deepEqual(await findingsOf('NH103', cells), []);
  });

  it('the right side is still read', async () => {
    assert.deepEqual(await findingsOf('NH103', ['type Pair = tuple[Card, Deck]']), ['1:1:19', '1:1:25']);
  });
});

describe('NH103 once per name per cell', () => {
  it('at the first read, counting the others', async () => {
    const cells = ['a = threshold * 2\nb = threshold + 1\nprint(threshold)'];
    assert.deepEqual(await findingsOf('NH103', cells), ['1:1:5']);
    assert.match((await messagesOf('NH103', cells))[0]!, /and 2 more reads in this cell/);
  });

  it('a name read in two cells is reported in each', async () => {
    assert.deepEqual(await findingsOf('NH103', ['print(q)', 'print(q)']), ['1:1:7', '2:1:7']);
  });
});

describe("NH103 says when the cell's saved output is the NameError", () => {
  it('instead of "only ever existed in the kernel"', async () => {
    const error = { output_type: 'error', ename: 'NameError', evalue: "name 'ls2' is not defined", traceback: [] };
    const cells = [{ source: 'print(ls2)\nls', count: 3, outputs: [error] }];
    const [message] = await messagesOf('NH103', cells);
    assert.match(message!, /saved output shows the NameError/);
    assert.doesNotMatch(message!, /existed in the kernel/);
  });

  it('a cell with no such output keeps the kernel wording', async () => {
    assert.match(
      (await messagesOf('NH103', [{ source: 'print(zz)', count: 2 }]))[0]!,
      /only ever existed in the kernel/,
    );
  });

  it('a notebook that never ran had no kernel: Restart & Run All fails', async () => {
    const [message] = await messagesOf('NH103', ['print(zz)']);
    assert.match(message!, /Restart & Run All fails here with NameError/);
    assert.doesNotMatch(message!, /kernel/);
  });
});

describe('Python 2 statements', () => {
  it('`print x` is NH004 in a Python 3 notebook', async () => {
    assert.deepEqual(await findingsOf('NH004', ['x = 1\nprint x']), ['1:2:1']);
    assert.match((await messagesOf('NH004', ['x = 1\nprint x']))[0]!, /Python 2/);
  });

  it('and valid in a Python 2 notebook, or an nbformat 3 one that does not say its language', async () => {
    const v3 = JSON.parse(notebookJson(['print x']));
    delete v3.metadata.kernelspec;
    v3.nbformat = 3;
    v3.nbformat_minor = 0;
    v3.worksheets = [
      { cells: [{ cell_type: 'code', input: 'print x', language: 'python', outputs: [], metadata: {} }], metadata: {} },
    ];
    delete v3.cells;
    const found = (await testEngine()).check(JSON.stringify(v3), 'v3.ipynb').findings;
    assert.deepEqual(
      found.filter((finding) => finding.code === 'NH004'),
      [],
    );
    assert.deepEqual(
      found.filter((finding) => finding.code === 'NH103').length,
      1,
      'the v3 cell is read: x is undefined',
    );
  });

  it('a Python 2 notebook', async () => {
    const json = notebookJson(['x = 1\nprint x', 'exec "y = 1"'], {
      kernelspec: { name: 'python2', display_name: 'Python 2', language: 'python' },
    });
    const result = (await testEngine()).check(json, 'test.ipynb');
    assert.deepEqual(
      result.findings.filter((finding) => finding.code === 'NH004'),
      [],
    );
  });
});

describe('NH004 says which language a foreign cell is', () => {
  it('SQL', async () => {
    assert.match(
      (await messagesOf('NH004', ['SELECT name FROM people WHERE age > 3']))[0]!,
      /looks like SQL: use %%sql or a raw\/markdown cell/,
    );
  });

  it('Scala', async () => {
    assert.match(
      (await messagesOf('NH004', ['val logs = sc.textFile("a.log")']))[0]!,
      /looks like Scala: .*Spark kernel or under %%spark/,
    );
  });

  it('shell commands', async () => {
    assert.match(
      (await messagesOf('NH004', ['git clone https://example.com/x.git\ncd x']))[0]!,
      /looks like shell commands: .*!.*%%bash/,
    );
  });

  it('a Python typo keeps the plain message', async () => {
    assert.doesNotMatch((await messagesOf('NH004', ['b = = 2']))[0]!, /looks like/);
  });
});

describe('NH102 once per defining cell', () => {
  it('the first read is reported, with the other reads of what that cell defines', async () => {
    const cells = ['P.shape', 'P.sum()', 'N = 3', 'P[0]', 'P = N + 1', 'print(Q)', 'Q = 2'];
    assert.deepEqual(await findingsOf('NH102', cells), ['1:1:1', '6:1:7']);
    assert.match((await messagesOf('NH102', cells))[0]!, /\(also read before cell 5: 'P' in cells 2 and 4\)/);
  });

  it('two helpers of one cell at the bottom: one finding, naming the other', async () => {
    const cells = [
      'show_edit()',
      'x = 1',
      'show_command()',
      'def show_edit():\n    pass\ndef show_command():\n    pass',
    ];
    assert.deepEqual(await findingsOf('NH102', cells), ['1:1:1']);
    const [finding] = (await check(cells)).findings.filter((f) => f.code === 'NH102');
    assert.match(finding!.message, /also read before cell 4: 'show_command' in cell 3/);
    assert.deepEqual(
      finding!.related?.map((related) => related.cellIndex),
      [3, 2],
    );
  });
});

describe('extraction of a cell with an exercise blank', () => {
  it('is refused as a syntax error, though NH004 stays quiet on it', async () => {
    const parser = await testParser();
    const notebook = loadNotebook(notebookJson(['matrix = # TODO\nprint(matrix)']), '/p/nb.ipynb').notebook!;
    assert.throws(
      () => analyseNames(planningModel(notebook, parser), [0], parser),
      (error) => error instanceof ExtractRefusal && error.reason === 'syntax-error',
    );
  });
});
