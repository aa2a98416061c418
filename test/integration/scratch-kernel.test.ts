// The scratch kernel as a user relies on it: a fresh /usr/bin/python3 runs the cells top to bottom in a copy of the
// notebook's folder, reports each cell's status, printed text, displayed values and exception, and stops a cell that
// runs too long, without touching the user's folder.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runNotebook } from '../../src/run/run-notebook';
import { assertSameOutputs, outputsOf, runCells, TEST_PYTHON } from '../helpers/run-before-after';
import { notebookJson } from '../helpers/notebook';

describe('scratch kernel: one run in /usr/bin/python3 under IPython', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'nbhygiene-user-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(join(folder, 'data.txt'), 'from the user folder\n');
  const path = join(folder, 'analysis.ipynb');
  writeFileSync(
    path,
    notebookJson([
      { type: 'markdown', source: '# Title' },
      "x = 41\nprint('x is', x)\nx + 1",
      'import os\nprint(open("data.txt").read().strip())\nopen("written.txt", "w").write("scratch");\nos.remove("data.txt")',
      '%time y = 2\n!echo from the shell\ndisplay({"a": 1})',
      'print(z)',
      'import pandas as pd\npd.DataFrame({"col": [1, 2]})',
      '%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.plot([1, 2, 3])',
      'class Thing: pass\nThing()',
    ]),
  );
  const run = await runNotebook({ path, python: TEST_PYTHON, timeoutPerCellS: 30 });

  it('reports one entry per code cell, by its index among all cells', () => {
    assert.equal(run.mode, 'ipython');
    assert.deepEqual(
      run.cells.map((cell) => cell.index),
      [1, 2, 3, 4, 5, 6, 7],
    );
  });

  it('captures printed text and the value of the last expression', () => {
    const cell = outputsOf(run, 1);
    assert.equal(cell.status, 'ok');
    assert.equal(cell.stdout, 'x is 41\n');
    assert.deepEqual(
      cell.outputs.map((value) => [value.kind, value.text]),
      [['execute_result', '42']],
    );
  });

  it('runs magics and shell commands, and captures display()', () => {
    const cell = outputsOf(run, 3);
    assert.equal(cell.status, 'ok', JSON.stringify(cell.error));
    assert.match(cell.stdout, /^CPU times: .*\nWall time: .*\nfrom the shell\n$/);
    assert.deepEqual(
      cell.outputs.map((value) => [value.kind, value.text]),
      [['display_data', "{'a': 1}"]],
    );
  });

  it('reports the exception of a failing cell and goes on with the next ones', () => {
    const cell = outputsOf(run, 4);
    assert.equal(cell.status, 'error');
    assert.equal(cell.error?.ename, 'NameError');
    assert.equal(cell.error?.evalue, "name 'z' is not defined");
    assert.ok(cell.error?.traceback.join('').includes('print(z)'));
    assert.equal(outputsOf(run, 5).status, 'ok');
  });

  it('keeps text/plain and text/html of a DataFrame, and shows a figure under %matplotlib inline as an image', () => {
    const table = outputsOf(run, 5).outputs[0];
    assert.match(table.text ?? '', /col\n0 +1\n1 +2/);
    assert.match(table.html ?? '', /<table/);
    const figure = outputsOf(run, 6).outputs.find((value) => value.image);
    assert.ok(figure, JSON.stringify(outputsOf(run, 6)));
    assert.ok(figure.mimeTypes.includes('image/png'));
  });

  it('reads the files of the notebook folder from a copy, and never writes to or deletes from the original', () => {
    assert.equal(outputsOf(run, 2).stdout, 'from the user folder\n');
    assert.deepEqual(readdirSync(folder).sort(), ['analysis.ipynb', 'data.txt']);
    assert.ok(!existsSync(join(folder, 'written.txt')));
  });

  it('shows an object with its memory address, as Jupyter does', () => {
    assert.match(outputsOf(run, 7).outputs[0].text ?? '', /^<__main__\.Thing at 0x[0-9a-f]+>$/);
  });
});

describe('scratch kernel: limits and modes', () => {
  it('stops a cell that runs past its timeout, even one catching Exception, and runs the next cell', async () => {
    const run = await runCells(
      notebookJson(['import time\ntry:\n    time.sleep(30)\nexcept Exception:\n    pass', 'print("after")']),
      { timeoutPerCellS: 1 },
    );
    assert.equal(run.cells[0].status, 'timeout');
    assert.equal(run.cells[0].error?.ename, 'TimeoutError');
    assert.equal(run.cells[1].stdout, 'after\n');
  });

  it('kills the run when a cell ignores its timer (a blocked signal, a C extension), reporting the cells after it', async () => {
    const blocking = 'import signal, time\nsignal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\ntime.sleep(30)';
    const run = await runNotebook({
      notebookJson: notebookJson(['print(1)', blocking, 'print(3)']),
      python: TEST_PYTHON,
      timeoutPerCellS: 1,
    });
    assert.deepEqual(
      run.cells.map((cell) => cell.status),
      ['ok', 'timeout', 'skipped'],
    );
    assert.match(run.stopped ?? '', /cell 2 did not stop 5s after its 1s timeout/);
  });

  it('kills a notebook that runs past its total time and reports the running cell and the rest', async () => {
    const run = await runNotebook({
      notebookJson: notebookJson(['print(1)', 'import time\ntime.sleep(30)', 'print(3)']),
      python: TEST_PYTHON,
      timeoutPerCellS: 0,
      timeoutS: 2,
    });
    assert.deepEqual(
      run.cells.map((cell) => cell.status),
      ['ok', 'timeout', 'skipped'],
    );
    assert.match(run.stopped ?? '', /did not finish in 2s/);
  });

  it('reports an unknown %%magic as a failing cell (IPython prints a UsageError instead of raising)', async () => {
    const run = await runCells(notebookJson(['%%no_such_magic\nx = 1', 'print("next")']));
    assert.equal(run.cells[0].status, 'error');
    assert.equal(run.cells[0].error?.ename, 'UsageError');
    assert.match(run.cells[0].error?.evalue ?? '', /Cell magic `%%no_such_magic` not found/);
    assert.equal(run.cells[1].stdout, 'next\n');
  });

  it('without IPython, runs plain Python and skips magic and shell lines', async () => {
    const run = await runNotebook({
      notebookJson: notebookJson(['%matplotlib inline\n!echo no\nprint("yes")\n2 + 2', '%%bash\necho skipped']),
      python: TEST_PYTHON,
      ipython: false,
    });
    assert.equal(run.mode, 'exec');
    assert.equal(run.cells[0].stdout, 'yes\n');
    assert.equal(run.cells[0].outputs[0].text, '4');
    assert.equal(run.cells[1].stdout, '');
  });

  it('says plainly when the interpreter does not exist', async () => {
    await assert.rejects(
      runNotebook({ notebookJson: notebookJson(['1']), python: '/nonexistent/python3' }),
      /cannot start Python \(\/nonexistent\/python3\)/,
    );
  });
});

describe('assertSameOutputs', () => {
  it('passes when an edit keeps the outputs, pairing cells by id (an inserted cell is not compared)', async () => {
    const before = notebookJson(['x = [3, 1, 2]', 'print(sorted(x))', 'len(x)']);
    const edited = JSON.parse(before);
    edited.cells.splice(0, 0, { cell_type: 'code', id: 'new', metadata: {}, source: 'print("setup")', outputs: [] });
    edited.cells[1].source = 'x = [1, 2, 3][::-1]\nx = [3, 1, 2]';
    await assertSameOutputs(before, JSON.stringify(edited));
  });

  it('fails with the cell and the difference when an edit changes what a cell shows', async () => {
    const before = notebookJson(['x = 2', 'print(x * 10)']);
    const after = notebookJson(['x = 3', 'print(x * 10)']);
    await assert.rejects(assertSameOutputs(before, after), (error: Error) => {
      assert.match(error.message, /cell 1 \(after: cell 1\): printed output differs: expected "20", got "30"/);
      return true;
    });
  });

  it('fails when a cell that ran before fails after', async () => {
    const before = notebookJson(['def f():\n    return 1', 'f()']);
    const after = notebookJson(['def g():\n    return 1', 'f()']);
    await assert.rejects(
      assertSameOutputs(before, after),
      /cell 1 \(after: cell 1\): ran before, now error \(NameError/,
    );
  });

  it('uses afterFiles for the after run only (a generated module)', async () => {
    const before = notebookJson(['def area(r):\n    return 3 * r * r', 'area(2)']);
    const after = notebookJson(['from shapes import area', 'area(2)']);
    await assertSameOutputs(before, after, { afterFiles: { 'shapes.py': 'def area(r):\n    return 3 * r * r\n' } });
  });
});
