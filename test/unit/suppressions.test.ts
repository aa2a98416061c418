import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applySuppressions, parsePragmas } from '../../src/core/config/suppressions';
import type { Cell, CellKind, Notebook } from '../../src/core/notebook/notebook';
import { rangeOf, type Finding } from '../../src/core/types';

function cell(index: number, source: string, tags: string[] = [], kind: CellKind = 'code'): Cell {
  return { index, kind, source, executionCount: null, metadata: {}, tags, outputs: [] };
}

function notebook(...cells: Cell[]): Notebook {
  return { path: 'a.ipynb', nbformat: 4, nbformatMinor: 5, language: 'python', metadata: {}, cells, size: 0 };
}

function at(code: string, cellIndex: number | null, line: number): Finding {
  return {
    code,
    severity: 'error',
    message: code,
    notebook: 'a.ipynb',
    cellIndex,
    range: rangeOf(line, 0, line, 2),
    related: [],
    fixes: [],
  };
}

/** Codes (with their line) of the findings that survive. */
function kept(nb: Notebook, findings: Finding[]): string[] {
  return applySuppressions(findings, nb).map((f) => `${f.code}@${f.cellIndex}:${f.range.start.line}`);
}

describe('line pragmas', () => {
  const nb = notebook(cell(0, 'print(df)  # nbhygiene: ignore[NH102]\nprint(df)\n'));

  it('silence the listed code on their own line only', () => {
    assert.deepEqual(kept(nb, [at('NH102', 0, 0), at('NH102', 0, 1), at('NH103', 0, 0)]), ['NH102@0:1', 'NH103@0:0']);
  });

  it('take several codes, prefixes, and sloppy spacing', () => {
    const nb2 = notebook(
      cell(0, 'a  # nbhygiene: ignore[NH102,NH104]\nb #nbhygiene:ignore[ NH102 ]\nc  # nbhygiene : ignore[NH1]\n'),
    );
    const findings = [
      at('NH102', 0, 0),
      at('NH104', 0, 0),
      at('NH101', 0, 0),
      at('NH102', 0, 1),
      at('NH104', 0, 1),
      at('NH105', 0, 2),
      at('NH004', 0, 2),
    ];
    assert.deepEqual(kept(nb2, findings), ['NH101@0:0', 'NH104@0:1', 'NH004@0:2']);
  });

  it('without a list silence every code on the line', () => {
    const nb2 = notebook(cell(0, 'x = y  # nbhygiene: ignore\nz\n'));
    assert.deepEqual(kept(nb2, [at('NH102', 0, 0), at('NH004', 0, 0), at('NH102', 0, 1)]), ['NH102@0:1']);
  });

  it('apply only to their cell', () => {
    const nb2 = notebook(cell(0, 'x  # nbhygiene: ignore'), cell(1, 'x'));
    assert.deepEqual(kept(nb2, [at('NH102', 0, 0), at('NH102', 1, 0)]), ['NH102@1:0']);
  });

  it('must be in a comment, not in a string', () => {
    const nb2 = notebook(cell(0, 'print("# nbhygiene: ignore")\ns = """\n# nbhygiene: ignore\n"""\n'));
    assert.deepEqual(kept(nb2, [at('NH102', 0, 0), at('NH102', 0, 2)]), ['NH102@0:0', 'NH102@0:2']);
  });

  it('count only in code cells', () => {
    const nb2 = notebook(cell(0, '# nbhygiene: ignore-cell', [], 'markdown'));
    assert.deepEqual(kept(nb2, [at('NH201', 0, 0)]), ['NH201@0:0']);
  });

  it('do not match look-alike words', () => {
    const nb2 = notebook(cell(0, 'x  # nbhygiene: ignored\ny  # nbhygiene: ignore-this'));
    assert.deepEqual(kept(nb2, [at('NH102', 0, 0), at('NH102', 0, 1)]), ['NH102@0:0', 'NH102@0:1']);
  });
});

describe('cell pragmas', () => {
  it('silence the listed code in the whole cell, on their own line or after code', () => {
    const nb = notebook(
      cell(0, '# nbhygiene: ignore-cell[NH104]\nx\ny'),
      cell(1, 'x\ny  # nbhygiene: ignore-cell[NH104]'),
    );
    const findings = [at('NH104', 0, 2), at('NH102', 0, 1), at('NH104', 1, 0)];
    assert.deepEqual(kept(nb, findings), ['NH102@0:1']);
  });

  it('without a list silence every code in the cell', () => {
    const nb = notebook(cell(0, 'x\n# nbhygiene: ignore-cell\n'), cell(1, 'x'));
    assert.deepEqual(kept(nb, [at('NH104', 0, 0), at('NH004', 0, 2), at('NH104', 1, 0)]), ['NH104@1:0']);
  });
});

describe('cell tags', () => {
  it('nbhygiene-ignore silences every code in the cell', () => {
    const nb = notebook(cell(0, 'x', ['nbhygiene-ignore']), cell(1, 'x'));
    assert.deepEqual(kept(nb, [at('NH102', 0, 0), at('NH102', 1, 0)]), ['NH102@1:0']);
  });

  it('nbhygiene-ignore:CODE silences that code (or prefix)', () => {
    const nb = notebook(cell(0, 'x', ['parameters', 'nbhygiene-ignore:NH104']), cell(1, 'x', ['nbhygiene-ignore:NH1']));
    const findings = [at('NH104', 0, 0), at('NH102', 0, 0), at('NH102', 1, 0), at('NH004', 1, 0)];
    assert.deepEqual(kept(nb, findings), ['NH102@0:0', 'NH004@1:0']);
  });

  it('work on any kind of cell', () => {
    const nb = notebook(cell(0, '# Title', ['nbhygiene-ignore'], 'markdown'));
    assert.deepEqual(kept(nb, [at('NH301', 0, 0)]), []);
  });
});

it('keeps findings about the whole notebook', () => {
  const nb = notebook(cell(0, '# nbhygiene: ignore-cell', ['nbhygiene-ignore']));
  assert.deepEqual(kept(nb, [at('NH001', null, 0), at('NH002', null, 0)]), ['NH001@null:0', 'NH002@null:0']);
});

describe('parsePragmas', () => {
  it('reports scope, position and codes for the editor', () => {
    assert.deepEqual(parsePragmas('x = 1  # nbhygiene: ignore[NH102, nh104]\n  # noqa  #nbhygiene: ignore-cell'), [
      { scope: 'line', line: 0, character: 7, codes: ['NH102', 'NH104'] },
      { scope: 'cell', line: 1, character: 10, codes: null },
    ]);
  });

  it('keeps line numbers right after strings that span lines', () => {
    const source = "s = '''a\n# not a comment\n'''\nt = 'it\\\ncontinues'  # nbhygiene: ignore[NH102]\n";
    assert.deepEqual(parsePragmas(source), [{ scope: 'line', line: 4, character: 12, codes: ['NH102'] }]);
  });

  it('is not fooled by magics with unbalanced quotes', () => {
    assert.deepEqual(parsePragmas("!echo it's\nx  # nbhygiene: ignore"), [
      { scope: 'line', line: 1, character: 3, codes: null },
    ]);
  });
});
