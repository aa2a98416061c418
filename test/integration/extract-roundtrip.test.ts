// Round trip with a real Python (Debian's /usr/bin/python3 with IPython, numpy, pandas, pytest): the original
// cells top to bottom in an IPython shell, then the rewritten notebook + module top to bottom in a fresh one; what
// each cell printed or displayed must match. The generated files must pass py_compile, and the generated tests must
// pass under pytest without a skip: a test that asserts nothing is not a test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { caseNames, runCase } from '../fixtures/extract/cases';

const PYTHON = process.env.NBHYGIENE_TEST_PYTHON ?? '/usr/bin/python3';

// Each cell's stdout, displayed values (display()) and its result's text/plain, in one string per cell; an
// exception ends the string with its type, so a cell that now fails cannot match one that ran.
const RUNNER = `
import contextlib, io, json, os, sys
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
sys.path.insert(0, os.getcwd())
class Shown(DisplayPublisher):
    texts = []
    def publish(self, data, metadata=None, **kwargs):
        self.texts.append(data.get("text/plain", "") + "\\n")
shell = InteractiveShell.instance(display_pub_class=Shown)
shell.displayhook.write_output_prompt = lambda: None
shell.displayhook.write_format_data = lambda *args, **kwargs: None
out = []
for source in json.load(open(sys.argv[1])):
    Shown.texts = []
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        run = shell.run_cell(source, store_history=True)
    text = buffer.getvalue() + "".join(Shown.texts)
    if run.result is not None:
        text += shell.display_formatter.format(run.result)[0]["text/plain"] + "\\n"
    if run.error_in_exec is not None or run.error_before_exec is not None:
        text = "ERROR " + type(run.error_in_exec or run.error_before_exec).__name__
    out.append(text)
print(json.dumps(out))
`;

function python(args: string[], cwd: string) {
  return spawnSync(PYTHON, args, { cwd, encoding: 'utf8' });
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
      const tests = python(['-m', 'pytest', '-q', '-rs', '-p', 'no:cacheprovider', 'tests'], rewritten);
      assert.equal(tests.status, 0, tests.stdout + tests.stderr);
      assert.match(tests.stdout, /\d+ passed/, tests.stdout);
      assert.doesNotMatch(tests.stdout, /skipped|deselected/, tests.stdout);
    });
  }
});
