// The CLI faces of the report: `check --format ...`, `nbhygiene report`, `nbhygiene fix`, and the corpus figure.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCliCapturing, tempFolder } from '../helpers/cli-fixtures';
import { unifiedDiff } from '../../src/cli/commands/fix';
import { escapeHtml } from '../../src/core/report/escape';
import { commonFolder } from '../../src/core/report/workspace';
import { measureCorpusReport } from '../bench/report-bench';
import { notebookJson } from '../helpers/notebook';

const folder = (files: Record<string, string>): string => tempFolder({ '.git': '', ...files });

const MESSY = notebookJson([
  { source: '%pip install pandas==2.2.2\nimport pandas as pd\nprint(y)', count: 2 },
  { source: 'y = 1', count: 1 },
]);
const SHELL = notebookJson([{ source: '!pip install requests==2.32.3\nimport requests', count: 1 }]);

describe('nbhygiene check --format', () => {
  for (const [format, pattern] of [
    ['sarif', /"version": "2\.1\.0"/],
    ['github', /^::error file=a\.ipynb,line=3,col=7,title=NH102 used-before-defined::cell 1: /m],
    ['markdown', /^## ❌ nbhygiene: Not ready: 1 error, 1 warning in 1 notebook$/m],
    ['html', /<svg class="nh-graph"/],
    ['json', /"verdict": "fail"/],
  ] as const) {
    it(`${format}`, async () => {
      const root = folder({ 'a.ipynb': MESSY, 'requirements.txt': 'pandas==2.2.2\n' });
      const run = await runCliCapturing(['check', 'a.ipynb', '--format', format], root);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, pattern);
    });
  }

  it('--format html --output writes one self-contained file with the dependency table', async () => {
    const root = folder({ 'a.ipynb': MESSY, 'requirements.txt': 'pandas==2.2.2\n' });
    const run = await runCliCapturing(['check', 'a.ipynb', '--format', 'html', '--output', 'out.html'], root);
    assert.equal(run.stdout, '');
    const html = readFileSync(join(root, 'out.html'), 'utf8');
    assert.match(
      html,
      /<td class="module">pandas<\/td>\n<td>pandas<\/td>\n<td>import name<\/td>\n<td>requirements\.txt, %pip in cell 1<\/td>\n<td class="pinned-yes">yes<\/td>\n<td>2\.2\.2<\/td>/,
    );
    assert.ok(!/<(link|img|iframe)\b/.test(html) && !/src="http/.test(html), 'nothing loaded from elsewhere');
  });

  it('rejects an unknown format', async () => {
    const run = await runCliCapturing(['check', '.', '--format', 'xml'], folder({}));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--format must be one of text, json, sarif, github, markdown, html/);
  });
});

describe('nbhygiene report', () => {
  it('writes the workspace report: a sortable table linking to each notebook', async () => {
    const root = folder({ 'a.ipynb': MESSY, 'b.ipynb': notebookJson(['x = 1']) });
    const run = await runCliCapturing(['report', '.', '--output', 'report.html'], root);
    assert.equal(run.code, 0, run.stderr);
    const html = readFileSync(join(root, 'report.html'), 'utf8');
    assert.match(html, /<table class="notebooks" data-sortable="true">/);
    assert.match(html, /<a href="#nb-1">a\.ipynb<\/a>/);
    assert.match(html, /<article class="notebook" id="nb-2" data-path="b\.ipynb">/);
    assert.match(html, /script-src 'sha256-[A-Za-z0-9+/=]+'/);
  });
});

describe('nbhygiene fix', () => {
  it('--diff shows the safe fixes and writes nothing', async () => {
    const root = folder({ 'a.ipynb': SHELL, 'requirements.txt': 'requests==2.32.3\n' });
    const run = await runCliCapturing(['fix', 'a.ipynb', '--diff'], root);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^--- a\/a\.ipynb\n\+\+\+ b\/a\.ipynb\n@@ /);
    assert.match(run.stdout, /^-.*"!pip install requests==2\.32\.3/m);
    assert.match(run.stdout, /^\+.*"%pip install requests==2\.32\.3/m);
    assert.equal(readFileSync(join(root, 'a.ipynb'), 'utf8'), SHELL);
  });

  it('applies them, writing each file once with no temporary file left', async () => {
    const root = folder({ 'a.ipynb': SHELL, 'requirements.txt': 'requests==2.32.3\n' });
    const run = await runCliCapturing(['fix', 'a.ipynb'], root);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /fixed a\.ipynb:cell 1: NH202/);
    assert.match(readFileSync(join(root, 'a.ipynb'), 'utf8'), /%pip install requests==2\.32\.3/);
    assert.deepEqual(
      readdirSync(root).filter((name) => name.includes('.tmp')),
      [],
    );
    const again = await runCliCapturing(['fix', 'a.ipynb'], root);
    assert.match(again.stderr, /Applied 0 fixes/);
  });

  it('a unified diff of two texts', () => {
    assert.equal(unifiedDiff('f', 'a\nb\nc\n', 'a\nB\nc\n'), '--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n \n');
    assert.equal(unifiedDiff('f', 'same', 'same'), '');
  });
});

// Its speed (under 2 s) is held by `npm run bench:report`, not by a timed test.
describe('the workspace report of the public corpus', () => {
  it('is one page with a section for every notebook', async () => {
    const { notebooks, html } = await measureCorpusReport();
    assert.ok(notebooks.length >= 100, `${notebooks.length} notebooks`);
    // Paths are relative to the folder the notebooks share.
    const root = commonFolder(notebooks);
    const shown = (path: string) => (root === null ? path : path.slice(root.length + 1));
    const missing = notebooks.filter((path) => !html.includes(escapeHtml(shown(path))));
    assert.deepEqual(missing, []);
  });
});
