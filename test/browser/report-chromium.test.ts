// The HTML report of a real corpus notebook in headless chromium (Debian's `chromium`, driven by playwright-core):
// it renders in light and dark, logs no console error (a CSP violation would be one), sends no request beyond the
// file itself, and sorts its tables. Screenshots go to .cache/report-screenshots/ (ignored by git). Runs in
// `npm test` (as `npm run test:browser`); a missing chromium fails with a clear message.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { buildWorkspaceFromChecked, checkWorkspace } from '../../src/cli/commands/report';
import { standaloneAssets } from '../../src/cli/format-report';
import { nodeIO } from '../../src/cli/run';
import { renderNotebookReportHtml, renderWorkspaceReportHtml } from '../../src/core/report/html';
import { CORPUS_NOTEBOOKS } from '../helpers/corpus';

const NOTEBOOK = join(
  CORPUS_NOTEBOOKS,
  'karpathy__nn-zero-to-hero',
  'lectures__makemore__makemore_part1_bigrams.ipynb',
);
const OUT = join(process.cwd(), '.cache', 'report-screenshots');
const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => !!path,
);

function chromiumPath(): string {
  const found = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `chromium not found (looked at ${CHROMIUM_CANDIDATES.join(', ')}): install it with 'apt-get install -y chromium' or set CHROMIUM_PATH`,
    );
  }
  return found;
}

async function writeReports(): Promise<{ single: string; workspace: string }> {
  const io = { ...nodeIO(), writeStderr: () => {} };
  const { checked, unreadable } = await checkWorkspace(
    [NOTEBOOK, join(CORPUS_NOTEBOOKS, 'karpathy__nn-zero-to-hero')],
    io,
  );
  const workspace = buildWorkspaceFromChecked(checked, unreadable);
  const assets = standaloneAssets();
  const report = workspace.notebooks.find((item) => item.path.endsWith('makemore_part1_bigrams.ipynb'))!;
  mkdirSync(OUT, { recursive: true });
  const single = join(OUT, 'report.html');
  const all = join(OUT, 'workspace.html');
  writeFileSync(single, renderNotebookReportHtml(report, assets));
  writeFileSync(all, renderWorkspaceReportHtml(workspace, assets));
  return { single, workspace: all };
}

describe('the HTML report in headless chromium', () => {
  let browser: Browser;
  let files: { single: string; workspace: string };

  before(async () => {
    files = await writeReports();
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`renders a corpus notebook's report in ${colorScheme}: no console error, no request leaves the page`, async () => {
      const context = await browser.newContext({
        colorScheme,
        viewport: { width: 1100, height: 800 },
        javaScriptEnabled: true,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => requests.push(request.url()));
      const url = pathToFileURL(files.single).href;
      await page.goto(url, { waitUntil: 'load' });
      assert.match(await page.locator('header h1').innerText(), /makemore_part1_bigrams\.ipynb/);
      assert.ok((await page.locator('section.family[data-family="hidden-state"] tr.finding[data-cell]').count()) > 0);
      assert.equal(await page.locator('svg.nh-chart').count(), 1);
      assert.equal(await page.locator('svg.nh-graph').count(), 1);
      // As laid out by chromium: every edge label right of every arrow, no two labels on each other, the legend
      // inside the picture.
      const layout = await page.evaluate<{
        arrowsRight: number;
        labels: number[][];
        legendRight: number;
        width: number;
      }>(
        `(() => {
          const svg = document.querySelector('svg.nh-graph');
          const box = (e) => e.getBBox();
          const arrows = [...svg.querySelectorAll('.edge path')].map(box);
          const labels = [...svg.querySelectorAll('.edge text')].map(box).map((b) => [b.x, b.y, b.x + b.width, b.y + b.height]);
          const legend = [...svg.querySelectorAll('.legend text')].map(box);
          return {
            arrowsRight: Math.max(...arrows.map((b) => b.x + b.width)),
            labels,
            legendRight: Math.max(...legend.map((b) => b.x + b.width)),
            width: svg.viewBox.baseVal.width,
          };
        })()`,
      );
      assert.ok(layout.labels.length > 1, 'the graph has labelled edges');
      for (const [x] of layout.labels) assert.ok(x > layout.arrowsRight, `a label at x=${x} lies on an arrow`);
      const byTop = [...layout.labels].sort((p, q) => p[1]! - q[1]!);
      for (let k = 1; k < byTop.length; k++)
        assert.ok(byTop[k]![1]! >= byTop[k - 1]![3]! - 0.5, `labels ${k - 1} and ${k} overlap`);
      assert.ok(layout.legendRight <= layout.width, `legend ends at ${layout.legendRight}, picture is ${layout.width}`);
      assert.ok(
        (await page.locator('svg.nh-chart line.segment.broken').count()) > 0,
        'the out-of-order run shows as a broken segment',
      );
      const background = await page.locator('body').evaluate(
        (body) =>
          (
            body.ownerDocument.defaultView as unknown as {
              getComputedStyle(element: unknown): { backgroundColor: string };
            }
          ).getComputedStyle(body).backgroundColor,
      );
      assert.equal(background, colorScheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
      await page.screenshot({ path: join(OUT, `report-${colorScheme}.png`), fullPage: false });
      assert.deepEqual(errors, []);
      assert.deepEqual(requests, [url]);
      await context.close();
    });
  }

  it('the workspace report sorts its table by a click, with no console error and no request', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(files.workspace).href;
    await page.goto(url, { waitUntil: 'load' });
    const errorsColumn = () => page.locator('table.notebooks tbody tr td:nth-child(3)').allInnerTexts();
    await page.locator('table.notebooks th', { hasText: 'Errors' }).click();
    await page.locator('table.notebooks th', { hasText: 'Errors' }).click();
    const counts = (await errorsColumn()).map(Number);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
      'sorted by errors, descending',
    );
    await page.screenshot({ path: join(OUT, 'workspace-light.png') });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [url]);
    await context.close();
  });
});
