// The verdict of each cell from a run and the saved outputs, and which findings explain it: plain data, no Python.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadNotebook } from '../../src/core/notebook/load';
import type { CellRun } from '../../src/core/verify/cell-outputs';
import { verifyNotebook } from '../../src/core/verify/verify-notebook';
import type { Finding } from '../../src/core/types';
import { check, notebookJson } from '../helpers/notebook';
import { formatVerifiedCell } from '../../src/core/verify/format-verify';

const ok = (index: number, stdout = ''): CellRun => ({ index, status: 'ok', stdout, stderr: '', outputs: [] });
const failed = (index: number, ename: string): CellRun => ({
  index,
  status: 'error',
  stdout: '',
  stderr: '',
  outputs: [],
  error: { ename, evalue: 'boom', traceback: [] },
});
const finding = (code: string, cellIndex: number): Finding => ({
  code,
  severity: 'warning',
  message: `${code} says so`,
  notebook: 'n.ipynb',
  cellIndex,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  related: [],
  fixes: [],
});

function verify(cells: Parameters<typeof notebookJson>[0], runs: CellRun[], findings: Finding[] = []) {
  const notebook = loadNotebook(notebookJson(cells), 'n.ipynb').notebook!;
  return verifyNotebook(notebook, { findings, model: null }, runs, { mode: 'ipython' });
}

const printed = (text: string) => [{ output_type: 'stream', name: 'stdout', text }];

describe('verifyNotebook', () => {
  it('calls a cell with nothing saved "not run before" when it runs cleanly, and "fails" when it raises', () => {
    const report = verify(['x = 1', 'y = z'], [ok(0), failed(1, 'NameError')]);
    assert.deepEqual(
      report.cells.map((cell) => cell.verdict),
      ['not-run-before', 'fails'],
    );
    assert.equal(report.passed, false);
  });

  it('counts a saved exception raised again as reproduced', () => {
    const saved = [{ output_type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: [] }];
    const report = verify([{ source: '1/0', count: 1, outputs: saved }], [failed(0, 'ZeroDivisionError')]);
    assert.equal(report.cells[0].verdict, 'reproduced');
    assert.equal(report.passed, true);
  });

  it('attaches a finding only where it explains what happened', () => {
    const report = verify(
      [
        { source: 'print(a)', count: 2, outputs: printed('1\n') },
        { source: 'print(r)', count: 3, outputs: printed('0.5\n') },
        { source: 'print(2)', count: 4, outputs: printed('2\n') },
      ],
      [failed(0, 'NameError'), ok(1, '0.7\n'), ok(2, '2\n')],
      [finding('NH102', 0), finding('NH401', 0), finding('NH401', 1), finding('NH401', 2)],
    );
    assert.deepEqual(
      report.cells.map((cell) => cell.explanations.map((e) => e.code)),
      [['NH102'], ['NH401'], []],
    );
    assert.deepEqual(
      report.cells.map((cell) => cell.verdict),
      ['fails', 'differs', 'reproduced'],
    );
  });

  it('explains a difference by an unseeded draw in the function the cell calls, defined in another cell', async () => {
    const cells = [
      { source: 'import random\ndef roll():\n    return random.random()', count: 1 },
      { source: 'print(roll())', count: 2, outputs: printed('0.123\n') },
      { source: 'print(2)', count: 3, outputs: printed('3\n') },
      { source: 'x = roll()', count: 4 },
      { source: 'print(round(x, 1))', count: 5, outputs: printed('0.1\n') },
    ];
    const checked = await check(cells, ['NH401']);
    const runs = [ok(0), ok(1, '0.8\n'), ok(2, '2\n'), ok(3), ok(4, '0.7\n')];
    const report = verifyNotebook(checked.notebook!, checked, runs, { mode: 'ipython' });
    assert.deepEqual(
      report.cells.map((cell) => cell.verdict),
      ['reproduced', 'differs', 'differs', 'reproduced', 'differs'],
    );
    const [explanation, ...others] = report.cells[1]!.explanations;
    assert.deepEqual(others, []);
    assert.equal(explanation!.code, 'NH401');
    assert.equal(explanation!.cellIndex, 0);
    assert.equal(explanation!.line, 3);
    assert.equal(explanation!.reason, 'unseeded randomness in cell 1, which it depends on');
    assert.match(
      formatVerifiedCell('n.ipynb', report.cells[1]!),
      /unseeded randomness in cell 1, which it depends on, by NH401 \(cell 1:3\)/,
    );
    // The third cell reads nothing from the first: its difference has no explanation.
    assert.deepEqual(report.cells[2]!.explanations, []);
    // The fifth reads x from the fourth, which calls roll: the draw explains it through the fourth cell.
    assert.deepEqual(
      report.cells[4]!.explanations.map((e) => [e.code, e.cellIndex, e.reason]),
      [['NH401', 0, 'unseeded randomness in cell 1, which it depends on']],
    );
  });

  it('explains a NameError with no finding of its own by the earlier cell that failed', () => {
    const report = verify(
      [
        { source: 'import missing_module', count: 1 },
        { source: 'missing_module.run()', count: 2 },
      ],
      [failed(0, 'ModuleNotFoundError'), failed(1, 'NameError')],
    );
    assert.equal(report.cells[1].afterFailureOf, 0);
  });

  it('points every failure of a chain at its first link', () => {
    const report = verify(
      ['import missing_module', 'tool = missing_module.Tool()', 'tool.run()'],
      [failed(0, 'ModuleNotFoundError'), failed(1, 'NameError'), failed(2, 'NameError')],
    );
    assert.deepEqual(
      report.cells.map((cell) => cell.afterFailureOf),
      [undefined, 0, 0],
    );
  });

  it('reports skipped and timed-out cells as failing, and the reason the run stopped', () => {
    const notebook = loadNotebook(notebookJson(['import time', 'time.sleep(99)']), 'n.ipynb').notebook!;
    const report = verifyNotebook(
      notebook,
      { findings: [], model: null },
      [
        { ...ok(0), status: 'timeout', error: { ename: 'TimeoutError', evalue: 'late', traceback: [] } },
        { ...ok(1), status: 'skipped', reason: 'the notebook did not finish in 5s' },
      ],
      { mode: 'ipython', stopped: 'the notebook did not finish in 5s' },
    );
    assert.equal(report.counts.fails, 2);
    assert.equal(report.stopped, 'the notebook did not finish in 5s');
  });
});
