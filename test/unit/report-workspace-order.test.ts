// The report reads worst first: notebooks that are not ready on top, paths relative to the folder they share, and
// a run of identical findings on successive cells as one row ("cells 12–25").
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { stackLabels } from '../../src/core/report/graph-svg';
import { groupRuns, runLabel } from '../../src/core/report/group-runs';
import { renderNotebookReportHtml, renderWorkspaceReportHtml } from '../../src/core/report/html';
import { countByRule } from '../../src/core/report/rule-chart-svg';
import { buildNotebookReport } from '../../src/core/report/notebook-report';
import { buildWorkspaceReport, commonFolder } from '../../src/core/report/workspace';
import { rangeOf, type Finding, type Severity } from '../../src/core/types';

function finding(code: string, severity: Severity, cellIndex: number, message = 'm'): Finding {
  return { code, severity, message, notebook: 'n', cellIndex, range: rangeOf(0, 0, 0, 1), related: [], fixes: [] };
}

it('lists the notebooks that are not ready first, then the ones to review, relative to their shared folder', () => {
  const report = (path: string, findings: Finding[]) => buildNotebookReport(path, null, findings);
  const workspace = buildWorkspaceReport([
    report('/w/a/clean.ipynb', []),
    report('/w/b/review.ipynb', [finding('NH203', 'warning', 0)]),
    report('/w/a/broken.ipynb', [finding('NH004', 'error', 0)]),
    report('/w/b/review-more.ipynb', [finding('NH203', 'warning', 0), finding('NH204', 'warning', 1)]),
  ]);
  assert.deepEqual(
    workspace.notebooks.map((nb) => nb.path),
    ['a/broken.ipynb', 'b/review-more.ipynb', 'b/review.ipynb', 'a/clean.ipynb'],
  );
  assert.equal(workspace.root, '/w');
});

it('keeps paths that are already relative as they are', () => {
  assert.equal(commonFolder(['a/x.ipynb', '/w/y.ipynb']), null);
  assert.equal(commonFolder(['/x.ipynb', '/y/z.ipynb']), null);
  assert.equal(commonFolder(['/w/p/x.ipynb', '/w/p/y.ipynb']), '/w/p');
});

it('shows fourteen identical findings on successive cells as one row, "cells 12–25"', () => {
  const findings = [
    finding('NH105', 'info', 3, 'other'),
    ...Array.from({ length: 14 }, (_, k) => finding('NH105', 'info', 11 + k, 'cell never ran')),
  ];
  const report = buildNotebookReport('n.ipynb', null, findings);
  const runs = groupRuns(report.families.flatMap((family) => family.findings));
  assert.deepEqual(
    runs.map((run) => run.cells.length),
    [1, 14],
  );
  assert.equal(runLabel(runs[1]!.cells), 'cells 12–25');
  assert.equal(runLabel([2, 4, 8]), 'cells 3, 5, 9');
  const html = renderNotebookReportHtml(report, { kind: 'standalone', css: '' });
  assert.equal(html.match(/<tr class="finding/g)?.length, 2);
  assert.match(html, /<td class="where">cells 12–25<\/td>/);
});

it('gives a finding with a fix a Fix button in the editor, and only a mark in a file', () => {
  const fixable: Finding = {
    ...finding('NH202', 'warning', 1),
    fixes: [{ title: 'Use %pip', safe: true, isPreferred: true, plan: { cellEdits: [], fileEdits: [] } }],
  };
  const report = buildNotebookReport('n.ipynb', null, [fixable]);
  const webview = renderNotebookReportHtml(report, {
    kind: 'webview',
    cspSource: 'x',
    nonce: 'n',
    styleUris: [],
    scriptUri: 's',
  });
  assert.match(webview, /<button class="fix-button" data-code="NH202"/);
  assert.doesNotMatch(renderNotebookReportHtml(report, { kind: 'standalone', css: '' }), /<button/);
});

it('stacks edge labels that would share a line of the graph, keeping the others at their arrow', () => {
  assert.deepEqual(stackLabels([50, 50, 52, 100]), [54, 67, 80, 104]);
});

it('counts findings per family for each notebook and charts the findings by rule, most first', () => {
  const report = (path: string, findings: Finding[]) => buildNotebookReport(path, null, findings);
  const workspace = buildWorkspaceReport([
    report('a.ipynb', [finding('NH203', 'warning', 0), finding('NH203', 'warning', 1), finding('NH102', 'error', 2)]),
    report('b.ipynb', [finding('NH203', 'warning', 0)]),
  ]);
  assert.deepEqual(
    countByRule(workspace.notebooks).map((count) => [count.code, count.findings, count.notebooks]),
    [
      ['NH203', 3, 2],
      ['NH102', 1, 1],
    ],
  );
  const html = renderWorkspaceReportHtml(workspace, { kind: 'standalone', css: '' });
  assert.match(html, /<th title="Dependencies: findings">Dependencies<\/th>/);
  const rowA = /<tr class="verdict-fail" data-path="a.ipynb">[\s\S]*?<\/tr>/.exec(html)![0];
  assert.match(rowA, /<td class="num family-count verdict-review">2<\/td>/);
  assert.match(html, /<svg class="nh-rules"[\s\S]*NH203[\s\S]*3 in 2 notebooks[\s\S]*NH102/);
});
