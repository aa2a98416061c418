// What one cell reads, binds, updates and deletes at module level: Python's scoping rules, one case per test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseCell } from '../../src/core/analysis/cell-analysis';
import type { CellEvent, CellFacts } from '../../src/core/analysis/facts';
import { cellShape } from '../../src/core/analysis/cell-shape';
import { testParser } from '../helpers/notebook';

async function factsOf(source: string, postponedAnnotations = false): Promise<CellFacts> {
  return analyseCell(source, await testParser(), { postponedAnnotations }).facts;
}

function describeEvent(event: CellEvent): string {
  switch (event.kind) {
    case 'star':
      return `star ${event.reason}`;
    case 'update':
      return `update ${event.name}${event.accumulates ? ' (accumulates)' : ''}`;
    case 'bind':
      return `bind ${event.name}${event.rebindsOwnRead ? ' (rebinds own read)' : ''}`;
    default:
      return `${event.kind} ${event.name}`;
  }
}

async function events(source: string, postponedAnnotations = false): Promise<string[]> {
  return (await factsOf(source, postponedAnnotations)).events.map(describeEvent);
}

async function callableOf(source: string, name: string) {
  const facts = await factsOf(source);
  const bind = facts.events.find((event) => event.kind === 'bind' && event.name === name);
  assert.ok(bind && bind.kind === 'bind' && bind.callable, `${name} is bound to a callable`);
  return {
    reads: bind.callable.reads.map((read) => read.name),
    globalBinds: bind.callable.globalBinds.map((b) => b.name),
  };
}

describe('cell facts: bindings and reads at module level', () => {
  it('x += 1 reads x and then binds it', async () => {
    assert.deepEqual(await events('x += 1'), ['read x', 'bind x (rebinds own read)']);
  });

  it('df.dropna(inplace=True) updates df without rebinding it', async () => {
    assert.deepEqual(await events('df.dropna(inplace=True)'), ['read df', 'update df']);
  });

  it("df['a'] = 1 reads and updates df", async () => {
    assert.deepEqual(await events("df['a'] = 1"), ['read df', 'update df']);
  });

  it('if/else reads the condition and both values, and binds y', async () => {
    assert.deepEqual(await events('if cond:\n    y = a\nelse:\n    y = b'), [
      'read cond',
      'read a',
      'bind y',
      'read b',
      'bind y',
    ]);
  });

  it('del tmp deletes the binding', async () => {
    assert.deepEqual(await events('del tmp'), ['delete tmp']);
  });

  it('a walrus in an if binds its name after reading the value', async () => {
    assert.deepEqual(await events('if (m := pat.match(s)):\n    pass'), ['read pat', 'read s', 'bind m']);
  });

  it('w: int = v + 1 binds w, never int', async () => {
    const found = await events('w: int = v + 1');
    assert.ok(found.includes('bind w'));
    assert.ok(!found.includes('bind int'));
    assert.ok(found.includes('read v'));
  });

  it('z: int without a value binds nothing', async () => {
    assert.ok(!(await events('z: int')).some((event) => event.startsWith('bind')));
  });

  it('a for loop binds its target, visible after the loop', async () => {
    assert.deepEqual(await events('for i in items:\n    pass\nprint(i)'), [
      'read items',
      'bind i',
      'read print',
      'read i',
    ]);
  });

  it('a class body reads K at definition; a method reads G only when used', async () => {
    const source = 'class C:\n    k = K\n    def m(self):\n        return G\n';
    assert.deepEqual(await events(source), ['read K', 'bind C']);
    assert.deepEqual((await callableOf(source, 'C')).reads, ['G']);
  });

  it('methods do not see class-level names', async () => {
    const source = 'class C:\n    k = 1\n    def m(self):\n        return k\n';
    assert.deepEqual((await callableOf(source, 'C')).reads, ['k']);
  });

  it('a list comprehension does not bind its loop variable', async () => {
    assert.deepEqual(await events('[x for x in xs]'), ['read xs']);
  });

  it('a walrus inside a comprehension binds in the enclosing scope', async () => {
    assert.deepEqual(await events('[last := v for v in vs]'), ['read vs', 'bind last']);
  });

  it('lambda a: a + b bound to a name reads b when called, not now', async () => {
    assert.deepEqual(await events('f = lambda a: a + b'), ['bind f']);
    assert.deepEqual((await callableOf('f = lambda a: a + b', 'f')).reads, ['b']);
  });

  it('def f(a=c) reads c now, and the body only when called', async () => {
    assert.deepEqual(await events('def f(a=c):\n    return a + d'), ['read c', 'bind f']);
    assert.deepEqual((await callableOf('def f(a=c):\n    return a + d', 'f')).reads, ['d']);
  });

  it('import os.path binds os', async () => {
    assert.deepEqual(await events('import os.path'), ['bind os']);
  });

  it('import a.b as c binds c; from m import x as y binds y', async () => {
    assert.deepEqual(await events('import a.b as c\nfrom m import x as y'), ['bind c', 'bind y']);
  });

  it('from m import * makes later names maybe defined', async () => {
    assert.deepEqual(await events('from m import *'), ['star star import']);
  });

  it('global g in a function binds g when the function is called', async () => {
    const source = 'def f():\n    global g\n    g = 1\n';
    assert.deepEqual(await events(source), ['bind f']);
    assert.deepEqual((await callableOf(source, 'f')).globalBinds, ['g']);
    assert.deepEqual((await callableOf(source, 'f')).reads, []);
  });

  it('match captures bind; dotted values and class names are read', async () => {
    const found = await events(
      'match cmd:\n    case [a, *rest]:\n        pass\n    case Point(x=0, y=yy):\n        pass\n    case Color.RED:\n        pass\n    case {"k": v, **others}:\n        pass\n    case _:\n        pass',
    );
    assert.deepEqual(found, [
      'read cmd',
      'bind a',
      'bind rest',
      'read Point',
      'bind yy',
      'read Color',
      'bind v',
      'bind others',
    ]);
  });

  it('except E as e binds e', async () => {
    assert.deepEqual(await events('try:\n    pass\nexcept ValueError as e:\n    print(e)'), [
      'read ValueError',
      'bind e',
      'read print',
      'read e',
    ]);
  });

  it('with open(p) as fh binds fh', async () => {
    assert.deepEqual(await events('with open(p) as fh:\n    fh.read()'), ['read open', 'read p', 'bind fh', 'read fh']);
  });

  it('decorators are evaluated at definition time', async () => {
    assert.deepEqual(await events('@cache(size)\ndef f():\n    pass'), ['read cache', 'read size', 'bind f']);
  });

  it('f-strings read the names in their replacement fields', async () => {
    assert.deepEqual(await events('print(f"{a!r} and {b:>{width}}")'), [
      'read print',
      'read a',
      'read b',
      'read width',
    ]);
  });

  it('parameter annotations are read at definition time, parameters are not reads', async () => {
    assert.deepEqual(await events('def f(x: Frame, *args: T, y: int = 2, **kw) -> Out:\n    return x, y, args, kw'), [
      'read Frame',
      'read T',
      'read int',
      'read Out',
      'bind f',
    ]);
  });

  it('from __future__ import annotations makes annotations unevaluated', async () => {
    assert.deepEqual(await events('def f(x: Frame) -> Out:\n    return x', true), ['bind f']);
  });

  it('x = x + 1 reads then rebinds x; lst.append(1) accumulates', async () => {
    assert.deepEqual(await events('x = x + 1\nlst.append(1)'), [
      'read x',
      'bind x (rebinds own read)',
      'read lst',
      'update lst (accumulates)',
    ]);
  });

  it('model.fit(X) updates model', async () => {
    assert.deepEqual(await events('model.fit(X)'), ['read model', 'read X', 'update model']);
  });

  it('names local to a function are not module reads', async () => {
    assert.deepEqual(
      (await callableOf('def f(a):\n    b = a * 2\n    for i in range(b):\n        print(i)\n    return b', 'f')).reads,
      ['range', 'print'],
    );
  });

  it('a nested function sees the enclosing function’s locals', async () => {
    assert.deepEqual(
      (await callableOf('def outer():\n    n = 1\n    def inner():\n        return n + m\n    return inner', 'outer'))
        .reads,
      ['m'],
    );
  });

  it('an unpacking assignment binds every target', async () => {
    assert.deepEqual(await events('a, (b, *c) = values'), ['read values', 'bind a', 'bind b', 'bind c']);
  });

  it('x = !ls still binds x after the shell escape is masked', async () => {
    assert.deepEqual(await events('files = !ls\nprint(files)'), ['bind files', 'read print', 'read files']);
  });

  it('%%capture out binds out', async () => {
    assert.ok((await events('%%capture out\nprint(1)')).includes('bind out'));
  });

  it('%run makes later unknown names maybe defined', async () => {
    assert.deepEqual(await events('%run helpers.py'), ['star %run']);
  });

  it('%pylab binds np and plt and star-imports pylab', async () => {
    assert.deepEqual(await events('%pylab inline'), ['star %pylab', 'bind np', 'bind plt']);
  });

  it('%%bash cells have no Python facts', async () => {
    assert.deepEqual(await events('%%bash\nx = 1\necho $x'), []);
  });

  it('imports are recorded with their module names', async () => {
    const facts = await factsOf(
      'import numpy as np\nfrom sklearn.model_selection import train_test_split\nfrom . import local',
    );
    assert.deepEqual(
      facts.imports.map((i) => `${'.'.repeat(i.level)}${i.module}`),
      ['numpy', 'sklearn.model_selection', '.'],
    );
  });

  it('a syntax error quotes its own line, also below leading blank lines', async () => {
    const facts = await factsOf('\n\ny = foo(\nz = 3\nw = 4\n');
    assert.deepEqual(
      facts.syntaxErrors.map((error) => [error.range.start.line, error.message]),
      [[2, "syntax error: unexpected 'y = foo('"]],
    );
  });

  it('a syntax error is reported and the rest of the cell is still analysed', async () => {
    const facts = await factsOf('a = 1\nb = (2\nprint(a)\n\nc = 3');
    assert.ok(facts.syntaxErrors.length > 0);
    assert.ok(facts.events.some((event) => event.kind === 'bind' && event.name === 'a'));
  });
});

describe('cell shape: the last expression IPython would display', () => {
  async function lastExpression(source: string) {
    const tree = (await testParser()).parse(source);
    try {
      return cellShape(tree.rootNode, source).lastExpression;
    } finally {
      tree.delete();
    }
  }

  it('a trailing semicolon hides it, also below leading blank lines', async () => {
    assert.equal((await lastExpression('\n\nx = 1\nx;'))?.suppressed, true);
    assert.equal((await lastExpression('\n\nx = 1\nx  # shown'))?.suppressed, false);
    assert.equal((await lastExpression('x = 1\nx ;'))?.suppressed, true);
  });
});

describe('cell outline: lines of logic outside definitions', () => {
  it('counts each line with code once: shared lines, comment lines inside a statement and definitions left out', async () => {
    const source =
      '\n# setup\nx = 1; y = 2\nz = f(\n    # inside\n    a,\n)\ndef g():\n    return 1\n\nw = 3  # trailing\n\u00a0\n';
    assert.equal((await factsOf(source)).outline.logicLines, 5);
  });
});
