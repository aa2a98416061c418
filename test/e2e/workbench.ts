// Page-side helpers for the code-server 4.100.3 workbench: keyboard first (as a user works), every step waits
// for a condition with a timeout, and a failure says what was on screen (panel text, a screenshot path).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';

export const SCREENSHOTS = resolve(__dirname, 'screenshots');

/** Polls `probe` until it returns a truthy value; on timeout throws with `describe()` so the failure says what was seen. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: { timeoutMs?: number; intervalMs?: number; describe?: () => Promise<string> | string } = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 250 } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error; // frames detach and elements re-render while the workbench settles: keep polling
    }
    if (Date.now() >= deadline) break;
    await new Promise((done) => setTimeout(done, intervalMs));
  }
  const seen = options.describe ? `\n${await options.describe()}` : '';
  const cause = lastError ? `\nlast error: ${String(lastError)}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}${cause}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path });
  return path;
}

/** A screenshot for an error message; never throws, since it runs while another failure is being reported. */
async function shotNote(page: Page, name: string): Promise<string> {
  try {
    return `screenshot: ${await screenshot(page, name)}`;
  } catch (error) {
    return `(no screenshot: ${String(error)})`;
  }
}

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitFor('the workbench (.monaco-workbench) to show', () => page.locator('.monaco-workbench').isVisible(), {
    timeoutMs: 60_000,
    describe: () => shotNote(page, 'workbench-timeout'),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Quick Open and the Command Palette

const quickInput = (page: Page) => page.locator('.quick-input-widget');

/** Presses `key` until the quick input shows: right after load the workbench may not yet listen to keys. */
async function openQuickInput(page: Page, key: string): Promise<void> {
  // Its input must have focus and be shown: a widget still fading out after the last command is visible but takes
  // no keys, and one that closed again (focus taken back by an editor revealed late) keeps a focused, hidden input.
  const focusedInput = quickInput(page).locator('input:focus').filter({ visible: true });
  await waitFor(
    `${key} to open the quick input`,
    async () => {
      if ((await focusedInput.count()) > 0) return true;
      await page.keyboard.press(key);
      return focusedInput.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true);
    },
    { timeoutMs: 30_000, intervalMs: 0, describe: () => shotNote(page, 'quick-input-not-shown') },
  );
}

/**
 * Opens the quick input with `key` and types `typed` after what it holds (`>` for commands). If the widget closes
 * before the text is in (something else took the focus), it is opened again.
 */
async function typeIntoQuickInput(page: Page, key: string, typed: string): Promise<void> {
  // fill() focuses the input itself: keys typed while a webview still holds the focus would go into the webview.
  const box = quickInput(page).locator('input').first();
  await waitFor(
    `the quick input to take "${typed}"`,
    async () => {
      await openQuickInput(page, key);
      return box
        .fill(`${await box.inputValue()}${typed}`, { timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
    },
    { timeoutMs: 30_000, intervalMs: 0, describe: () => shotNote(page, 'quick-input-closed') },
  );
}

/** Waits until the focused (first) row of the open quick input passes `accept`, then presses Enter. */
async function pickFocusedRow(page: Page, what: string, accept: (rowText: string) => boolean): Promise<void> {
  const box = quickInput(page).locator('input').first();
  const focused = quickInput(page).locator('.quick-input-list .monaco-list-row.focused');
  await waitFor(what, async () => accept(await focused.first().innerText({ timeout: 1_000 })), {
    timeoutMs: 30_000,
    describe: async () =>
      `quick input rows:\n${await quickInput(page)
        .locator('.quick-input-list')
        .innerText()
        .catch(() => '')}\n${await shotNote(page, 'quick-input-timeout')}`,
  });
  const chosen = await box.inputValue();
  await page.keyboard.press('Enter');
  // The pick is taken when the widget closes, or when a command reuses it at once for its own question.
  await waitFor(
    `the quick input to take "${chosen}"`,
    async () => !(await quickInput(page).isVisible()) || (await box.inputValue({ timeout: 1_000 })) !== chosen,
    { timeoutMs: 10_000 },
  );
}

/** Opens a workspace file (a name or a relative path) through Quick Open (Ctrl+P) and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  const file = basename(name);
  await typeIntoQuickInput(page, 'Control+P', name);
  // Quick Open lists files found by ripgrep; a row reads the file name, then its folder on the next line.
  await pickFocusedRow(page, `Quick Open to offer ${name}`, (row) => row.split('\n')[0].trim() === file);
  await waitFor(
    `the tab of ${name} to be active`,
    () => page.locator('.tabs-container .tab.active', { hasText: file }).isVisible(),
    { timeoutMs: 30_000, describe: () => shotNote(page, `open-${name}-no-tab`) },
  );
  const ready = name.endsWith('.ipynb')
    ? // Cells render lazily after the tab: a code cell's editor (or a markdown cell) showing means the notebook is up.
      page.locator('.notebook-editor .code-cell-row .monaco-editor, .notebook-editor .markdown-cell-row')
    : page.locator('.editor-instance .monaco-editor');
  await waitFor(`the editor of ${name} to render`, () => ready.filter({ visible: true }).first().isVisible(), {
    timeoutMs: 60_000,
    describe: () => shotNote(page, `open-${name}-not-rendered`),
  });
}

/** Runs a command by the title the Command Palette shows (F1), e.g. "Probe: Show Report". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await typeIntoQuickInput(page, 'F1', title);
  // The row text is the title, then maybe a keybinding or "recently used" on the following lines.
  await pickFocusedRow(page, `the Command Palette to offer "${title}"`, (row) => row.split('\n')[0].trim() === title);
}

// ---------------------------------------------------------------------------------------------------------------
// Problems panel

const markersPanel = (page: Page) => page.locator('.markers-panel');

/**
 * Shows the Problems panel and returns its text: per file a line with the file name and the count, then per
 * problem its message, source, code and `[Ln L, Col C]` (line and column within the cell for notebooks).
 */
export async function problemsText(page: Page): Promise<string> {
  if (!(await markersPanel(page).isVisible())) {
    // Ctrl+Shift+M toggles the panel off when it already has focus, so it is pressed only while hidden.
    await page.keyboard.press('Control+Shift+M');
    await markersPanel(page).waitFor({ state: 'visible', timeout: 10_000 });
  }
  return markersPanel(page).innerText();
}

/** Polls the Problems panel until `predicate` holds for its text (diagnostics arrive late); returns that text. */
export async function waitForProblems(
  page: Page,
  predicate: (text: string) => boolean,
  timeoutMs = 60_000,
): Promise<string> {
  let last = '';
  return waitFor(
    'the Problems panel to match',
    async () => {
      last = await problemsText(page);
      return predicate(last) ? last : undefined;
    },
    { timeoutMs, describe: async () => `Problems panel text:\n${last}\n${await shotNote(page, 'problems-timeout')}` },
  );
}

/** A menu or hover left open (the lightbulb after an undo) blocks clicks elsewhere: close it as a user would. */
async function closeMenus(page: Page): Promise<void> {
  for (let tries = 0; tries < 3 && (await page.locator('.context-view-pointerBlock').count()) > 0; tries++) {
    await page.keyboard.press('Escape');
  }
}

/** Opens the lightbulb on the revealed problem and applies the quick fix titled `title`, moving down to it. */
export async function applyQuickFix(page: Page, title: string): Promise<void> {
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

export interface RevealedCell {
  /** 1-based position of the cell in the notebook, markdown cells included, as the status bar counts. */
  cell: number;
  cells: number;
}

/**
 * Opens the first problem whose row contains `match` (as a user double-clicks it) and returns the notebook cell
 * that got focus. The Problems panel names only the notebook file, not the cell, so this is how a test learns
 * which cell a diagnostic is on.
 */
export async function revealProblem(page: Page, match: string | RegExp): Promise<RevealedCell> {
  await closeMenus(page);
  await problemsText(page);
  // aria-level 1 rows are files, 2 are problems.
  const row = markersPanel(page).locator('.monaco-list-row[aria-level="2"]', { hasText: match }).first();
  await row.click({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  return waitFor(
    `the cell of the problem matching ${match} to take focus`,
    async () => {
      // Focus leaves the panel for the cell's editor only once the reveal happened, so a stale status is never read.
      if ((await page.locator('.notebook-editor .cell-editor-container:focus-within').count()) === 0) return undefined;
      const status = /Cell (\d+) of (\d+)/.exec(
        await page.locator('[id="notebook.activeCellStatus"]').innerText({ timeout: 1_000 }),
      );
      const focusedRow = page.locator('.notebook-editor .monaco-list-row.focused').filter({ visible: true }).first();
      if (!status || (await focusedRow.getAttribute('aria-posinset', { timeout: 1_000 })) !== status[1])
        return undefined;
      return { cell: Number(status[1]), cells: Number(status[2]) };
    },
    {
      timeoutMs: 15_000,
      describe: async () =>
        `Problems panel text:\n${await markersPanel(page).innerText()}\n${await shotNote(page, 'reveal-problem-timeout')}`,
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Webviews

/**
 * Finds the frame for which `predicate` holds. A webview's HTML lives two iframes deep (iframe.webview, then its
 * #active-frame); page.frames() lists nested frames too, so no path through them is needed.
 */
export async function webviewFrame(
  page: Page,
  predicate: (frame: Frame) => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<Frame> {
  return waitFor(
    'a webview frame to match',
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame() || frame.isDetached()) continue;
        if (await predicate(frame).catch(() => false)) return frame;
      }
      return undefined;
    },
    {
      timeoutMs,
      describe: async () =>
        `frames:\n  ${page
          .frames()
          .map((f) => f.url())
          .join('\n  ')}\n${await shotNote(page, 'webview-timeout')}`,
    },
  );
}

/** A `webviewFrame` predicate: the frame's document contains `selector`. */
export function frameWith(selector: string): (frame: Frame) => Promise<boolean> {
  return async (frame) => (await frame.locator(selector).count()) > 0;
}

/**
 * True when a webview of nbhygiene's is on the page but its content frame was never created. code-server serves every
 * webview from one origin, so two webviews loading at once (a notebook's output renderer and a report panel) register
 * their service workers against one scope, and now and then one of them waits for its controller forever (console:
 * "Found unexpected service worker controller ... Waiting for controllerchange"): 2 window reloads in 8 here.
 */
export function blankWebviewOfOurs(page: Page): boolean {
  const ours = page.frames().filter((frame) => frame.url().includes('extensionId=nbhygiene.nbhygiene'));
  return ours.some((frame) => frame.childFrames().length === 0);
}

/**
 * Runs `open` (a command that shows a panel of ours) and returns the panel's frame. When the panel stayed blank through
 * code-server's race above, its tab is closed and `open` run again (up to three times); any other failure throws at once.
 */
export async function openWebview(
  page: Page,
  options: {
    open: () => Promise<void>;
    predicate: (frame: Frame) => Promise<boolean>;
    /** Text of the panel's tab, to close it when it stayed blank. */
    tab: string;
    timeoutMs?: number;
  },
): Promise<Frame> {
  for (let attempt = 1; ; attempt++) {
    await options.open();
    try {
      return await webviewFrame(page, options.predicate, options.timeoutMs ?? 30_000);
    } catch (error) {
      if (attempt === 3 || !blankWebviewOfOurs(page)) throw error;
      await page.locator('.tabs-container .tab', { hasText: options.tab }).locator('.codicon-close').first().click();
    }
  }
}
