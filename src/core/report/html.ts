// The report as HTML. The webview links its styles and script from media/ under a strict CSP with a nonce; a file
// written by the CLI inlines its CSS (and, optionally, the small sorting script, allowed by its hash) instead, and
// reads fine without any script. Every piece of notebook text is escaped.
import { escapeHtml, safeUrl } from './escape';
import { renderExecutionChartSvg } from './execution-chart-svg';
import { renderCellGraphSvg } from './graph-svg';
import { groupRuns, runLabel, type FindingRun } from './group-runs';
import type { DependencyRow } from './dependency-table';
import type { FamilyReport, NotebookReport, SeverityCounts, Verdict } from './notebook-report';
import { countByRule, renderRuleChartSvg } from './rule-chart-svg';
import { notebookAnchor, type WorkspaceReport } from './workspace';
import { renderVerifySection } from './verify-html';

export type ReportAssets =
  | {
      kind: 'webview';
      cspSource: string;
      nonce: string;
      styleUris: string[];
      scriptUri: string;
      /** Saved with the webview's state, so the panel can be restored after a reload. */
      state?: Record<string, unknown>;
    }
  | {
      kind: 'standalone';
      css: string;
      /** An inline script (table sorting); the report reads the same without it. */
      script?: string;
      /** Its CSP hash, e.g. `sha256-…` (the CLI computes it; core has no crypto). Required with `script`. */
      scriptHash?: string;
    };

export const VERDICT_LABEL: Record<Verdict, string> = { pass: 'Ready', review: 'Needs review', fail: 'Not ready' };
const SEVERITY_ICON: Record<string, string> = { error: 'error', warning: 'warning', info: 'info' };

export function countsText(counts: SeverityCounts): string {
  const parts = [
    counts.error ? `${counts.error} error${counts.error === 1 ? '' : 's'}` : '',
    counts.warning ? `${counts.warning} warning${counts.warning === 1 ? '' : 's'}` : '',
    counts.info ? `${counts.info} info` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

function head(title: string, assets: ReportAssets): string {
  if (assets.kind === 'standalone') {
    const script = assets.script && assets.scriptHash ? `; script-src '${assets.scriptHash}'` : '';
    return `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${script};">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<style>${assets.css}</style>`;
  }
  const csp = [
    "default-src 'none'",
    `style-src ${assets.cspSource}`,
    `font-src ${assets.cspSource}`,
    `img-src ${assets.cspSource} data:`,
    `script-src 'nonce-${assets.nonce}'`,
  ].join('; ');
  const styles = assets.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n');
  return `<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(title)}</title>
${styles}`;
}

function findingRow(run: FindingRun, interactive: boolean): string {
  const finding = run.first;
  const location = run.cells.length > 1 ? runLabel(run.cells) : `${finding.where}:${finding.line}:${finding.column}`;
  const { start, end } = finding.range;
  const target =
    finding.cellIndex === null
      ? ''
      : ` data-cell="${finding.cellIndex}" data-range="${start.line},${start.character},${end.line},${end.character}" tabindex="0" role="button" title="Reveal ${escapeHtml(finding.where)}"`;
  const fix = !finding.fixAvailable
    ? ''
    : interactive && finding.cellIndex !== null
      ? `<button class="fix-button" data-code="${escapeHtml(finding.code)}" title="Apply the fix of ${escapeHtml(finding.code)} in ${escapeHtml(finding.where)}"><span class="codicon codicon-lightbulb" aria-hidden="true"></span><span class="label">Fix</span></button>`
      : '<span class="codicon codicon-lightbulb" role="img" aria-label="fix available"></span>';
  return `<tr class="finding severity-${finding.severity}"${target}${run.cells.length > 1 ? ` data-run="${run.cells.length}"` : ''}>
<td class="severity"><span class="codicon codicon-${SEVERITY_ICON[finding.severity]}" role="img" aria-label="${finding.severity}"></span></td>
<td class="where">${escapeHtml(location)}</td>
<td class="code"><a href="${safeUrl(finding.docsUrl)}">${escapeHtml(finding.code)}</a></td>
<td class="message">${escapeHtml(finding.message)}</td>
<td class="fix">${fix}</td>
</tr>`;
}

function familySection(family: FamilyReport, interactive: boolean): string {
  const rows =
    family.findings.length > 0
      ? `<table class="findings"><thead><tr><th></th><th>Where</th><th>Code</th><th>Message</th><th>Fix</th></tr></thead>
<tbody>
${groupRuns(family.findings)
  .map((run) => findingRow(run, interactive))
  .join('\n')}
</tbody></table>`
      : '<p class="clean">No findings.</p>';
  return `<section class="family verdict-${family.verdict}" data-family="${family.family}">
<h2><span class="verdict-badge">${VERDICT_LABEL[family.verdict]}</span> ${escapeHtml(family.title)} <span class="counts">${countsText(family.counts)}</span></h2>
${rows}
</section>`;
}

function cellSummary(report: NotebookReport): string {
  const { cells } = report;
  return `<dl class="cells">
<div><dt>Code cells</dt><dd>${cells.code}</dd></div>
<div><dt>Markdown cells</dt><dd>${cells.markdown}</dd></div>
<div><dt>Executed</dt><dd>${cells.executed}</dd></div>
<div><dt>Out of order</dt><dd>${cells.outOfOrder}</dd></div>
<div><dt>With errors</dt><dd>${cells.withErrors}</dd></div>
</dl>`;
}

function dependencyRow(row: DependencyRow): string {
  return `<tr data-cell="${row.cellIndex}">
<td class="module">${escapeHtml(row.module)}</td>
<td>${row.distribution === null ? '<span class="none">—</span>' : escapeHtml(row.distribution)}</td>
<td>${escapeHtml(row.howLabel)}</td>
<td>${row.declaredIn.length > 0 ? escapeHtml(row.declaredIn.join(', ')) : '<span class="undeclared">not declared</span>'}</td>
<td class="pinned-${row.pinned ? 'yes' : 'no'}">${row.pinned ? 'yes' : 'no'}</td>
<td>${row.version === null ? '<span class="none">—</span>' : escapeHtml(row.version)}</td>
</tr>`;
}

function dependencySection(report: NotebookReport): string {
  if (report.dependencies === null) return '';
  const body =
    report.dependencies.length === 0
      ? '<p class="clean">No imports outside the standard library.</p>'
      : `<table class="dependencies" data-sortable="true"><thead><tr><th>Import</th><th>Distribution</th><th>Resolved by</th><th>Declared in</th><th>Pinned</th><th>Version</th></tr></thead>
<tbody>
${report.dependencies.map(dependencyRow).join('\n')}
</tbody></table>`;
  return `<section class="dependency-table">
<h2>Dependencies</h2>
${body}
</section>`;
}

function pictures(report: NotebookReport, idPrefix: string): string {
  if (report.execution.length === 0) return '';
  const chart = `<figure class="chart">
<figcaption>Execution order: x is the cell's position, y its execution count; a clean notebook is a rising line, red segments are where it ran out of order.</figcaption>
${renderExecutionChartSvg(report.execution, `${idPrefix}exec`)}
</figure>`;
  const graph =
    report.graph === null
      ? ''
      : `<figure class="graph">
<figcaption>Cell dependency graph: an arrow from the cell that defines a name to the cells that read it.</figcaption>
${renderCellGraphSvg(report.graph, `${idPrefix}graph`)}
</figure>`;
  return `<section class="pictures">
${chart}
${graph}
</section>`;
}

/** One notebook's report without the page around it (the workspace report repeats it per notebook). */
export function renderNotebookBody(
  report: NotebookReport,
  idPrefix = '',
  heading: 'h1' | 'h2' = 'h1',
  interactive = false,
): string {
  const wrapper = heading === 'h1' ? 'main' : 'div';
  return `<header>
<${heading} class="notebook-path"><span class="codicon codicon-notebook"></span> ${escapeHtml(report.path)}</${heading}>
<p class="verdict verdict-${report.verdict}"><strong>${VERDICT_LABEL[report.verdict]}</strong>: ${countsText(report.counts)}${report.fixable > 0 ? `, ${report.fixable} with a fix` : ''}</p>
${cellSummary(report)}
</header>
<${wrapper} class="report-body">
${report.verify ? `${renderVerifySection(report.verify)}\n` : ''}${report.families.map((family) => familySection(family, interactive)).join('\n')}
${dependencySection(report)}
${pictures(report, idPrefix)}
</${wrapper}>`;
}

function page(title: string, assets: ReportAssets, body: string): string {
  const script =
    assets.kind === 'webview'
      ? `<script nonce="${assets.nonce}" src="${escapeHtml(assets.scriptUri)}"></script>`
      : assets.script && assets.scriptHash
        ? `<script>${assets.script.replace(/<\/script/gi, '<\\/script')}</script>`
        : '';
  const state =
    assets.kind === 'webview' && assets.state
      ? ` data-webview-state="${escapeHtml(JSON.stringify(assets.state))}"`
      : '';
  const bodyClass = assets.kind === 'standalone' ? ' class="standalone"' : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head(title, assets)}
</head>
<body${bodyClass}${state}>
${body}
${script}
</body>
</html>
`;
}

export function renderNotebookReportHtml(report: NotebookReport, assets: ReportAssets): string {
  return page(
    `Notebook hygiene: ${report.path}`,
    assets,
    renderNotebookBody(report, '', 'h1', assets.kind === 'webview'),
  );
}

/** The families every workspace table shows a column for: those with a rule, in registry order. */
function familyColumns(workspace: WorkspaceReport): FamilyReport[] {
  return workspace.notebooks[0]?.families ?? [];
}

function workspaceRow(report: NotebookReport, index: number): string {
  const { counts, cells } = report;
  const families = report.families
    .map(
      (family) =>
        `<td class="num family-count${family.findings.length > 0 ? ` verdict-${family.verdict}` : ''}">${family.findings.length}</td>`,
    )
    .join('');
  return `<tr class="verdict-${report.verdict}" data-path="${escapeHtml(report.path)}">
<td class="path"><a href="#${notebookAnchor(index)}">${escapeHtml(report.path)}</a></td>
<td data-sort="${report.verdict === 'fail' ? 2 : report.verdict === 'review' ? 1 : 0}"><span class="verdict-badge">${VERDICT_LABEL[report.verdict]}</span></td>
<td class="num">${counts.error}</td>
<td class="num">${counts.warning}</td>
<td class="num">${counts.info}</td>
${families}
<td class="num">${report.fixable}</td>
<td class="num">${cells.code}</td>
<td class="num">${cells.outOfOrder}</td>
</tr>`;
}

function ruleChart(workspace: WorkspaceReport): string {
  const counts = countByRule(workspace.notebooks);
  if (counts.length === 0) return '';
  return `<section class="pictures"><figure class="rules">
<figcaption>Findings by rule, across every notebook: the longest bar is the rule to work on first.</figcaption>
${renderRuleChartSvg(counts, 'workspace-rules')}
</figure></section>`;
}

/** Every notebook in one sortable table (worst first), the findings by rule, then each notebook's own report. */
export function renderWorkspaceReportHtml(workspace: WorkspaceReport, assets: ReportAssets): string {
  const unreadable =
    workspace.unreadable.length === 0
      ? ''
      : `<section class="unreadable"><h2>Could not be read</h2><ul>${workspace.unreadable.map((item) => `<li>${escapeHtml(item.path)}: ${escapeHtml(item.message)}</li>`).join('')}</ul></section>`;
  const familyHeads = familyColumns(workspace)
    .map((family) => `<th title="${escapeHtml(family.title)}: findings">${escapeHtml(family.title)}</th>`)
    .join('');
  const body = `<header>
<h1><span class="codicon codicon-checklist"></span> Notebook hygiene: ${workspace.notebooks.length} notebook${workspace.notebooks.length === 1 ? '' : 's'}</h1>
<p class="verdict verdict-${workspace.verdict}"><strong>${VERDICT_LABEL[workspace.verdict]}</strong>: ${countsText(workspace.counts)}</p>
${workspace.root === null ? '' : `<p class="root">Paths are relative to <code>${escapeHtml(workspace.root)}</code>; the notebooks that need work come first.</p>\n`}</header>
<main>
<table class="notebooks" data-sortable="true"><thead><tr><th>Notebook</th><th>Verdict</th><th>Errors</th><th>Warnings</th><th>Info</th>${familyHeads}<th>Fixable</th><th>Code cells</th><th>Out of order</th></tr></thead>
<tbody>
${workspace.notebooks.map(workspaceRow).join('\n')}
</tbody></table>
${ruleChart(workspace)}
${unreadable}
</main>
${workspace.notebooks.map((report, index) => `<article class="notebook" id="${notebookAnchor(index)}" data-path="${escapeHtml(report.path)}">\n${renderNotebookBody(report, `${notebookAnchor(index)}-`, 'h2')}\n<p class="back"><a href="#">Back to the table</a></p>\n</article>`).join('\n')}`;
  return page(`Notebook hygiene: ${workspace.notebooks.length} notebooks`, assets, body);
}
