// `--format markdown`: a summary to paste into a pull request (or write to $GITHUB_STEP_SUMMARY): one verdict line,
// a table of notebooks, the top findings with `cell N` links, and per-notebook details folded away. GitHub caps a
// description at 65,536 characters; the summary stays under MARKDOWN_LIMIT and says when it was cut.
import { SEVERITY_ORDER } from '../types';
import { truncateText } from './escape';
import { countsText, VERDICT_LABEL } from './html';
import type { NotebookReport, ReportFinding, Verdict } from './notebook-report';
import type { WorkspaceReport } from './workspace';

export const MARKDOWN_LIMIT = 65_000;
const TOP_FINDINGS = 15;
const MESSAGE_MAX = 300;

const VERDICT_ICON: Record<Verdict, string> = { pass: '✅', review: '⚠️', fail: '❌' };
const SEVERITY_ICON: Record<string, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

export interface MarkdownOptions {
  /** Prefix for links to notebooks, e.g. `https://github.com/o/r/blob/<sha>/`; '' links relative to the repository. */
  linkBase?: string;
  /** The cap, in characters (default MARKDOWN_LIMIT). */
  maxLength?: number;
}

/** Text as text in GitHub markdown (and in a table cell): no markup, no HTML, no line break. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/:(\/\/)/g, '&#58;$1');
}

function linkTarget(base: string, path: string): string {
  return `${base}${path.split('/').map(encodeURIComponent).join('/')}`;
}

function verdictCell(verdict: Verdict): string {
  return `${VERDICT_ICON[verdict]} ${VERDICT_LABEL[verdict]}`;
}

function findingLine(report: NotebookReport, finding: ReportFinding, base: string): string {
  const where =
    finding.cellIndex === null
      ? `line ${finding.line}`
      : `[cell ${finding.cellIndex + 1}](${linkTarget(base, report.path)}) line ${finding.line}`;
  return `${SEVERITY_ICON[finding.severity]} ${escapeMarkdown(report.path)} ${where}: [${finding.code}](${finding.docsUrl}) ${escapeMarkdown(truncateText(finding.message, MESSAGE_MAX))}`;
}

function notebookDetails(report: NotebookReport, base: string): string {
  const families = report.families
    .map(
      (family) =>
        `| ${escapeMarkdown(family.title)} | ${verdictCell(family.verdict)} | ${family.counts.error} | ${family.counts.warning} | ${family.counts.info} |`,
    )
    .join('\n');
  const findings = report.families.flatMap((family) => family.findings);
  const rows = findings
    .map((finding) => {
      const where =
        finding.cellIndex === null
          ? `${finding.line}:${finding.column}`
          : `[cell ${finding.cellIndex + 1}](${linkTarget(base, report.path)}):${finding.line}:${finding.column}`;
      return `| ${SEVERITY_ICON[finding.severity]} | ${where} | [${finding.code}](${finding.docsUrl}) | ${escapeMarkdown(truncateText(finding.message, MESSAGE_MAX))} | ${finding.fixAvailable ? 'yes' : ''} |`;
    })
    .join('\n');
  const { cells } = report;
  return `<details><summary>${VERDICT_ICON[report.verdict]} <code>${escapeMarkdown(report.path).replace(/\\/g, '')}</code>: ${VERDICT_LABEL[report.verdict]} (${countsText(report.counts)})</summary>

${cells.code} code cells, ${cells.markdown} markdown, ${cells.executed} executed, ${cells.outOfOrder} out of order, ${cells.withErrors} with errors.

| Family | Verdict | Errors | Warnings | Info |
|---|---|--:|--:|--:|
${families}
${findings.length > 0 ? `\n| | Where | Code | Message | Fix |\n|---|---|---|---|---|\n${rows}\n` : ''}
</details>
`;
}

export function renderMarkdown(workspace: WorkspaceReport, options: MarkdownOptions = {}): string {
  const base = options.linkBase ?? '';
  const limit = options.maxLength ?? MARKDOWN_LIMIT;
  const n = workspace.notebooks.length;
  const head = `## ${VERDICT_ICON[workspace.verdict]} nbhygiene: ${VERDICT_LABEL[workspace.verdict]}: ${countsText(workspace.counts)} in ${n} notebook${n === 1 ? '' : 's'}\n\n`;
  const table = [
    '| Notebook | Verdict | Errors | Warnings | Info | Fixable |',
    '|---|---|--:|--:|--:|--:|',
    ...workspace.notebooks.map(
      (report) =>
        `| [${escapeMarkdown(report.path)}](${linkTarget(base, report.path)}) | ${verdictCell(report.verdict)} | ${report.counts.error} | ${report.counts.warning} | ${report.counts.info} | ${report.fixable} |`,
    ),
    ...workspace.unreadable.map(
      (item) => `| ${escapeMarkdown(item.path)} | ❌ Unreadable: ${escapeMarkdown(item.message)} | | | | |`,
    ),
  ];
  const all = workspace.notebooks.flatMap((report) =>
    report.families.flatMap((family) => family.findings.map((finding) => ({ report, finding }))),
  );
  all.sort((a, b) => SEVERITY_ORDER[b.finding.severity] - SEVERITY_ORDER[a.finding.severity]);
  const top = all.slice(0, TOP_FINDINGS);
  const topSection =
    top.length === 0
      ? ''
      : `\n### Top findings\n\n${top.map(({ report, finding }) => `- ${findingLine(report, finding, base)}`).join('\n')}\n${all.length > top.length ? `\n…and ${all.length - top.length} more.\n` : ''}`;
  const pieces = [
    head,
    ...table.map((line) => `${line}\n`),
    topSection,
    '\n### Details\n\n',
    ...workspace.notebooks.map((report) => `${notebookDetails(report, base)}\n`),
  ];
  const footer = '\n<sub>Generated by nbhygiene.</sub>\n';
  let out = '';
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k]!;
    const note = `\n> [!NOTE]\n> Truncated to stay under ${limit.toLocaleString('en-US')} characters: ${pieces.length - k} more part(s) left out. Run \`nbhygiene check --format html\` for the full report.\n`;
    if (out.length + piece.length + footer.length + note.length > limit) {
      return `${out}${note}${footer}`;
    }
    out += piece;
  }
  return `${out}${footer}`;
}
