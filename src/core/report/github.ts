// `--format github`: workflow commands GitHub Actions turns into annotations on the pull request's files.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { ruleInfo } from '../rules/registry';
import type { Severity } from '../types';
import type { CheckedNotebook, UnreadableFile } from './json';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** The message part: %, CR and LF are escaped so one finding stays one command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (file=, title=): also ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One `::warning file=nb.ipynb,line=2,col=5,title=NH102 used-before-defined::cell 3: message` per finding. The
 * line and column are the cell's (the message names the cell); whole-notebook findings point into the file.
 */
export function renderGithub(reports: readonly CheckedNotebook[], unreadable: readonly UnreadableFile[] = []): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const finding of report.findings) {
      const name = ruleInfo(finding.code)?.name;
      const props = [
        `file=${escapeProperty(report.path)}`,
        `line=${finding.range.start.line + 1}`,
        `col=${finding.range.start.character + 1}`,
        `title=${escapeProperty(name ? `${finding.code} ${name}` : finding.code)}`,
      ].join(',');
      const where = finding.cellIndex === null ? '' : `cell ${finding.cellIndex + 1}: `;
      lines.push(`::${COMMAND[finding.severity]} ${props}::${escapeData(`${where}${finding.message}`)}`);
    }
  }
  for (const item of unreadable)
    lines.push(`::error file=${escapeProperty(item.path)}::${escapeData(`cannot read: ${item.message}`)}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
