// Plain expressions read from their text: the names, their positions, and every construct that sends the walker
// back to the node-by-node walk. Then the two ways side by side on random Python: they must give the same facts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { walkCell } from '../../src/core/analysis/cell-walker';
import { scanPlainExpression, scanPlainStatement } from '../../src/core/analysis/expression-scan';
import { scanCell } from '../../src/core/python/scanner';
import { testParser } from '../helpers/notebook';

/** The scan of a whole text as one expression or statement starting at (row, column). */
function scanExpression(text: string, row = 0, column = 0) {
  return scanPlainExpression(text, 0, text.length, row, column);
}

function scanStatement(text: string, row = 0, column = 0) {
  return scanPlainStatement(text, 0, text.length, row, column);
}

function readsOf(text: string, row = 0, column = 0): string[] | null {
  const plain = scanExpression(text, row, column);
  return (
    plain &&
    plain.reads.map(
      (read) => `${read.name}@${read.range.start.line}:${read.range.start.character}-${read.range.end.character}`,
    )
  );
}

describe('plain expressions read from their text', () => {
  it('reads the callee and arguments but not keyword names or attribute names', () => {
    assert.deepEqual(readsOf("df.groupby('k').agg(total=col, n=len)"), ['df@0:0-2', 'col@0:26-29', 'len@0:33-36']);
  });

  it('comparisons keep both sides: == <= >= != are not keyword arguments', () => {
    assert.deepEqual(
      readsOf('f(a == b, c <= d, e >= g, h != i)')?.map((r) => r.split('@')[0]),
      ['f', 'a', 'b', 'c', 'd', 'e', 'g', 'h', 'i'],
    );
  });

  it('positions follow the expression across lines, comments and continuations', () => {
    assert.deepEqual(readsOf('plot(\n    x,  # the x axis\n    y)', 3, 8), ['plot@3:8-12', 'x@4:4-5', 'y@5:4-5']);
    assert.deepEqual(readsOf('(a +\n  b).c', 1, 4), ['a@1:5-6', 'b@2:2-3']);
  });

  it('a method chain split over lines reads only its start', () => {
    assert.deepEqual(readsOf('(df\n  .dropna()\n  .reset_index(drop=flag))'), ['df@0:1-3', 'flag@2:20-24']);
  });

  it('skips strings of every prefix, with quotes and newlines inside', () => {
    assert.deepEqual(
      readsOf(`g(r'\\d+', b"x", u'y', rb'z', """a\n'b'\n""", 'it\\'s', k)`)?.map((r) => r.split('@')[0]),
      ['g', 'k'],
    );
    assert.deepEqual(readsOf('h("""\n\n""", v)'), ['h@0:0-1', 'v@2:5-6']);
  });

  it('numbers are not names: exponents, hex, underscores, imaginary, leading dot', () => {
    assert.deepEqual(
      readsOf('1e-5 + 0xFF + 1_000j + .5 + 2.e3 * w')?.map((r) => r.split('@')[0]),
      ['w'],
    );
  });

  it('reads a node by its offsets in the cell, past what comes before it', () => {
    const source = 'x = 1\ny = f(a,\n b) + 2';
    const start = source.indexOf('f(');
    const plain = scanPlainExpression(source, start, source.indexOf(' + 2'), 1, 4);
    assert.deepEqual(
      plain?.reads.map((read) => `${read.name}@${read.range.start.line}:${read.range.start.character}`),
      ['f@1:4', 'a@1:6', 'b@2:1'],
    );
  });

  it('a number ends where Python ends it: `1and b` is 1, and, b', () => {
    assert.deepEqual(scanExpression('1and b or 2if c else 3')?.decisions, 3);
  });

  it('counts and/or and conditional expressions as decisions', () => {
    assert.equal(scanExpression('a and b or c')?.decisions, 2);
    assert.equal(scanExpression('x if y else z')?.decisions, 1);
    assert.deepEqual(
      readsOf('x if not y is None else z')?.map((r) => r.split('@')[0]),
      ['x', 'y', 'z'],
    );
  });

  it('columns count UTF-16 code units, as tree-sitter does for a JavaScript string', () => {
    assert.deepEqual(readsOf('"😀" + é + x'), ['é@0:7-8', 'x@0:11-12']);
  });

  it('zero-width space, word joiner and BOM separate tokens, as tree-sitter-python skips them', () => {
    assert.deepEqual(readsOf('x\u200b+ y\u2060* z\ufeff'), ['x@0:0-1', 'y@0:4-5', 'z@0:8-9']);
  });

  it('gives up on what the walker handles node by node', () => {
    for (const text of [
      'f(lambda v: v)',
      '[i for i in xs]',
      'g(x for x in y)',
      '(m := pat.match(s))',
      'f"{a}"',
      "rf'{b}'",
      'items.append(1)',
      'model.fit(X, y)',
      'df.drop(columns=c, inplace=True)',
      'exec(code)',
      'globals().update(d)',
    ]) {
      assert.equal(scanExpression(text), null, text);
    }
  });
});

describe('plain statements read from their text', () => {
  it('name = value binds the name after reading the value', () => {
    const plain = scanStatement('total = total + f(x, key=k)', 2, 4);
    assert.deepEqual(
      plain?.reads.map((read) => read.name),
      ['total', 'f', 'x', 'k'],
    );
    assert.deepEqual(plain?.target, {
      name: 'total',
      range: { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } },
    });
  });

  it('an expression statement binds nothing', () => {
    assert.equal(scanStatement('print(a == b)')?.target, null);
  });

  it('gives up on every other assignment', () => {
    for (const text of [
      'a = b = c',
      'a.b = c',
      'a[k] = v',
      'a, b = c',
      'x += 1',
      'x -= y',
      'x **= 2',
      'x //= 2',
      'x >>= 1',
      'x <<= 1',
      'x @= m',
      'x: int = 1',
      'x: int',
      'f = lambda: 0',
    ]) {
      assert.equal(scanStatement(text), null, text);
    }
  });
});

// ---- the text scan and the node-by-node walk agree ------------------------------------------------------------

const name = fc.constantFrom('a', 'b', 'df', 'x1', '_y', 'é', '𝑥', 'print', 'match', 'type', 'None', 'True', 'self');
const literal = fc.constantFrom(
  '1',
  '2.5',
  '1e-3',
  '0x1F',
  '1_000',
  '3j',
  '...',
  "'s'",
  '"t"',
  "r'\\d'",
  'b"z"',
  '"""m\nl"""',
  "f'{a}'",
  "f'{b!r:>{w}}'",
);
const expression = fc.letrec<{ expr: string; arg: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    literal,
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom('+', ' - ', '*', ' == ', '<=', ' and ', ' or ', ' in ', ' is not ', '%', '@'),
        tie('expr'),
      )
      .map(([l, op, r]) => `${l}${op}${r}`),
    fc
      .tuple(tie('expr'), fc.constantFrom('shape', 'append', 'fit', 'values', 'update', 'mean'))
      .map(([o, attr]) => `(${o}).${attr}`),
    fc
      .tuple(
        name,
        fc.array(tie('arg'), { maxLength: 3 }),
        fc.constantFrom(
          ', ',
          ',\n    ',
          ',  # note\n  ',
          ',\r\n  ',
          ',\u200b',
          ',\ufeff ',
          ',\u2060',
          ', \\\n  ',
          ',\t\u000b',
        ),
      )
      .map(([f, args, sep]) => `${f}(${args.join(sep)})`),
    fc
      .tuple(name, fc.constantFrom('append', 'fit', 'sum', 'update'), fc.array(tie('arg'), { maxLength: 2 }))
      .map(([o, m, args]) => `${o}.${m}(${args.join(', ')})`),
    fc.tuple(tie('expr'), tie('expr')).map(([v, k]) => `${v}[${k}]`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, c, b]) => `(${a} if ${c} else ${b})`),
    fc.array(tie('expr'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.tuple(tie('expr'), tie('expr')).map(([k, v]) => `{${k}: ${v}}`),
    fc.tuple(name, tie('expr')).map(([v, body]) => `(lambda ${v}: ${body})`),
    fc.tuple(name, tie('expr'), tie('expr')).map(([v, it, body]) => `[${body} for ${v} in ${it}]`),
    fc.tuple(name, tie('expr')).map(([v, value]) => `(${v} := ${value})`),
    fc.tuple(tie('expr')).map(([e]) => `not ${e}`),
    fc.tuple(tie('expr')).map(([e]) => `(\n  ${e}\n)`),
  ),
  arg: fc.oneof(
    tie('expr'),
    fc.tuple(name, tie('expr')).map(([k, v]) => `${k}=${v}`),
    tie('expr').map((e) => `*${e}`),
    tie('expr').map((e) => `**${e}`),
  ),
}));
const target = fc.constantFrom('x', 'df', 'a.b', 'a[k]', 'a, b', '(p, q)', 'x: int', 'm = n');
const assignOp = fc.constantFrom(
  ' = ',
  '=',
  ' += ',
  ' -= ',
  ' *= ',
  ' **= ',
  ' //= ',
  ' >>= ',
  ' <<= ',
  ' @= ',
  ' |= ',
);
const statement = fc.oneof(
  expression.expr,
  expression.expr.map((e) => `result = ${e}`),
  fc.tuple(target, assignOp, expression.expr).map(([t, op, e]) => `${t}${op}${e}`),
  fc.tuple(name, expression.expr).map(([t, e]) => `${t} = ${t} + ${e}`),
  fc
    .tuple(target, expression.expr)
    .map(([t, e]) => `def fn(p=1):\n    global g\n    ${t} = ${e}\n    g = ${e}\n    return p`),
  fc.tuple(target, expression.expr).map(([t, e]) => `class K:\n    ${t} = ${e}`),
  expression.expr.map((e) => `def fn(p=1):\n    return ${e}`),
  fc.tuple(expression.expr, expression.expr).map(([a, b]) => `for item in ${a}:\n    total = ${b}`),
  fc.tuple(expression.expr, expression.expr).map(([a, b]) => `if ${a}:\n    print(${b})`),
);

describe('the text scan gives the same facts as the node-by-node walk', () => {
  it('on random Python', async () => {
    const parser = await testParser();
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 4 }), (statements) => {
        const python = scanCell(statements.join('\n')).python;
        const tree = parser.parse(python);
        try {
          const scanned = walkCell(tree.rootNode, python, { postponedAnnotations: false });
          const walked = walkCell(tree.rootNode, python, { postponedAnnotations: false, scanPlainExpressions: false });
          assert.deepEqual(scanned, walked, python);
        } finally {
          tree.delete();
        }
      }),
      { numRuns: 400 },
    );
  });
});
