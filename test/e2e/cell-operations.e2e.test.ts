// Fixes that act on the notebook as a notebook, in a real VS Code (code-server): NH102's "Move cell 4 above cell 3"
// moves the cell with its count and one Ctrl+Z puts it back; NH401's seed cell appears after the imports; a suppression
// comment leaves the execution-order findings as they were. Needs `bash test/e2e/setup.sh` (npm run test:e2e).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  FIXTURES,
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

/** The code cells' texts as the visible notebook editor shows them, top to bottom (all cells of these small notebooks render). */
async function codeCellTexts(page: Page): Promise<string[]> {
  const editor = page.locator('.notebook-editor').filter({ visible: true });
  const texts = await editor.locator('.code-cell-row .view-lines').allInnerTexts();
  return texts.map((text) => text.replace(/\u00a0/g, ' '));
}

describe('cell operations in a real VS Code', { timeout: 300_000 }, () => {
  let session: EditorSession | undefined;
  let page: Page;

  before(async () => {
    session = await startEditor(packageNbhygiene(), join(FIXTURES, 'cellops'));
    page = session.page;
  });

  after(() => session?.close());

  it('moves the defining cell above the read with the NH102 fix; one undo restores the order', async () => {
    await openFile(page, 'move.ipynb');
    await waitForProblems(page, (t) => t.includes("name 'area' is used before it is defined"));
    assert.deepEqual(await revealProblem(page, "name 'area'"), { cell: 3, cells: 4 });
    await applyQuickFix(page, 'Move cell 4 above cell 3');
    await waitForProblems(page, (t) => t.includes('move.ipynb') && !t.includes("name 'area'"));
    await waitFor('the definition to sit above the print', async () => {
      const texts = await codeCellTexts(page);
      return texts.findIndex((t) => t.startsWith('def area')) === 1 && texts[2]?.startsWith('print(area(2))');
    });
    await screenshot(page, 'nh102-cell-moved');

    // One Ctrl+Z in the notebook (command mode) takes the whole move back.
    await page.locator('.notebook-editor .code-cell-row .view-lines').first().click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await waitForProblems(page, (t) => t.includes("name 'area' is used before it is defined"));
    await waitFor('the original order', async () => {
      const texts = await codeCellTexts(page);
      return texts[1]?.startsWith('print(area(2))') && texts[2]?.startsWith('def area');
    });
    await screenshot(page, 'nh102-move-undone');
  });

  it('a suppression fix leaves the execution-order findings as they were', async () => {
    const nh101 = 'cell ran out of order: execution count [2] is lower than [3] of cell 3 above it';
    await waitForProblems(page, (t) => t.includes(nh101) && t.includes("name 'area'"));
    await revealProblem(page, "name 'area'");
    await applyQuickFix(page, 'Suppress NH102 on this line');
    // VS Code drops the edited cell's count [3]; the editor keeps it for NH101, as the CLI reads the saved file.
    const text = await waitForProblems(page, (t) => !t.includes("name 'area'") && t.includes(nh101));
    assert.doesNotMatch(text, /never ran|NH105/);
    await screenshot(page, 'suppression-counts-kept');
  });

  it('adds the seed as a cell of its own after the imports with the NH401 fix', async () => {
    await openFile(page, 'seed.ipynb');
    await waitForProblems(page, (t) => t.includes('np.random.rand() draws random numbers'));
    // Opened from the Problems panel as a user does; the second notebook's list rows confuse revealProblem's focus
    // check, so the status bar says which cell took focus.
    await page
      .locator('.markers-panel .monaco-list-row[aria-level="2"]', { hasText: 'np.random.rand()' })
      .first()
      .click();
    await page.keyboard.press('Enter');
    await waitFor('cell 2 of seed.ipynb to take focus', async () =>
      /Cell 2 of 2/.test(await page.locator('[id="notebook.activeCellStatus"]').innerText()),
    );
    await applyQuickFix(page, 'Add a seed cell (SEED = 42 for numpy) after the imports in cell 1');
    await waitForProblems(page, (t) => !t.includes('np.random.rand() draws random numbers'));
    await waitFor('the seed cell between the import and the draw', async () => {
      const texts = await codeCellTexts(page);
      return (
        texts.length === 3 &&
        texts[0]!.startsWith('import numpy as np') &&
        texts[1]!.includes('np.random.seed(SEED)') &&
        texts[2]!.startsWith('x = np.random.rand(3)')
      );
    });
    await screenshot(page, 'nh401-seed-cell');
  });
});
