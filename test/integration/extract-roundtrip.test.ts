// Round trip with a real Python: the original cells top to bottom, then the rewritten notebook + module top to
// bottom, in two fresh interpreters; what each cell printed or displayed must match. The generated files must
// pass py_compile, and the generated tests must pass under pytest (when pytest is installed).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { caseNames, runCase } from '../fixtures/extract/cases';

const RUNNER = `
import ast, contextlib, io, json, os, sys
sys.path.insert(0, os.getcwd())
ns = {"__name__": "__main__"}
out = []
for source in json.load(open(sys.argv[1])):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        tree = ast.parse(source)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr) and not source.rstrip().endswith(";"):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, "<cell>", "exec"), ns)
        if last is not None:
            value = eval(compile(last, "<cell>", "eval"), ns)
            if value is not None:
                print(repr(value))
    out.append(buffer.getvalue())
print(json.dumps(out))
`;

function python(args: string[], cwd: string) {
  return spawnSync('python3', args, { cwd, encoding: 'utf8' });
}

const hasPython = python(['--version'], '.').status === 0;
const hasPytest = hasPython && python(['-m', 'pytest', '--version'], '.').status === 0;

function codeCells(ipynb: string): string[] {
  const cells = (JSON.parse(ipynb) as { cells: { cell_type: string; source: string | string[] }[] }).cells;
  return cells
    .filter((cell) => cell.cell_type === 'code')
    .map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source));
}

function runCells(dir: string, cells: string[]): string[] {
  writeFileSync(join(dir, 'cells.json'), JSON.stringify(cells));
  writeFileSync(join(dir, 'runner.py'), RUNNER);
  const run = python(['runner.py', 'cells.json'], dir);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as string[];
}

describe('extract: round trip with python3', () => {
  const root = mkdtempSync(join(tmpdir(), 'nbhygiene-extract-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const name of caseNames()) {
    it(`${name}: same printed and displayed output, files compile, tests pass`, async () => {
      const result = await runCase(name);
      const original = join(root, name, 'original');
      const rewritten = join(root, name, 'rewritten');
      mkdirSync(original, { recursive: true });
      mkdirSync(rewritten, { recursive: true });
      // An existing module is there for both runs (the original notebook may not use it, but it must still import).
      const before = runCells(original, codeCells(result.notebookText));
      for (const [file, text] of result.files) {
        mkdirSync(dirname(join(rewritten, file)), { recursive: true });
        writeFileSync(join(rewritten, file), text);
      }
      const afterRun = runCells(rewritten, codeCells(result.newNotebook));
      // Code cells by position: the extracted ones together must print what they printed, the others the same.
      const codeIndex = (JSON.parse(result.notebookText).cells as { cell_type: string }[]).flatMap((cell, k) =>
        cell.cell_type === 'code' ? [k] : [],
      );
      const extracted = codeIndex.map((k) => result.cells.includes(k));
      assert.equal(afterRun.filter((_, k) => extracted[k]).join(''), before.filter((_, k) => extracted[k]).join(''));
      assert.deepEqual(
        afterRun.filter((_, k) => !extracted[k]),
        before.filter((_, k) => !extracted[k]),
      );
      for (const file of result.files.keys()) {
        const compiled = python(['-m', 'py_compile', file], rewritten);
        assert.equal(compiled.status, 0, `${file}: ${compiled.stderr}`);
      }
      // pytest ships with this machine kind's Python; without it this test says so instead of passing quietly.
      assert.ok(hasPytest, 'python3 -m pytest is not available: install pytest (Debian: python3-pytest)');
      const tests = python(['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], rewritten);
      assert.equal(tests.status, 0, tests.stdout + tests.stderr);
    });
  }
});
