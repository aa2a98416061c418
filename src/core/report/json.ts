// `--format json`: the findings as the engine made them, for scripts and CI. The schema is documented in
// docs/json-schema.md; a breaking change bumps `version` (adding a field does not).
import type { Finding, Severity } from '../types';
import { countBySeverity, verdictOf, type Verdict } from './notebook-report';

/** One notebook that was checked, its path as printed (relative to the cwd when under it). */
export interface CheckedNotebook {
  path: string;
  findings: Finding[];
}

export interface UnreadableFile {
  path: string;
  message: string;
}

export interface Summary {
  notebooks: number;
  findings: number;
  errors: number;
  warnings: number;
  info: number;
  unreadable: number;
}

export interface JsonReport {
  version: 1;
  /** The verdict over every notebook: fail (an error), review (a warning), pass. */
  verdict: Verdict;
  notebooks: { path: string; verdict: Verdict; findings: Finding[] }[];
  unreadable: UnreadableFile[];
  summary: Summary;
}

export function summarizeFindings(reports: readonly CheckedNotebook[], unreadable: number): Summary {
  const summary: Summary = { notebooks: reports.length, findings: 0, errors: 0, warnings: 0, info: 0, unreadable };
  const key: Record<Severity, 'errors' | 'warnings' | 'info'> = { error: 'errors', warning: 'warnings', info: 'info' };
  for (const report of reports) {
    for (const finding of report.findings) {
      summary.findings++;
      summary[key[finding.severity]]++;
    }
  }
  return summary;
}

export function toJsonReport(reports: readonly CheckedNotebook[], unreadable: readonly UnreadableFile[]): JsonReport {
  const all = reports.flatMap((report) => report.findings);
  return {
    version: 1,
    verdict: unreadable.length > 0 ? 'fail' : verdictOf(countBySeverity(all)),
    notebooks: reports.map((report) => ({
      path: report.path,
      verdict: verdictOf(countBySeverity(report.findings)),
      findings: report.findings,
    })),
    unreadable: [...unreadable],
    summary: summarizeFindings(reports, unreadable.length),
  };
}

export function renderJson(reports: readonly CheckedNotebook[], unreadable: readonly UnreadableFile[]): string {
  return `${JSON.stringify(toJsonReport(reports, unreadable), null, 2)}\n`;
}
