// A verification as text, the way `check` prints findings: one line per cell, `path:cell N: verdict: what happened`,
// the findings that explain it indented below, then one summary line. The editor's output channel prints the same.
import type { CellVerdict, VerifiedCell, VerifyReport } from './verify-notebook';

const VERDICT_WORD: Record<CellVerdict, string> = {
  reproduced: 'reproduced',
  differs: 'differs',
  fails: 'fails',
  'not-run-before': 'not run before',
};

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** What happened in the run, in a few words, for a cell that did not reproduce. */
export function whatHappened(cell: VerifiedCell): string {
  if (cell.run.status === 'skipped') return `not run: ${cell.run.reason ?? 'the run stopped'}`;
  if (cell.run.status === 'timeout') return `timed out: ${cell.run.error?.evalue ?? cell.run.reason ?? ''}`;
  if (cell.run.status === 'error' && cell.run.error) {
    return oneLine(`${cell.run.error.ename}: ${cell.run.error.evalue}`);
  }
  return cell.differences.map((difference) => oneLine(difference.message)).join('; ');
}

export function formatVerifiedCell(path: string, cell: VerifiedCell): string {
  const head = `${path}:cell ${cell.cellIndex + 1}: ${VERDICT_WORD[cell.verdict]}`;
  if (cell.verdict === 'not-run-before' || (cell.verdict === 'reproduced' && cell.run.status === 'ok')) {
    return `${head}  (${cell.firstLine})`;
  }
  const lines = [`${head}: ${whatHappened(cell)}`];
  for (const explanation of cell.explanations) {
    lines.push(
      `    ${explanation.reason}, by ${explanation.code} (cell ${explanation.cellIndex + 1}:${explanation.line}): ${oneLine(explanation.message)}`,
    );
  }
  if (cell.afterFailureOf !== undefined) lines.push(`    after cell ${cell.afterFailureOf + 1} failed`);
  return lines.join('\n');
}

export function formatVerifySummary(report: VerifyReport): string {
  const { counts } = report;
  const parts = [
    `${counts.reproduced} reproduced`,
    `${counts.differs} differing`,
    `${counts.fails} failing`,
    `${counts['not-run-before']} not run before`,
  ];
  const verdict = report.passed ? 'Reproduced' : 'Not reproduced';
  return `${verdict}: ${report.notebook}: ${parts.join(', ')}.`;
}

export function formatVerifyText(report: VerifyReport, path: string = report.notebook): string {
  const lines = report.cells.map((cell) => formatVerifiedCell(path, cell));
  if (report.mode === 'exec') lines.push('Note: IPython is not installed there: magics and !commands were skipped.');
  if (report.stopped) lines.push(`The run stopped early: ${report.stopped}`);
  lines.push(formatVerifySummary({ ...report, notebook: path }));
  return `${lines.join('\n')}\n`;
}
