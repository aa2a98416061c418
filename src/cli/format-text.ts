// ruff-style text: one line per finding, `path:cell 3:2:5: NH102 message`, then one summary line.
// The shapes are the JSON report's, so the text and JSON outputs count the same things.
import { summarizeFindings, type CheckedNotebook, type Summary, type UnreadableFile } from '../core/report/json';
import type { Finding, Severity } from '../core/types';

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  cyan: '\x1b[36m',
  green: '\x1b[32m',
};
const SEVERITY_COLOUR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue };

type Paint = (text: string, ...styles: string[]) => string;

function painter(colours: boolean): Paint {
  return colours ? (text, ...styles) => `${styles.join('')}${text}${ANSI.reset}` : (text) => text;
}

/**
 * Cell findings: `path:cell N:line:col` with N the 1-based index among all cells (markdown too, as VS Code
 * counts them) and line:col 1-based within the cell. Whole-notebook findings: `path:line:col` in the file.
 */
export function formatLocation(path: string, finding: Finding): string {
  const line = finding.range.start.line + 1;
  const column = finding.range.start.character + 1;
  return finding.cellIndex === null
    ? `${path}:${line}:${column}`
    : `${path}:cell ${finding.cellIndex + 1}:${line}:${column}`;
}

export function formatFinding(path: string, finding: Finding, colours = false): string {
  const paint = painter(colours);
  const location = formatLocation(path, finding);
  // One finding, one line: tools that grep the output rely on it.
  const message = finding.message.replace(/\s*\n\s*/g, ' ');
  const where = colours ? `${paint(path, ANSI.bold)}${paint(location.slice(path.length), ANSI.cyan)}` : location;
  return `${where}: ${paint(finding.code, ANSI.bold, SEVERITY_COLOUR[finding.severity])} ${message}`;
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "Found 12 findings (2 errors, 8 warnings, 2 info) in 3 notebooks." where 3 is how many were checked. */
export function formatSummary(summary: Summary, colours = false): string {
  const paint = painter(colours);
  const notebooks = count(summary.notebooks, 'notebook');
  const unreadable = summary.unreadable > 0 ? ` ${count(summary.unreadable, 'file')} could not be read.` : '';
  if (summary.findings === 0) {
    return summary.unreadable > 0
      ? `No findings in ${notebooks}.${unreadable}`
      : `${paint('All checks passed!', ANSI.green, ANSI.bold)} (${notebooks})`;
  }
  const parts = [
    summary.errors > 0 ? count(summary.errors, 'error') : null,
    summary.warnings > 0 ? count(summary.warnings, 'warning') : null,
    summary.info > 0 ? `${summary.info} info` : null,
  ].filter((part): part is string => part !== null);
  return `Found ${count(summary.findings, 'finding')} (${parts.join(', ')}) in ${notebooks}.${unreadable}`;
}

export function formatText(
  reports: readonly CheckedNotebook[],
  unreadable: readonly UnreadableFile[],
  colours: boolean,
): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const finding of report.findings) lines.push(formatFinding(report.path, finding, colours));
  }
  lines.push(formatSummary(summarizeFindings(reports, unreadable.length), colours));
  return `${lines.join('\n')}\n`;
}
