// The fixes that clear saved state: NH404/NH405 clear a cell's outputs, NH104 the stale output, NH101 every execution
// count. The code does not change, so a run before and after prints the same; the finding is gone and nbformat reads
// the file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { runCodeCellsAsScript } from '../helpers/python-script';
import { describe, it } from 'node:test';
import { applyPlanToNotebookText } from '../../src/core/refactor/apply-plan';
import type { Finding } from '../../src/core/types';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { notebookJson, testEngine, type CellSpec } from '../helpers/notebook';

const run = (ipynbText: string): string => runCodeCellsAsScript(ipynbText).stdout;

function nbformatReads(text: string): string {
  const result = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import sys, nbformat; nbformat.validate(nbformat.reads(sys.stdin.read(), as_version=4)); print("ok")'],
    { input: text, encoding: 'utf8' },
  );
  return `${result.stdout.trim()}${result.stderr}`;
}

async function findings(text: string): Promise<Finding[]> {
  // Every rule, NH104 (off by default) too.
  return (await testEngine()).check(text, 'nb.ipynb', { ...DEFAULT_CONFIG, select: ['NH'] }).findings;
}

async function applyFix(text: string, code: string, title: RegExp): Promise<string> {
  const finding = (await findings(text)).find((f) => f.code === code);
  assert.ok(finding, `an ${code}`);
  const fix = finding.fixes.find((candidate) => title.test(candidate.title));
  assert.ok(fix, `${code} offers ${title}: ${finding.fixes.map((f) => f.title).join(' | ')}`);
  assert.equal(fix.safe, false, 'clearing saved state is not applied without --unsafe');
  return applyPlanToNotebookText(text, fix.plan);
}

const stream = (text: string) => ({ name: 'stdout', output_type: 'stream', text: [text] });
const error = { output_type: 'error', ename: 'KeyError', evalue: "'price'", traceback: ["KeyError: 'price'"] };

describe('fixes that clear saved outputs and counts', () => {
  it('NH404: clears the error output and count of that cell, and nothing else', async () => {
    const cells: CellSpec[] = [
      { source: 'prices = {"a": 1}\nprint(prices["a"])', count: 1, outputs: [stream('1\n')] },
      { source: 'print(prices["a"] * 2)', count: 2, outputs: [error] },
    ];
    const before = notebookJson(cells);
    const after = await applyFix(before, 'NH404', /^Clear the outputs of cell 2$/);
    const saved = (JSON.parse(after) as { cells: { outputs: unknown[]; execution_count: number | null }[] }).cells;
    assert.deepEqual(saved[1], {
      ...((JSON.parse(before) as { cells: unknown[] }).cells[1] as object),
      outputs: [],
      execution_count: null,
    });
    assert.deepEqual(saved[0], (JSON.parse(before) as { cells: unknown[] }).cells[0]);
    assert.deepEqual(
      (await findings(after)).filter((f) => f.code === 'NH404'),
      [],
    );
    assert.equal(nbformatReads(after), 'ok');
    assert.equal(run(after), run(before));
    assert.equal(run(after), '1\n2\n');
  });

  it('NH405: clears a cell whose outputs are over 1 MB', async () => {
    const big = 'x'.repeat(1_100_000);
    const before = notebookJson([{ source: 'print("x" * 1_100_000)', count: 1, outputs: [stream(big)] }]);
    const after = await applyFix(before, 'NH405', /^Clear the outputs of cell 1$/);
    assert.deepEqual(
      (await findings(after)).filter((f) => f.code === 'NH405'),
      [],
    );
    assert.ok(after.length < 1000);
    assert.equal(nbformatReads(after), 'ok');
  });

  it('NH101: clears every execution count, keeping the outputs', async () => {
    const cells: CellSpec[] = [
      { source: 'a = 1', count: 3 },
      { source: 'b = a + 1\nprint(b)', count: 1, outputs: [stream('2\n')] },
      { source: 'print(a + b)', count: 2, outputs: [stream('3\n')] },
    ];
    const before = notebookJson(cells);
    const after = await applyFix(before, 'NH101', /^Clear every execution count/);
    const saved = (JSON.parse(after) as { cells: { outputs: unknown[]; execution_count: number | null }[] }).cells;
    assert.deepEqual(
      saved.map((cell) => cell.execution_count),
      [null, null, null],
    );
    assert.deepEqual(
      saved.map((cell) => cell.outputs.length),
      [0, 1, 1],
    );
    const codes = (await findings(after)).map((f) => f.code).filter((code) => /^NH10/.test(code));
    assert.deepEqual(codes, []);
    assert.equal(nbformatReads(after), 'ok');
    assert.equal(run(after), run(before));
  });

  it('NH104: clears the output a clean run would not give', async () => {
    const cells: CellSpec[] = [
      { source: 'a = 1', count: 3 },
      { source: 'print(a)', count: 2, outputs: [stream('2\n')] },
      { source: 'a = 2', count: 1 },
    ];
    const before = notebookJson(cells);
    const after = await applyFix(before, 'NH104', /^Clear the stale outputs of cell 2$/);
    const saved = (JSON.parse(after) as { cells: { outputs: unknown[] }[] }).cells;
    assert.deepEqual(saved[1]!.outputs, []);
    assert.deepEqual(
      (await findings(after)).filter((f) => f.code === 'NH104'),
      [],
    );
    assert.equal(nbformatReads(after), 'ok');
    assert.equal(run(after), run(before));
  });
});
