// Fixes that act on the notebook as a notebook, in a real VS Code (code-server): NH102's "Move cell 4 above cell 3"
// moves the cell with its outputs and count and one Ctrl+Z puts it back; NH401's seed cell appears after the imports;
// a suppression comment followed by a save leaves the execution-order findings as they were, in the editor and in the
// CLI. Needs `bash test/e2e/setup.sh` (npm run test:e2e).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  FIXTURES,
  REPO,
  openFile,
  revealProblem,
  screenshot,
  startEditor,
  waitFor,
  waitForProblems,
  type EditorSession,
} from './harness';

function packageNbhygiene(): string {
  const result = spawnSync('npm', ['run', 'package', '--silent'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}\n${result.stderr}`);
  return join(REPO, 'nbhygiene.vsix');
}

interface SavedCell {
  cell_type: string;
  execution_count?: number | null;
  outputs?: unknown[];
  source: string | string[];
}

function savedCells(path: string): SavedCell[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { cells: SavedCell[] }).cells;
}

function sourceOf(cell: SavedCell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** The code cells' texts as the notebook editor shows them, top to bottom (all cells of these small notebooks render). */
async function codeCellTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('.notebook-editor .code-cell-row .view-lines').allInnerTexts();
  return texts.map((text) => text.replace(/\u00a0/g, ' '));
}

/** Opens the lightbulb on the revealed problem and applies the quick fix titled `title`, moving down to it. */
async function applyQuickFix(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+.');
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  const rows = page.locator('.action-widget .monaco-list-row');
  await waitFor(`the quick fix menu to list "${title}"`, async () => (await rows.allInnerTexts()).includes(title));
  for (let presses = 0; presses < 10; presses++) {
    if ((await focused.innerText({ timeout: 1_000 }).catch(() => '')) === title) break;
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await focused.innerText(), title);
  await page.keyboard.press('Enter');
}

async function save(page: Page, path: string, before: string): Promise<void> {
  await page.keyboard.press('Control+s');
  await waitFor(`${path} to be saved`, () => readFileSync(path, 'utf8') !== before);
}

function cliCheck(path: string): string {
  const result = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', path, '--exit-zero'], {
    encoding: 'utf8',
  });
  return result.stdout;
}

describe('cell operations in a real VS Code', { timeout: 300_000 }, () => {
  let session: EditorSession | undefined;
  let page: Page;

  before(async () => {
    session = await startEditor(packageNbhygiene(), join(FIXTURES, 'cellops'));
    page = session.page;
  });

  after(() => session?.close());

  it('moves the defining cell above the read with the NH102 fix, keeping its count; one undo restores the order', async () => {
    const path = join(session!.workspace, 'move.ipynb');
    const original = readFileSync(path, 'utf8');
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

    await save(page, path, original);
    const moved = savedCells(path);
    assert.deepEqual(
      moved.map((cell) => [sourceOf(cell).split('\n')[0], cell.execution_count ?? null]),
      [
        ['# Areas', null],
        ['import math', 1],
        ['def area(r):', 2],
        ['print(area(2))', 3],
      ],
    );
    assert.equal(moved[3]!.outputs!.length, 1, 'the moved-past cell keeps its output');

    // One Ctrl+Z in the notebook (command mode) takes the whole move back.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await waitForProblems(page, (t) => t.includes("name 'area' is used before it is defined"));
    const texts = await codeCellTexts(page);
    assert.ok(texts[1]!.startsWith('print(area(2))') && texts[2]!.startsWith('def area'), texts.join(' | '));
    const movedText = readFileSync(path, 'utf8');
    await save(page, path, movedText);
    assert.deepEqual(savedCells(path).map(sourceOf), savedCells(join(FIXTURES, 'cellops', 'move.ipynb')).map(sourceOf));
    await screenshot(page, 'nh102-move-undone');
  });

  it('a suppression fix and a save leave the execution-order findings as they were, in the editor and the CLI', async () => {
    const path = join(session!.workspace, 'move.ipynb');
    const nh101 = 'cell ran out of order: execution count [2] is lower than [3] of cell 3 above it';
    const cliBefore = cliCheck(path)
      .split('\n')
      .filter((line) => line.includes('NH101'));
    assert.equal(cliBefore.length, 1, cliCheck(path));
    await waitForProblems(page, (t) => t.includes(nh101));
    await revealProblem(page, "name 'area'");
    await applyQuickFix(page, 'Suppress NH102 on this line');
    await waitForProblems(page, (t) => !t.includes("name 'area'") && t.includes(nh101));
    const before = readFileSync(path, 'utf8');
    await save(page, path, before);
    // Saved: the suppressed cell keeps its count [3] and output, so NH101 reads the same in the file.
    const saved = savedCells(path);
    assert.match(sourceOf(saved[2]!), /# nbhygiene: ignore\[NH102\]/);
    assert.deepEqual(
      saved.map((cell) => cell.execution_count ?? null),
      [null, 1, 3, 2],
    );
    const text = await waitForProblems(page, (t) => t.includes(nh101));
    assert.doesNotMatch(text, /never ran|NH105/);
    assert.deepEqual(
      cliCheck(path)
        .split('\n')
        .filter((line) => line.includes('NH101')),
      cliBefore,
    );
    await screenshot(page, 'suppression-saved-counts-kept');
  });

  it('adds the seed as a cell of its own after the imports with the NH401 fix', async () => {
    await openFile(page, 'seed.ipynb');
    await waitForProblems(page, (t) => t.includes('np.random.rand() draws random numbers'));
    assert.deepEqual(await revealProblem(page, 'np.random.rand()'), { cell: 2, cells: 2 });
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
