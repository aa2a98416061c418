// NH102's move fixes: a cell moved so every name is defined before it is read, only when the dependencies allow it,
// proven by running the notebook top to bottom before (NameError) and after (it runs).
import assert from 'node:assert/strict';
import { runCodeCellsAsScript } from '../helpers/python-script';
import { describe, it } from 'node:test';
import { applyPlanToNotebookText } from '../../src/core/refactor/apply-plan';
import type { Finding } from '../../src/core/types';
import { check, notebookJson, testEngine, type CellSpec } from '../helpers/notebook';

/** The code cells run top to bottom in one fresh python3, as Restart & Run All would. */
const run = runCodeCellsAsScript;

function sources(ipynbText: string): string[] {
  return (JSON.parse(ipynbText) as { cells: { source: string | string[] }[] }).cells.map((cell) =>
    Array.isArray(cell.source) ? cell.source.join('') : cell.source,
  );
}

async function nh102(cells: (string | CellSpec)[]): Promise<Finding[]> {
  return (await check(cells)).findings.filter((finding) => finding.code === 'NH102');
}

async function fixedBy(cells: (string | CellSpec)[], title: RegExp): Promise<string> {
  const [finding] = await nh102(cells);
  assert.ok(finding, 'an NH102');
  const fix = finding.fixes.find((candidate) => title.test(candidate.title));
  assert.ok(fix, `a fix titled ${title}: ${finding.fixes.map((f) => f.title).join(' | ')}`);
  assert.equal(fix.safe, true);
  return applyPlanToNotebookText(notebookJson(cells), fix.plan);
}

describe('NH102: move the defining cell above the reading cell', () => {
  it('moves the cell that defines the name above the first read, and the notebook runs', async () => {
    const cells = ['import math', 'print(area(2))', '# helpers\ndef area(r):\n    return round(math.pi * r ** 2, 2)'];
    const before = notebookJson(cells);
    assert.match(run(before).stderr, /NameError: name 'area' is not defined/);
    const after = await fixedBy(cells, /^Move cell 3 above cell 2$/);
    assert.deepEqual(sources(after), [cells[0], cells[2], cells[1]]);
    assert.deepEqual(run(after), { ok: true, stdout: '12.57\n', stderr: '' });
    assert.deepEqual(await nh102(sources(after)), []);
  });

  it('without saved counts, moves the defining cell up (the finding is on the read)', async () => {
    const cells = ['x = 1', 'print(scale * x)', 'y = x + 1', 'scale = 10'];
    const after = await fixedBy(cells, /^Move cell 4 above cell 2$/);
    assert.deepEqual(run(after), { ok: true, stdout: '10\n', stderr: '' });
  });

  it('takes the saved execution order when both moves work', async () => {
    // The user ran cell 3, then cell 1, then cell 2: cell 3 above cell 1 gives that order.
    const ranDefinerFirst: CellSpec[] = [
      { source: 'print(total)', count: 2 },
      { source: 'n = 2', count: 3 },
      { source: 'total = 3', count: 1 },
    ];
    const after = await fixedBy(ranDefinerFirst, /^Move cell 3 above cell 1$/);
    assert.deepEqual(sources(after), ['total = 3', 'print(total)', 'n = 2']);
    // The user ran cells 2, 3, then 1: cell 1 below cell 3 gives that order.
    const ranReaderLast: CellSpec[] = [
      { source: 'print(total)', count: 5 },
      { source: 'n = 2', count: 1 },
      { source: 'total = 3', count: 2 },
    ];
    const afterHistory = await fixedBy(ranReaderLast, /^Move cell 1 below cell 3$/);
    assert.deepEqual(sources(afterHistory), ['n = 2', 'total = 3', 'print(total)']);
  });

  it('refuses with a reason on a cycle: no move of one cell makes both reads work', async () => {
    const [finding] = await nh102(['a = b + 1', 'b = a + 1']);
    assert.ok(finding);
    assert.deepEqual(
      finding.fixes.filter((fix) => fix.plan.cellOps),
      [],
    );
    assert.match(finding.fixRefusal ?? '', /cell 2 reads 'a' from cell 1 \(a cycle\)/);
  });

  it('does not move a cell past the cell it reads from', async () => {
    // Moving cell 3 above cell 1 would put its read of `k` above cell 2; moving cell 1 below cell 3 keeps every read.
    const cells = ['print(v)', 'k = 4', 'v = k * 2'];
    const [finding] = await nh102(cells);
    assert.deepEqual(
      finding!.fixes.filter((fix) => fix.plan.cellOps).map((fix) => fix.title),
      ['Move cell 1 below cell 3'],
    );
  });
});

describe('NH102: every cell at once (nborder-style reorder)', () => {
  it('one plan reorders every cell that reads too early, and the notebook runs', async () => {
    const cells = ['print(a + b)', 'c = 3', 'b = c + 2', 'a = 1'];
    const findings = await nh102(cells);
    assert.equal(findings.length, 2);
    const reorder = findings[0]!.fixes.find((fix) => fix.scope === 'notebook');
    assert.ok(reorder);
    assert.match(reorder.title, /^Reorder the cells so every name is defined before it is read \(\d moves?\)$/);
    const after = applyPlanToNotebookText(notebookJson(cells), reorder.plan);
    assert.equal(run(notebookJson(cells)).ok, false);
    assert.deepEqual(run(after), { ok: true, stdout: '6\n', stderr: '' });
    assert.deepEqual(await nh102(sources(after)), []);
    // Markdown cells stay where they were.
    const withMarkdown: CellSpec[] = [{ source: '# Title', type: 'markdown' }, ...cells.map((source) => ({ source }))];
    const result = (await testEngine()).check(notebookJson(withMarkdown), 'test.ipynb');
    const fix = result.findings.find((f) => f.code === 'NH102')!.fixes.find((f) => f.scope === 'notebook')!;
    assert.equal(sources(applyPlanToNotebookText(notebookJson(withMarkdown), fix.plan))[0], '# Title');
  });
});
