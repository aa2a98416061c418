// Golden files for every renderer on fixture notebooks: the exact output is reviewed once, then kept. Regenerate
// with `UPDATE_GOLDEN=1 npm test` and review the diff. Only the NH0-NH2 rules and their families are rendered, so
// rules other people add later do not move these files.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, mergeConfig } from '../../src/core/config/config';
import { createReportAnalyser } from '../../src/core/report/analyse';
import { renderGithub } from '../../src/core/report/github';
import { renderNotebookReportHtml, renderWorkspaceReportHtml } from '../../src/core/report/html';
import { renderJson } from '../../src/core/report/json';
import { renderMarkdown } from '../../src/core/report/markdown';
import { buildNotebookReport, type NotebookReport } from '../../src/core/report/notebook-report';
import { toSarif } from '../../src/core/report/sarif';
import { buildWorkspaceReport } from '../../src/core/report/workspace';
import type { Finding } from '../../src/core/types';
import { testEngine, testParser } from '../helpers/notebook';

const GOLDEN = join(process.cwd(), 'test', 'golden');
const CONFIG = mergeConfig(DEFAULT_CONFIG, { select: ['NH0', 'NH1', 'NH2'] });
const FAMILIES = new Set(['notebook', 'hidden-state', 'dependencies']);
const FIXTURES = [
  'examples/messy-analysis.ipynb',
  'examples/clean-pipeline.ipynb',
  'test/fixtures/cli/out-of-order.ipynb',
];

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`wrote missing golden file ${name}; review it and run again`);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs from its golden file (UPDATE_GOLDEN=1 to accept)`);
}

async function checked(path: string): Promise<{ path: string; findings: Finding[]; report: NotebookReport }> {
  const engine = await testEngine();
  const analyser = createReportAnalyser(await testParser());
  const result = engine.check(readFileSync(path, 'utf8'), path, CONFIG, null);
  const report = buildNotebookReport(path, result.notebook, result.findings, {
    model: result.notebook ? analyser(result.notebook) : null,
    project: null,
  });
  return {
    path,
    findings: result.findings,
    report: { ...report, families: report.families.filter((family) => FAMILIES.has(family.family)) },
  };
}

const STANDALONE = { kind: 'standalone', css: '/* report.css */' } as const;
const slug = (path: string) =>
  path
    .split('/')
    .pop()!
    .replace(/\.ipynb$/, '');

describe('report renderers: golden files', () => {
  for (const fixture of FIXTURES) {
    it(`html, markdown, sarif, json and github for ${fixture}`, async () => {
      const { path, findings, report } = await checked(fixture);
      const name = slug(fixture);
      golden(`${name}.html`, renderNotebookReportHtml(report, STANDALONE));
      golden(`${name}.md`, renderMarkdown(buildWorkspaceReport([report])));
      const sarif = toSarif([{ path, findings }], [], { toolVersion: '0.0.0-test' });
      // The rule table follows the registry (others add rules): the golden keeps the rules these results use.
      const driver = sarif.runs[0]!.tool.driver;
      const used = new Set(sarif.runs[0]!.results.map((result) => result.ruleId));
      const stable = {
        ...sarif,
        runs: [
          {
            ...sarif.runs[0]!,
            tool: { driver: { ...driver, rules: driver.rules.filter((rule) => used.has(rule.id)) } },
            results: sarif.runs[0]!.results.map(({ ruleIndex: _index, ...rest }) => rest),
          },
        ],
      };
      golden(`${name}.sarif`, `${JSON.stringify(stable, null, 2)}\n`);
      golden(`${name}.json`, renderJson([{ path, findings }], []));
      golden(`${name}.github.txt`, renderGithub([{ path, findings }]));
    });
  }

  it('the workspace report of all the fixtures, in html and markdown', async () => {
    const reports = await Promise.all(FIXTURES.map(async (fixture) => (await checked(fixture)).report));
    const workspace = buildWorkspaceReport(reports, [{ path: 'missing.ipynb', message: 'ENOENT' }]);
    golden('workspace.html', renderWorkspaceReportHtml(workspace, STANDALONE));
    golden('workspace.md', renderMarkdown(workspace, { linkBase: 'https://github.com/o/r/blob/abc123/' }));
  });
});
