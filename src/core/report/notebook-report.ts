// The report of one notebook as plain data: the webview, the CLI's HTML/Markdown/SARIF writers and the tests read it.
import type { NotebookModel } from '../analysis/notebook-model';
import type { ProjectContext } from '../deps/project';
import type { Notebook } from '../notebook/notebook';
import { familyTitle, RULES, ruleDocsUrl, ruleInfo, type RuleFamily } from '../rules/registry';
import type { Finding, Range, Severity } from '../types';
import type { VerifyReport } from '../verify/verify-notebook';
import { buildDependencyTable, type DependencyRow } from './dependency-table';
import { buildExecutionPoints, type ExecutionPoint } from './execution-chart-svg';
import { buildCellGraph, type CellGraph } from './graph-svg';

export type Verdict = 'pass' | 'review' | 'fail';

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export interface ReportFinding {
  code: string;
  name: string;
  family: RuleFamily;
  severity: Severity;
  message: string;
  /** 0-based; null for findings about the whole file. */
  cellIndex: number | null;
  /** "cell 3" (1-based, as users count) or "notebook". */
  where: string;
  /** 1-based line and column within the cell (or the file). */
  line: number;
  column: number;
  range: Range;
  fixAvailable: boolean;
  docsUrl: string;
}

export interface FamilyReport {
  family: RuleFamily;
  title: string;
  verdict: Verdict;
  counts: SeverityCounts;
  findings: ReportFinding[];
}

export interface CellStatistics {
  code: number;
  markdown: number;
  executed: number;
  outOfOrder: number;
  withErrors: number;
}

export interface NotebookReport {
  path: string;
  verdict: Verdict;
  counts: SeverityCounts;
  families: FamilyReport[];
  cells: CellStatistics;
  /** Findings with at least one fix. */
  fixable: number;
  /** One point per code cell, in notebook order (the execution-order chart). */
  execution: ExecutionPoint[];
  /** Third-party and other imports with how they resolved and where they are declared; null without the model. */
  dependencies: DependencyRow[] | null;
  /** Which cell feeds which; null without the model. */
  graph: CellGraph | null;
  /** A fresh run's verdicts (`nbhygiene verify --format html`, the editor's Verify Notebook); absent otherwise. */
  verify?: VerifyReport;
}

/** What a report can show beyond the findings: the editor and the CLI pass them when they have them. */
export interface ReportExtras {
  /** The cross-cell dataflow (the cell dependency graph and the dependency table need it). */
  model?: NotebookModel | null;
  /** Manifests, locks and the installed environment around the notebook (declared where, pinned, version). */
  project?: ProjectContext | null;
}

export function countBySeverity(findings: readonly { severity: Severity }[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Errors fail, warnings ask for a review, info alone passes. */
export function verdictOf(counts: SeverityCounts): Verdict {
  if (counts.error > 0) return 'fail';
  if (counts.warning > 0) return 'review';
  return 'pass';
}

function toReportFinding(finding: Finding): ReportFinding {
  const info = ruleInfo(finding.code);
  return {
    code: finding.code,
    name: info?.name ?? finding.code,
    family: info?.family ?? 'notebook',
    severity: finding.severity,
    message: finding.message,
    cellIndex: finding.cellIndex,
    where: finding.cellIndex === null ? 'notebook' : `cell ${finding.cellIndex + 1}`,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    range: finding.range,
    fixAvailable: finding.fixes.length > 0,
    docsUrl: ruleDocsUrl(finding.code),
  };
}

function cellStatistics(notebook: Notebook | null, findings: readonly Finding[]): CellStatistics {
  const cells = notebook?.cells ?? [];
  const code = cells.filter((cell) => cell.kind === 'code');
  return {
    code: code.length,
    markdown: cells.filter((cell) => cell.kind === 'markdown').length,
    executed: code.filter((cell) => cell.executionCount !== null).length,
    outOfOrder: findings.filter((finding) => finding.code === 'NH101').length,
    withErrors: code.filter((cell) => cell.outputs.some((output) => output.outputType === 'error')).length,
  };
}

/** Families in registry order; a family with no rule yet is left out, one with rules but no finding passes. */
export function buildNotebookReport(
  path: string,
  notebook: Notebook | null,
  findings: readonly Finding[],
  extras: ReportExtras = {},
): NotebookReport {
  const reportFindings = findings.map(toReportFinding);
  const families = [...new Set(RULES.map((rule) => rule.family))].map((family): FamilyReport => {
    const inFamily = reportFindings.filter((finding) => finding.family === family);
    const counts = countBySeverity(inFamily);
    return { family, title: familyTitle(family), verdict: verdictOf(counts), counts, findings: inFamily };
  });
  const counts = countBySeverity(reportFindings);
  const model = extras.model ?? null;
  return {
    path,
    verdict: verdictOf(counts),
    counts,
    families,
    cells: cellStatistics(notebook, findings),
    fixable: reportFindings.filter((finding) => finding.fixAvailable).length,
    execution: buildExecutionPoints(notebook),
    dependencies: model ? buildDependencyTable(model, extras.project ?? null) : null,
    graph: model ? buildCellGraph(model, findings) : null,
  };
}
