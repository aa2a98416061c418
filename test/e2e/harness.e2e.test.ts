// Proves the real-editor harness with a probe extension (test/e2e/fixtures/probe-extension): packaged with vsce,
// installed in code-server, a notebook opened in chromium, its diagnostic found in the Problems panel on the
// right cell, and its webview's content read through the frames. Needs `bash test/e2e/setup.sh` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  FIXTURES,
  frameWith,
  openFile,
  packageExtension,
  problemsText,
  revealProblem,
  runCommand,
  screenshot,
  startEditor,
  waitForProblems,
  webviewFrame,
  type EditorSession,
} from './harness';

describe('e2e harness with the probe extension', { timeout: 180_000 }, () => {
  let session: EditorSession | undefined;
  let page: Page;

  before(async () => {
    session = await startEditor(packageExtension(join(FIXTURES, 'probe-extension')), join(FIXTURES, 'workspace'));
    page = session.page;
  });

  after(() => session?.close());

  it('lists the probe diagnostic of the notebook in the Problems panel, on cell 3', async () => {
    await openFile(page, 'messy.ipynb');
    await screenshot(page, 'harness-1-notebook');
    const text = await waitForProblems(page, (t) => t.includes('NH102'));
    await screenshot(page, 'harness-2-problems');
    // The panel names the notebook file and the line within the cell; it never names the cell.
    assert.match(text, /^messy\.ipynb\n1\n/);
    assert.match(
      text,
      /probe: hidden_state is read before the cell that defines it\nnbhygiene-probe\nNH102\n\[Ln 2, Col 9\]/,
    );
    assert.equal(text.match(/NH102/g)?.length, 1, `exactly one problem expected:\n${text}`);
    assert.deepEqual(await revealProblem(page, 'NH102'), { cell: 3, cells: 4 });
  });

  it('runs the probe command and reads its webview through the frames', async () => {
    await runCommand(page, 'Probe: Show Report');
    const frame = await webviewFrame(page, frameWith('#probe-title'));
    assert.equal(await frame.locator('#probe-title').innerText(), 'Probe report');
    assert.equal(await frame.locator('#probe-count').innerText(), 'diagnostics: 1');
    await screenshot(page, 'harness-3-webview');
    // The report opened beside the notebook; the Problems panel still shows the same single entry.
    assert.match(await problemsText(page), /NH102/);
  });
});
