// Hostile notebook text in every renderer: markup stays text, links stay harmless, long lines and emoji survive, RTL
// text is kept, and templating braces mean nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReportAnalyser } from '../../src/core/report/analyse';
import { escapeData, renderGithub } from '../../src/core/report/github';
import { renderNotebookReportHtml, renderWorkspaceReportHtml } from '../../src/core/report/html';
import { renderJson } from '../../src/core/report/json';
import { escapeMarkdown, MARKDOWN_LIMIT, renderMarkdown } from '../../src/core/report/markdown';
import { buildNotebookReport } from '../../src/core/report/notebook-report';
import { renderSarif } from '../../src/core/report/sarif';
import { buildWorkspaceReport } from '../../src/core/report/workspace';
import type { Finding } from '../../src/core/types';
import { notebookJson, testEngine, testParser } from '../helpers/notebook';

const LONG = 'x'.repeat(20_000);
const HOSTILE = [
  '<script>alert(1)</script>',
  '</style><img src=x onerror=alert(2)>',
  '[click](javascript:alert(3))',
  '<a href="javascript:alert(4)">a</a>',
  '{{constructor.constructor("alert(5)")()}}',
  '| col | ` tick ** bold ** ~~s~~',
  '🧪🐍 emoji 👩‍💻',
  'שלום עולם مرحبا',
  LONG,
].join('\n');
const PATH = 'nb/<script>x</script>.ipynb';

function finding(message: string, cellIndex: number | null = 0): Finding {
  return {
    code: 'NH103',
    severity: 'error',
    message,
    notebook: PATH,
    cellIndex,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
    related: [],
    fixes: [],
  };
}

async function hostileReport() {
  const engine = await testEngine();
  const source =
    `${HOSTILE.replace(LONG, `s = "${LONG}"`)}`
      .split('\n')
      .map((line) => `# ${line}`)
      .join('\n') + '\nprint(undefined_name)';
  const text = notebookJson([
    { source, count: 2 },
    { source: '# </style><script>alert(6)</script>\ny = 1', count: 1 },
    'print(y)',
  ]);
  const result = engine.check(text, PATH);
  const analyser = createReportAnalyser(await testParser());
  const findings = [...result.findings, finding(HOSTILE)];
  return {
    findings,
    report: buildNotebookReport(PATH, result.notebook, findings, { model: analyser(result.notebook!), project: null }),
  };
}

describe('hostile notebook text in the reports', () => {
  it('html (webview and file): no element, attribute or link comes from the notebook', async () => {
    const { report } = await hostileReport();
    for (const html of [
      renderNotebookReportHtml(report, { kind: 'standalone', css: '' }),
      renderWorkspaceReportHtml(buildWorkspaceReport([report]), { kind: 'standalone', css: '' }),
      renderNotebookReportHtml(report, {
        kind: 'webview',
        cspSource: 'vscode:',
        nonce: 'N',
        styleUris: [],
        scriptUri: 'r.js',
      }),
    ]) {
      assert.equal((html.match(/<script/g) ?? []).length, html.includes('nonce="N"') ? 1 : 0);
      assert.ok(!/<img/i.test(html));
      assert.ok(!/href="javascript:/i.test(html));
      assert.ok(!html.includes('</style><'));
      assert.equal((html.match(/<\/style>/g) ?? []).length, html.includes('<style>') ? 1 : 0);
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(html.includes('{{constructor.constructor(&quot;alert(5)&quot;)()}}'));
      assert.ok(html.includes('🧪🐍 emoji 👩‍💻'));
      assert.ok(html.includes('שלום עולם مرحبا'));
      assert.ok(html.includes('nb/&lt;script&gt;x&lt;/script&gt;.ipynb'));
      assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(html), 'no lone surrogate');
    }
  });

  it('the cell dependency graph shows cell text escaped, with its alt text', async () => {
    const { report } = await hostileReport();
    const html = renderNotebookReportHtml(report, { kind: 'standalone', css: '' });
    assert.match(html, /<svg class="nh-graph"[^>]*role="img" aria-labelledby="graph-title graph-desc"/);
    assert.match(html, /<svg class="nh-chart"[^>]*role="img"/);
    assert.match(
      html,
      /<desc id="exec-desc">Execution-order chart: 2 of 3 code cells ran, out of order at cell 2\.<\/desc>/,
    );
    assert.ok(html.includes('# &lt;/style&gt;&lt;script&gt;alert(6)&lt;/scrip…'));
  });

  it('markdown: no HTML, no table break, no live javascript: link, long lines cut, under the cap', async () => {
    const { report } = await hostileReport();
    const md = renderMarkdown(buildWorkspaceReport([report]));
    assert.ok(!md.includes('<script'), 'md check 1');
    assert.ok(!md.includes('<img'), 'md check 2');
    assert.ok(!/(?<!\\)\]\(javascript:/.test(md), 'the link brackets are escaped');
    assert.ok(!md.includes('{{constructor') || md.includes('{{constructor.constructor("alert(5)")()}}'), 'md check 3');
    assert.ok(md.includes('🧪🐍 emoji 👩‍💻'), 'md check 4');
    assert.ok(md.includes('שלום עולם مرحبا'), 'md check 5');
    assert.ok(!md.includes(LONG), 'a 20,000-character line is cut');
    assert.ok(md.length < MARKDOWN_LIMIT);
    for (const line of md.split('\n').filter((row) => row.startsWith('| ') && row.includes('NH103'))) {
      const cells = line.replace(/\\\|/g, '').split('|').length - 2;
      assert.equal(cells, 5, `one finding row keeps its 5 columns: ${line.slice(0, 120)}`);
    }
    assert.equal(escapeMarkdown('a|b\nc<d>'), 'a\\|b c&lt;d&gt;');
  });

  it('markdown stays under 65,000 characters and says it was cut', () => {
    const many = Array.from({ length: 400 }, (_, k) =>
      buildNotebookReport(
        `nb${k}.ipynb`,
        null,
        Array.from({ length: 30 }, () => finding(`${'long message '.repeat(20)} ${k}`)),
      ),
    );
    const md = renderMarkdown(buildWorkspaceReport(many));
    assert.ok(md.length <= MARKDOWN_LIMIT, `${md.length}`);
    assert.match(md, /Truncated to stay under 65,000 characters/);
    assert.ok(md.trimEnd().endsWith('<sub>Generated by nbhygiene.</sub>'));
    const small = renderMarkdown(buildWorkspaceReport(many), { maxLength: 2_000 });
    assert.ok(small.length <= 2_000);
  });

  it('json, sarif and github keep the text exactly, one annotation per line', async () => {
    const { findings } = await hostileReport();
    const json = JSON.parse(renderJson([{ path: PATH, findings }], []));
    assert.equal(json.notebooks[0].findings.at(-1).message, HOSTILE);
    const sarif = JSON.parse(renderSarif([{ path: PATH, findings }], [], { toolVersion: '1.0.0' }));
    assert.equal(sarif.runs[0].results.at(-1).message.text, `cell 1: ${HOSTILE}`);
    assert.equal(
      sarif.runs[0].results.at(-1).locations[0].physicalLocation.artifactLocation.uri,
      'nb/%3Cscript%3Ex%3C/script%3E.ipynb',
    );
    const github = renderGithub([{ path: 'a,b:c.ipynb', findings: [finding('50% done\nnext line')] }]);
    assert.equal(
      github,
      '::error file=a%2Cb%3Ac.ipynb,line=1,col=1,title=NH103 undefined-name::cell 1: 50%25 done%0Anext line\n',
    );
    assert.equal(escapeData('\r\n%'), '%0D%0A%25');
  });
});
