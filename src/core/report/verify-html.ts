// The "Verify" section of a notebook's HTML report: each code cell's verdict from a fresh run in a scratch kernel,
// what differed or failed, and the findings that explain it. Present only when a verification was run.
import type { VerifyReport } from '../verify/verify-notebook';
import { whatHappened } from '../verify/format-verify';
import { escapeHtml } from './escape';

const VERDICT_CLASS = { reproduced: 'pass', 'not-run-before': 'pass', differs: 'review', fails: 'fail' } as const;
const VERDICT_LABEL = {
  reproduced: 'Reproduced',
  'not-run-before': 'Not run before',
  differs: 'Differs',
  fails: 'Fails',
} as const;

function detail(cell: VerifyReport['cells'][number]): string {
  if (cell.verdict === 'reproduced' && cell.run.status === 'ok') return '';
  if (cell.verdict === 'not-run-before') return '';
  const explanations = cell.explanations
    .map(
      (explanation) =>
        `<li>${escapeHtml(explanation.reason)}, by <strong>${escapeHtml(explanation.code)}</strong> (${explanation.cellIndex === cell.cellIndex ? '' : `cell ${explanation.cellIndex + 1}, `}line ${explanation.line}): ${escapeHtml(explanation.message)}</li>`,
    )
    .join('');
  const after = cell.afterFailureOf !== undefined ? `<li>after cell ${cell.afterFailureOf + 1} failed</li>` : '';
  const list = explanations || after ? `<ul class="explanations">${explanations}${after}</ul>` : '';
  return `${escapeHtml(whatHappened(cell))}${list}`;
}

export function renderVerifySection(report: VerifyReport): string {
  const { counts } = report;
  const rows = report.cells
    .map(
      (cell) => `<tr class="verdict-${VERDICT_CLASS[cell.verdict]}">
<td class="num">${cell.cellIndex + 1}</td>
<td><code>${escapeHtml(cell.firstLine)}</code></td>
<td><span class="verdict-badge">${VERDICT_LABEL[cell.verdict]}</span></td>
<td>${detail(cell)}</td>
</tr>`,
    )
    .join('\n');
  const stopped = report.stopped ? `<p>The run stopped early: ${escapeHtml(report.stopped)}</p>` : '';
  const mode =
    report.mode === 'exec' ? '<p>IPython is not installed there: magics and !commands were skipped.</p>' : '';
  return `<section class="verify">
<h2>Verify: Restart &amp; Run All in a scratch kernel</h2>
<p class="verdict verdict-${report.passed ? 'pass' : 'fail'}"><strong>${report.passed ? 'Reproduced' : 'Not reproduced'}</strong>: ${counts.reproduced} reproduced, ${counts.differs} differing, ${counts.fails} failing, ${counts['not-run-before']} not run before</p>
${stopped}${mode}
<table class="verify-cells"><thead><tr><th>Cell</th><th>First line</th><th>Verdict</th><th>What happened</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`;
}
