// "Suppress CODE in this cell" in a real VS Code (code-server), then a save: the cell gains the tag
// `nbhygiene-ignore:CODE` and keeps its execution count, in the editor and in the saved .ipynb, so the execution-order
// findings (NH101, NH104, NH105) are the same before and after, in the Problems panel and from the CLI on the saved
// file. A text edit (the old pragma comment) made VS Code drop the count and the saved file lost it.
// Needs `bash test/e2e/setup.sh` (npm run test:e2e).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  FIXTURES,
  REPO,
  applyQuickFix,
  openFile,
  revealProblem,
  screenshot,
  startEditor,
  waitFor,
  waitForProblems,
  type EditorSession,
} from './harness';
import { packageNbhygiene } from './package';

const FIXTURE = join(FIXTURES, 'suppress');
const UNDEFINED = "name 'scale' is defined nowhere in the notebook";
const OUT_OF_ORDER = 'cell ran out of order: execution count [2] is lower than [3] of cell 3 above it';
const ORDER_MESSAGE = /ran out of order|only after this cell ran|never ran|kernel session/;

/** The Problems panel's execution-order rows: message, then source, code and position. */
function orderRows(text: string): string[] {
  const lines = text.split('\n');
  return lines.flatMap((line, index) => (ORDER_MESSAGE.test(line) ? [lines.slice(index, index + 4).join(' | ')] : []));
}

interface CliFinding {
  code: string;
  cellIndex: number | null;
  message: string;
  range: { start: { line: number; character: number } };
}

/** `nbhygiene check --format json` on one notebook, run in its folder so its pyproject.toml applies. */
function cliFindings(folder: string, notebook: string): CliFinding[] {
  const result = spawnSync(
    process.execPath,
    [join(REPO, 'dist', 'cli.js'), 'check', notebook, '--format', 'json', '--no-cache', '--exit-zero'],
    { cwd: folder, encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { notebooks: { findings: CliFinding[] }[] };
  return report.notebooks[0]!.findings;
}

function orderFindings(findings: CliFinding[]): string[] {
  return findings
    .filter((finding) => /^NH10[145]$/.test(finding.code))
    .map((f) => `${f.code} cell ${f.cellIndex} ${f.range.start.line}:${f.range.start.character} ${f.message}`);
}

describe('"Suppress in this cell" in a real VS Code', { timeout: 300_000 }, () => {
  let session: EditorSession | undefined;
  let page: Page;

  before(async () => {
    session = await startEditor(packageNbhygiene(), FIXTURE);
    page = session.page;
  });

  after(() => session?.close());

  it('tags the cell, and after a save the execution-order findings are the same in the editor and the CLI', async () => {
    const saved = join(session!.workspace, 'circle.ipynb');
    const cliBefore = cliFindings(FIXTURE, 'circle.ipynb');
    assert.deepEqual(
      cliBefore.map((finding) => finding.code),
      ['NH103', 'NH101', 'NH104'],
    );

    await openFile(page, 'circle.ipynb');
    const shown = await waitForProblems(
      page,
      (t) => t.includes(UNDEFINED) && t.includes(OUT_OF_ORDER) && t.includes('only after this cell ran'),
    );
    const rowsBefore = orderRows(shown);
    assert.equal(rowsBefore.length, 2, shown);
    assert.deepEqual(await revealProblem(page, UNDEFINED), { cell: 3, cells: 4 });
    await applyQuickFix(page, 'Suppress NH103 in this cell');
    const suppressed = await waitForProblems(page, (t) => !t.includes(UNDEFINED) && t.includes(OUT_OF_ORDER));
    assert.deepEqual(orderRows(suppressed), rowsBefore);

    // Saved as a user saves, from the cell: the file gets the tag and keeps the cell's count.
    await page.keyboard.press('Control+s');
    // Waits for the suppression of either form (tag or comment) so that a lost count is what fails, not the wait.
    const notebook = await waitFor('the saved file to carry the suppression', () => {
      const text = readFileSync(saved, 'utf8');
      return text.includes('NH103') ? (JSON.parse(text) as { cells: Record<string, unknown>[] }) : undefined;
    });
    const cell = notebook.cells[2]!;
    assert.equal(cell.execution_count, 3);
    assert.deepEqual((cell.metadata as { tags?: string[] }).tags, ['nbhygiene-ignore:NH103']);
    assert.deepEqual(cell.source, ['radius = 2\n', 'print(scale)']);

    const afterSave = await waitForProblems(page, (t) => !t.includes(UNDEFINED) && t.includes(OUT_OF_ORDER));
    assert.deepEqual(orderRows(afterSave), rowsBefore);
    await screenshot(page, 'suppress-in-cell-saved');

    const cliAfter = cliFindings(session!.workspace, 'circle.ipynb');
    assert.deepEqual(
      cliAfter.map((finding) => finding.code),
      ['NH101', 'NH104'],
    );
    assert.deepEqual(orderFindings(cliAfter), orderFindings(cliBefore));
  });
});
