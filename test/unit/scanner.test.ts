import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fc from 'fast-check';
import { Language, Parser } from 'web-tree-sitter';
import { scanCell } from '../../src/core/python/scanner';
import { corpusNotebooks } from '../helpers/corpus';
import type { Escape, ScannedCell } from '../../src/core/python/escapes';

let parser: Parser;

before(async () => {
  await Parser.init();
  const lang = await Language.load('node_modules/tree-sitter-python/tree-sitter-python.wasm');
  parser = new Parser();
  parser.setLanguage(lang);
});

function parsesCleanly(text: string): boolean {
  const tree = parser.parse(text)!;
  const ok = !tree.rootNode.hasError;
  tree.delete();
  return ok;
}

function breakPositions(text: string): number[] {
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' || text[i] === '\r') positions.push(i);
  return positions;
}

function assertSameShape(source: string, scanned: ScannedCell): void {
  assert.equal(scanned.python.length, source.length);
  assert.deepEqual(breakPositions(scanned.python), breakPositions(source));
}

/** Scans, checks the shape and that the masked text is valid Python, and returns the result. */
function scanValid(source: string): ScannedCell {
  const scanned = scanCell(source);
  assertSameShape(source, scanned);
  assert.ok(parsesCleanly(scanned.python), `masked text does not parse:\n${scanned.python}`);
  return scanned;
}

function only(scanned: ScannedCell): Escape {
  assert.equal(scanned.escapes.length, 1, JSON.stringify(scanned.escapes));
  return scanned.escapes[0];
}

function range(startLine: number, startChar: number, endLine: number, endChar: number) {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

describe('line magics', () => {
  const cases: [string, string, string][] = [
    ['%matplotlib inline', 'matplotlib', 'inline'],
    ['%pip install -q pandas==2.0', 'pip', 'install -q pandas==2.0'],
    ['%run other.py', 'run', 'other.py'],
    ['%cd data', 'cd', 'data'],
    ['%load x.py', 'load', 'x.py'],
    ['%time f()', 'time', 'f()'],
    ['%timeit -n 3 f()', 'timeit', '-n 3 f()'],
    ['%env A=1', 'env', 'A=1'],
    ['%pylab inline', 'pylab', 'inline'],
    ['%store x', 'store', 'x'],
    ['%conda install numpy', 'conda', 'install numpy'],
    ['%mamba install x', 'mamba', 'install x'],
    ['%uv pip install x', 'uv', 'pip install x'],
    ['%who', 'who', ''],
  ];
  for (const [line, name, args] of cases) {
    test(line, () => {
      const source = `import os\n${line}\nprint(os)\n`;
      const scanned = scanValid(source);
      const escape = only(scanned);
      assert.equal(escape.kind, 'line-magic');
      assert.equal(escape.name, name);
      assert.equal(escape.args, args);
      assert.deepEqual(escape.range, range(1, 0, 1, line.length));
      assert.equal(scanned.bodyIsPython, true);
      // %time and %timeit keep their Python statement (`%time x = f()` binds x): only the magic is masked.
      const keepsStatement = name === 'time' || name === 'timeit';
      assert.match(
        scanned.python,
        keepsStatement ? /^import os\n\.\.\.; +f\(\)\nprint\(os\)\n$/ : /^import os\n\.\.\. *\nprint\(os\)\n$/,
      );
    });
  }

  test('short escapes get a short expression as filler', () => {
    assert.equal(scanValid('%x').python, '0 ');
    assert.equal(scanValid('!').python, '0');
    assert.equal(scanValid('if a:\n    %x\n').python, 'if a:\n    0 \n');
  });
});

describe('cell magics', () => {
  for (const name of ['time', 'timeit', 'capture', 'prun', 'debug']) {
    test(`%%${name} keeps its Python body`, () => {
      const scanned = scanValid(`%%${name}\nx = 1\nif x:\n    y = 2\n`);
      const escape = only(scanned);
      assert.equal(escape.kind, 'cell-magic');
      assert.equal(escape.name, name);
      assert.equal(scanned.bodyIsPython, true);
      assert.ok(scanned.python.endsWith('\nx = 1\nif x:\n    y = 2\n'));
    });
  }

  test('%%capture out records the variable it binds', () => {
    const escape = only(scanValid('%%capture out\nprint(1)\n'));
    assert.deepEqual([escape.name, escape.args], ['capture', 'out']);
    assert.deepEqual(escape.range, range(0, 0, 0, 13));
  });

  test('escapes inside a Python body are still found', () => {
    const scanned = scanValid('%%time\n!ls\nx = %who_ls\n');
    const found = scanned.escapes.map((e) => [e.kind, e.name]);
    assert.deepEqual(found, [
      ['cell-magic', 'time'],
      ['shell', 'ls'],
      ['line-magic', 'who_ls'],
    ]);
  });

  const others = [
    'bash',
    'sh',
    'html',
    'sql',
    'javascript',
    'js',
    'latex',
    'markdown',
    'svg',
    'perl',
    'ruby',
    'script python3',
    'R',
    'mystery',
  ];
  for (const header of others) {
    test(`%%${header} hides its body`, () => {
      const source = `%%${header}\necho "hi" $(ls)\n  <b>not python</b>\n`;
      const scanned = scanValid(source);
      assert.equal(scanned.bodyIsPython, false);
      assert.equal(only(scanned).name, header.split(' ')[0]);
      assert.equal(scanned.python.trim(), '');
    });
  }

  test('%%writefile and %%file keep the file name in args', () => {
    const a = only(scanValid('%%writefile x.py\nimport os\n'));
    assert.deepEqual([a.name, a.args], ['writefile', 'x.py']);
    const b = only(scanValid('%%writefile -a pkg/x.py\ndef f(:\n'));
    assert.deepEqual([b.name, b.args], ['writefile', '-a pkg/x.py']);
    const c = only(scanValid('%%file x.py\nprint(1)\n'));
    assert.deepEqual([c.name, c.args], ['file', 'x.py']);
    assert.equal(scanCell('%%writefile x.py\nimport os\n').bodyIsPython, false);
  });

  test('leading blank lines before %% are allowed, as IPython drops them', () => {
    const scanned = scanValid('\n  \n%%bash\nls -la\n');
    assert.equal(scanned.bodyIsPython, false);
    assert.deepEqual(only(scanned).range, range(2, 0, 2, 6));
  });

  test('%% below the first line is recorded as misplaced and the body stays Python', () => {
    const scanned = scanValid('# setup\n%%time\nx = 1\n');
    const escape = only(scanned);
    assert.equal(escape.kind, 'cell-magic');
    assert.equal(escape.name, 'time');
    assert.equal(escape.misplaced, true);
    assert.equal(scanned.bodyIsPython, true);
  });

  test('CRLF and a stray \\r keep their places', () => {
    scanValid('%%bash\r\nls\r\n');
    const scanned = scanValid('%time f()\r\nx = 1\r\ny = !ls\r\n');
    assert.equal(scanned.escapes.length, 2);
    assert.deepEqual(scanned.escapes[0].range, range(0, 0, 0, 9));
    assert.equal(scanned.escapes[1].assignTarget, 'y');
    const stray = scanValid('x = 1\n!ls\rfoo\n%a\rb\n');
    assert.equal(stray.python, 'x = 1\n...\r   \n0 \r \n');
  });
});

describe('shell escapes', () => {
  const cases: [string, string, string][] = [
    ['!pip install x', 'pip', 'install x'],
    ['!python -m pip install y', 'python', '-m pip install y'],
    ['!ls -la', 'ls', '-la'],
    ['!wget http://example.com/a.zip -O "a b.zip"', 'wget', 'http://example.com/a.zip -O "a b.zip"'],
    ['!!ls', 'ls', ''],
    ['! pip install x', 'pip', 'install x'],
    ["!echo 'unterminated", 'echo', "'unterminated"],
  ];
  for (const [line, name, args] of cases) {
    test(line, () => {
      const escape = only(scanValid(`${line}\nx = 1\n`));
      assert.deepEqual([escape.kind, escape.name, escape.args], ['shell', name, args]);
      assert.deepEqual(escape.range, range(0, 0, 0, line.length));
    });
  }

  test('backslash continuation lines belong to the escape', () => {
    const source = 'x = 1\n!pip install a \\\n    b c\ny = 2\n';
    const scanned = scanValid(source);
    const escape = only(scanned);
    assert.equal(escape.args, 'install a b c');
    assert.deepEqual(escape.range, range(1, 0, 2, 7));
    assert.equal(scanned.python, `x = 1\n${'...'.padEnd(16)}\n${' '.repeat(7)}\ny = 2\n`);
  });

  test('continuations inside an indented block', () => {
    const escape = only(scanValid('if x:\n    %pip install a \\\n        b \\\n        c\n    y = 1\n'));
    assert.deepEqual([escape.name, escape.args], ['pip', 'install a b c']);
    assert.deepEqual(escape.range, range(1, 4, 3, 9));
  });
});

describe('escape assignments', () => {
  test('x = !cmd binds x', () => {
    const scanned = scanValid('x = !ls -la\nprint(x)\n');
    const escape = only(scanned);
    assert.deepEqual([escape.kind, escape.name, escape.args, escape.assignTarget], ['shell', 'ls', '-la', 'x']);
    assert.deepEqual(escape.range, range(0, 4, 0, 11));
    assert.equal(scanned.python, 'x = ...    \nprint(x)\n');
  });

  test('x = %magic binds x', () => {
    const scanned = scanValid('files = %who_ls\nx=%sx ls\n');
    const found = scanned.escapes.map((e) => [e.kind, e.name, e.assignTarget]);
    assert.deepEqual(found, [
      ['line-magic', 'who_ls', 'files'],
      ['line-magic', 'sx', 'x'],
    ]);
    assert.ok(scanned.python.startsWith('files = ...'));
  });

  test('tuples and attributes are masked but have no single target', () => {
    const scanned = scanValid('a, b = !cmd\nself.out = !!ls\n');
    assert.equal(scanned.escapes.length, 2);
    assert.equal(scanned.escapes[0].assignTarget, undefined);
    assert.equal(scanned.escapes[1].assignTarget, undefined);
    assert.deepEqual(scanned.escapes[0].range, range(0, 7, 0, 11));
  });

  test('!= and modulo are Python', () => {
    const source = 'x = 1 != 2\ny = a % b\nz = a %b\nw = (a\n  % b)\nv = a \\\n  % b\nx != 3\n';
    const scanned = scanValid(source);
    assert.equal(scanned.escapes.length, 0);
    assert.equal(scanned.python, source);
  });

  test('continued assignment escape', () => {
    const escape = only(scanValid('out = !pip install a \\\n  b\nprint(out)\n'));
    assert.deepEqual([escape.args, escape.assignTarget], ['install a b', 'out']);
    assert.deepEqual(escape.range, range(0, 6, 1, 3));
  });
});

describe('help', () => {
  const cases: [string, string][] = [
    ['obj?', 'obj'],
    ['obj??', 'obj'],
    ['?obj', 'obj'],
    ['??obj', 'obj'],
    ['np.mean?', 'np.mean'],
    ['%timeit?', '%timeit'],
    ['np.*load*?', 'np.*load*'],
  ];
  for (const [line, name] of cases) {
    test(line, () => {
      const escape = only(scanValid(`import numpy as np\n${line}\n`));
      assert.deepEqual([escape.kind, escape.name, escape.args], ['help', name, '']);
      assert.deepEqual(escape.range, range(1, 0, 1, line.length));
    });
  }

  test('%%timeit? on the first line is help, not a cell magic', () => {
    const scanned = scanValid('%%timeit?\n');
    assert.deepEqual([only(scanned).kind, only(scanned).name], ['help', '%%timeit']);
    assert.equal(scanned.bodyIsPython, true);
  });

  test('help inside an indented block', () => {
    const escape = only(scanValid('if a:\n    len?\n'));
    assert.deepEqual(escape.range, range(1, 4, 1, 8));
  });

  test('question marks in strings, comments and conditionals are not help', () => {
    const source = 'x = a if b else c\nprint("what?")\n# comment?\ns = """\nobj?\n"""\ny = 1  # why?\n';
    const scanned = scanValid(source);
    assert.deepEqual(scanned.escapes, []);
    assert.equal(scanned.python, source);
  });
});

describe('automagic', () => {
  const cases: [string, string, string][] = [
    ['pip install x', 'pip', 'install x'],
    ['conda install x', 'conda', 'install x'],
    ['mamba install x', 'mamba', 'install x'],
    ['uv pip install x', 'uv', 'pip install x'],
    ['cd dir', 'cd', 'dir'],
    ['cd ..', 'cd', '..'],
    ['cd /tmp', 'cd', '/tmp'],
    ['cd ~/data', 'cd', '~/data'],
    ['cd -', 'cd', '-'],
    ['ls -la', 'ls', '-la'],
    ['ls *.csv', 'ls', '*.csv'],
    ['env A=1', 'env', 'A=1'],
    ['run script.py', 'run', 'script.py'],
    ['run -i script.py', 'run', '-i script.py'],
    ['load x.py', 'load', 'x.py'],
    ['matplotlib inline', 'matplotlib', 'inline'],
    ['pylab inline', 'pylab', 'inline'],
    ['who str', 'who', 'str'],
    ['whos DataFrame', 'whos', 'DataFrame'],
    ['reset -f', 'reset', '-f'],
    ['store x', 'store', 'x'],
    ['history -n', 'history', '-n'],
    ['timeit f()', 'timeit', 'f()'],
    ['time f()', 'time', 'f()'],
    ['cd "my dir"', 'cd', '"my dir"'],
  ];
  for (const [line, name, args] of cases) {
    test(line, () => {
      const escape = only(scanValid(line));
      assert.deepEqual([escape.kind, escape.name, escape.args], ['automagic', name, args]);
      assert.deepEqual(escape.range, range(0, 0, 0, line.length));
      assert.equal(escape.misplaced, undefined);
    });
  }

  const python = [
    'pip = 3',
    'pip == 3',
    'cd(x)',
    'time.sleep(1)',
    "env['A']",
    'run = True',
    'run += 1',
    'ls',
    'pwd',
    'time - start',
    'time / 60',
    'time * 2',
    'store, load = 1, 2',
    'time if ok else 0',
    'ls in dirs',
    'time: float = 0.0',
    'time  # a comment',
    'env [0]',
    'time .sleep(1)',
    'who is None',
    'x = ls -la',
  ];
  for (const line of python) {
    test(`Python stays Python: ${line}`, () => {
      const scanned = scanCell(line);
      assert.deepEqual(scanned.escapes, []);
      assert.equal(scanned.python, line);
    });
  }

  test('automagic in a cell of several lines is recorded as misplaced', () => {
    const escape = only(scanValid('import os\npip install x\n'));
    assert.equal(escape.misplaced, true);
    assert.equal(only(scanValid('\npip install x\n\n')).misplaced, undefined);
  });

  test('unknown commands are not automagic', () => {
    assert.deepEqual(scanCell('print x').escapes, []);
  });
});

describe('blocks, strings and brackets', () => {
  test('indented magics inside blocks keep the block valid', () => {
    const source = 'for i in x:\n    %time f(i)\n    !echo hi\n\nwhile True:\n    !ls\nelse:\n    pip install y\n';
    const scanned = scanValid(source);
    assert.deepEqual(
      scanned.escapes.map((e) => [e.kind, e.name, e.range.start.line, e.range.start.character]),
      [
        ['line-magic', 'time', 1, 4],
        ['shell', 'echo', 2, 4],
        ['shell', 'ls', 5, 4],
        ['automagic', 'pip', 7, 4],
      ],
    );
  });

  test('the only statement of a block can be an escape', () => {
    scanValid('if x:\n    !ls\n');
    scanValid('def f():\n    %time g()\n');
    scanValid('try:\n    !a\nexcept:\n    %b c\n');
  });

  test('escape-like lines inside triple-quoted strings are not escapes', () => {
    const source =
      's = """\n!pip install x\n%matplotlib inline\npip install y\n"""\nt = \'\'\'a\n%%bash\n\'\'\'\n!ls\n';
    const scanned = scanValid(source);
    assert.deepEqual(
      scanned.escapes.map((e) => [e.name, e.range.start.line]),
      [['ls', 8]],
    );
  });

  test('escaped quotes do not close a triple-quoted string', () => {
    const scanned = scanValid('s = """a \\""" still\n!not an escape\n"""\n!ls\n');
    assert.deepEqual(
      scanned.escapes.map((e) => e.range.start.line),
      [3],
    );
  });

  test('lines inside open brackets continue the statement', () => {
    const source = 'x = [\n  1,\n  !2,\n]\ny = f(a,\n      %b)\n';
    assert.deepEqual(scanCell(source).escapes, []);
    const after = scanValid('x = (a\n  % b)\n%time g()\n');
    assert.deepEqual(
      after.escapes.map((e) => e.range.start.line),
      [2],
    );
  });

  test('brackets and quotes inside comments and strings do not count', () => {
    const scanned = scanValid('x = 1  # (\ny = ")"\n!ls\n');
    assert.equal(only(scanned).name, 'ls');
  });

  test('cells without escapes come back unchanged', () => {
    const source = 'import os\n\ndef f(x):\n    return x % 2\n';
    const scanned = scanCell(source);
    assert.equal(scanned.python, source);
    assert.deepEqual(scanned.escapes, []);
    assert.equal(scanned.bodyIsPython, true);
    assert.deepEqual(scanCell(''), { python: '', escapes: [], bodyIsPython: true, blanks: [] });
  });
});

describe('properties', () => {
  test('any text keeps its length and line breaks', () => {
    const pieces = [
      '%',
      '%%',
      '!',
      '?',
      '\\',
      '"',
      "'",
      '"""',
      '#',
      '(',
      ')',
      '=',
      ' ',
      '\n',
      '\r',
      'a',
      'pip',
      ' -la',
      'if x:\n  ',
    ];
    const unit = fc.constantFrom(...pieces);
    fc.assert(
      fc.property(fc.string({ unit }), (source) => assertSameShape(source, scanCell(source))),
      { numRuns: 2000 },
    );
  });

  test('Python mixed with escapes still parses once masked', () => {
    const statements = [
      'x = 1',
      '!ls -la',
      '%time f()',
      'y = !pwd',
      'a, b = %who_ls',
      'pip install a',
      'cd ..',
      'obj?',
      '??np.mean',
      'if x:\n    !ls\n    %who',
      'for i in r:\n    pip install q\nelse:\n    np.sum?',
      's = """\n!x\n%y\n"""',
      'z = (a\n  % b)',
      '!pip a \\\n  b',
      'def f():\n    %timeit g()',
      'w = 1 \\\n  % 2',
      '# !not\n%%time',
    ];
    const cell = fc
      .array(fc.constantFrom(...statements), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.join('\n'));
    fc.assert(
      fc.property(cell, (source) => void scanValid(source)),
      { numRuns: 300 },
    );
  });
});

describe('corpus', () => {
  test('every code cell keeps its length and line breaks', () => {
    let cells = 0;
    for (const file of corpusNotebooks()) {
      const notebook = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!Array.isArray(notebook.cells)) continue;
      for (const cell of notebook.cells) {
        if (cell.cell_type !== 'code') continue;
        const source: string = Array.isArray(cell.source) ? cell.source.join('') : (cell.source ?? '');
        const scanned = scanCell(source);
        assertSameShape(source, scanned);
        cells++;
      }
    }
    assert.ok(cells > 0);
  });
});
