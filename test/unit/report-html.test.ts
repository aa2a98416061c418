// The report's HTML: notebook text shows as text, the CSP allows only our nonce'd script, families and counts add up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderNotebookReportHtml, type ReportAssets } from '../../src/core/report/html';
import { buildNotebookReport } from '../../src/core/report/notebook-report';
import { check } from '../helpers/notebook';

const WEBVIEW: ReportAssets = {
  kind: 'webview',
  cspSource: 'vscode-resource:',
  nonce: 'n0nce',
  styleUris: ['report.css'],
  scriptUri: 'report.js',
  state: { notebookUri: 'file:///a.ipynb' },
};

async function reportFor(cells: Parameters<typeof check>[0]) {
  const result = await check(cells);
  return buildNotebookReport('nb.ipynb', result.notebook, result.findings);
}

describe('report HTML', () => {
  it('shows hostile cell text as text: no script, style or image element comes from the notebook', async () => {
    const html = renderNotebookReportHtml(
      await reportFor([
        '<script>document.title = "pwned"</script>',
        '</style><img src=x onerror="alert(1)">',
        'x = "{{7*7}}" + javascript',
      ]),
      WEBVIEW,
    );
    assert.equal(html.match(/<script/g)?.length, 1, 'only the report’s own script tag');
    assert.match(html, /<script nonce="n0nce" src="report.js"><\/script>/);
    assert.ok(!html.includes('<img'), 'no image element');
    assert.ok(!html.includes('</style><'), 'the style closer stays text');
    assert.match(html, /&lt;script&gt;document\.title = &quot;pwned&quot;&lt;\/script&gt;/);
    assert.match(html, /&lt;\/style&gt;&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/);
  });

  it('sets a CSP with default-src none and only the nonce for scripts', async () => {
    const html = renderNotebookReportHtml(await reportFor(['x = 1']), WEBVIEW);
    assert.match(
      html,
      /Content-Security-Policy" content="default-src 'none'; style-src vscode-resource:; font-src vscode-resource:; img-src vscode-resource: data:; script-src 'nonce-n0nce'"/,
    );
  });

  it('embeds the panel state for restoring after a reload, escaped', async () => {
    const html = renderNotebookReportHtml(await reportFor(['x = 1']), WEBVIEW);
    assert.match(html, /<body data-webview-state="\{&quot;notebookUri&quot;:&quot;file:\/\/\/a\.ipynb&quot;\}">/);
  });

  it('groups findings by family with a verdict and makes cell findings clickable', async () => {
    const report = await reportFor([
      { source: 'print(y)', count: 2 },
      { source: 'y = 1', count: 1 },
    ]);
    assert.equal(report.verdict, 'fail');
    const hidden = report.families.find((family) => family.family === 'hidden-state')!;
    assert.deepEqual(hidden.counts, { error: 1, warning: 1, info: 0 }); // NH102 and NH101
    const html = renderNotebookReportHtml(report, WEBVIEW);
    assert.match(
      html,
      /<tr class="finding severity-error" data-cell="0" data-range="0,6,0,7" tabindex="0" role="button"/,
    );
    assert.match(html, /cell 1:1:7/);
  });

  it('a standalone report inlines its CSS and carries no script at all', async () => {
    const html = renderNotebookReportHtml(await reportFor(['print(ghost)']), { kind: 'standalone', css: 'body{}' });
    assert.ok(!html.includes('<script'));
    assert.match(html, /<style>body\{\}<\/style>/);
  });
});
