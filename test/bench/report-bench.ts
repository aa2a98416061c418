// `npm run bench:report`: the whole public corpus (../shared/corpus/notebooks) to one workspace report. Checking is
// timed apart (it builds each notebook's dataflow model too, which the report draws); the figure that must stay
// under 2 s is the report: the report models (dependency tables, graphs, charts) and the HTML.
import { performance } from 'node:perf_hooks';
import { renderWorkspaceReportHtml } from '../../src/core/report/html';
import { buildWorkspaceFromChecked, checkWorkspace } from '../../src/cli/commands/report';
import { standaloneAssets } from '../../src/cli/format-report';
import { nodeIO } from '../../src/cli/run';
import { CORPUS_NOTEBOOKS } from '../helpers/corpus';

export const REPORT_BUDGET_MS = 2_000;

export async function measureCorpusReport(): Promise<{
  notebooks: string[];
  checkMs: number;
  reportMs: number;
  html: string;
}> {
  const io = { ...nodeIO(), writeStderr: () => {} };
  let start = performance.now();
  const { checked, unreadable } = await checkWorkspace([CORPUS_NOTEBOOKS], io);
  const checkMs = performance.now() - start;
  const assets = standaloneAssets();
  start = performance.now();
  const html = renderWorkspaceReportHtml(buildWorkspaceFromChecked(checked, unreadable), assets);
  const reportMs = performance.now() - start;
  return { notebooks: checked.map((file) => file.path), checkMs, reportMs, html };
}

if (process.argv[1]?.endsWith('report-bench.ts')) {
  measureCorpusReport().then((result) => {
    console.log(
      `workspace report of ${result.notebooks.length} corpus notebooks: report ${result.reportMs.toFixed(0)} ms (budget ${REPORT_BUDGET_MS} ms), ` +
        `check ${result.checkMs.toFixed(0)} ms, total ${(result.checkMs + result.reportMs).toFixed(0)} ms, ${(result.html.length / 1e6).toFixed(1)} MB of HTML`,
    );
    if (result.reportMs > REPORT_BUDGET_MS) process.exitCode = 1;
  });
}
