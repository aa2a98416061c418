// Verify Notebook as a user sees it in a real VS Code (code-server): the command runs the notebook in a scratch
// kernel (Debian's python3 on the PATH, no Python extension installed), the failing cell gets a diagnostic naming the
// NameError and the NH102 finding that predicted it, the report panel shows the Verify section, and the workspace
// folder is left as it was. Needs `bash test/e2e/setup.sh` (npm run test:e2e).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import {
  FIXTURES,
  openFile,
  revealProblem,
  runCommand,
  screenshot,
  startEditor,
  waitFor,
  waitForProblems,
  webviewFrame,
  blankWebviewOfOurs,
  openWebview,
  type EditorSession,
} from './harness';
import { packageNbhygiene } from './package';

const VERIFY = 'nbhygiene: Verify Notebook (Restart & Run All in a scratch kernel)';

/** The report panel's Verify section; when code-server left the panel blank (see blankWebviewOfOurs), runs Verify again. */
async function verifySection(page: Page): Promise<Frame> {
  const hasSection = async (frame: Frame) => (await frame.locator('section.verify').count()) > 0;
  try {
    return await webviewFrame(page, hasSection, 90_000);
  } catch (error) {
    if (!blankWebviewOfOurs(page)) throw error;
    return openWebview(page, {
      open: async () => {
        await page
          .locator('.tabs-container .tab', { hasText: 'nbhygiene: prices.ipynb' })
          .locator('.codicon-close')
          .click();
        await runCommand(page, VERIFY);
      },
      predicate: hasSection,
      tab: 'nbhygiene: prices.ipynb',
      timeoutMs: 90_000,
    });
  }
}

describe('Verify Notebook in a real VS Code', { timeout: 300_000 }, () => {
  let session: EditorSession | undefined;
  let page: Page;

  before(async () => {
    session = await startEditor(packageNbhygiene(), join(FIXTURES, 'verify'));
    page = session.page;
  });

  after(() => session?.close());

  it('runs the notebook in a scratch kernel and puts the NameError NH102 predicted on the failing cell', async () => {
    await openFile(page, 'prices.ipynb');
    await waitForProblems(page, (t) => t.includes("name 'rate' is used before it is defined"));
    await runCommand(page, VERIFY);
    const text = await waitForProblems(page, (t) => t.includes('Verify: fails'), 90_000);
    assert.match(
      text,
      /Verify: fails: NameError: name 'rate' is not defined \(NameError predicted, by NH102\)\nnbhygiene verify/,
    );
    // The diagnostic is on the cell that failed: cell 3 (the markdown cell counts), not the one defining `rate`.
    assert.deepEqual(await revealProblem(page, 'Verify: fails'), { cell: 3, cells: 5 });
    // The summary notification (a toast, or in the notification centre once the toast has timed out).
    await runCommand(page, 'Notifications: Show Notifications');
    const centre = page.locator('.notifications-center');
    await waitFor(
      'the summary notification',
      async () =>
        /prices\.ipynb did not reproduce: 3 reproduced, 0 differing, 1 failing, 0 not run before/.test(
          await centre.innerText({ timeout: 1_000 }),
        ),
      {
        describe: async () =>
          `notifications: ${await page.locator('.notifications-center, .notifications-toasts').allInnerTexts()}\n${await screenshot(page, 'verify-notification-timeout')}`,
      },
    );
    await screenshot(page, 'verify-notebook-problems');
  });

  it('shows each cell’s verdict in the report panel’s Verify section', async () => {
    const frame = await verifySection(page);
    const rows = frame.locator('section.verify tbody tr');
    assert.equal(await rows.count(), 4);
    const failing = rows.nth(1);
    assert.match(
      await failing.innerText(),
      /^3\s+print\(sum\(prices\) \* rate\)\s+FAILS\s+NameError: name 'rate' is not defined/i,
    );
    assert.match(await failing.innerText(), /NameError predicted, by NH102/);
    assert.match(await rows.nth(3).innerText(), /REPRODUCED/i);
    await screenshot(page, 'verify-notebook-report');
  });

  it('left the workspace folder as it was (the run wrote summary.txt in its scratch copy only)', () => {
    assert.deepEqual(readdirSync(session!.workspace).sort(), ['prices.ipynb']);
  });
});
