// The report as HTML. The webview links its styles and script from media/ under a strict CSP with a nonce; a file
// written by the CLI inlines its CSS instead. Every piece of notebook text is escaped.
import { escapeHtml, safeUrl } from './escape';
import type { FamilyReport, NotebookReport, ReportFinding, SeverityCounts, Verdict } from './model';

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
  | { kind: 'standalone'; css: string };

const VERDICT_LABEL: Record<Verdict, string> = { pass: 'Ready', review: 'Needs review', fail: 'Not ready' };
const SEVERITY_ICON: Record<string, string> = { error: 'error', warning: 'warning', info: 'info' };

function countsText(counts: SeverityCounts): string {
  const parts = [
    counts.error ? `${counts.error} error${counts.error === 1 ? '' : 's'}` : '',
    counts.warning ? `${counts.warning} warning${counts.warning === 1 ? '' : 's'}` : '',
    counts.info ? `${counts.info} info` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

function head(title: string, assets: ReportAssets): string {
  if (assets.kind === 'standalone') {
    return `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
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

function findingRow(finding: ReportFinding): string {
  const location = `${finding.where}:${finding.line}:${finding.column}`;
  const { start, end } = finding.range;
  const target =
    finding.cellIndex === null
      ? ''
      : ` data-cell="${finding.cellIndex}" data-range="${start.line},${start.character},${end.line},${end.character}" tabindex="0" role="button" title="Reveal ${escapeHtml(finding.where)}"`;
  return `<tr class="finding severity-${finding.severity}"${target}>
<td class="severity"><span class="codicon codicon-${SEVERITY_ICON[finding.severity]}" aria-label="${finding.severity}"></span></td>
<td class="where">${escapeHtml(location)}</td>
<td class="code"><a href="${safeUrl(finding.docsUrl)}">${escapeHtml(finding.code)}</a></td>
<td class="message">${escapeHtml(finding.message)}</td>
<td class="fix">${finding.fixAvailable ? '<span class="codicon codicon-lightbulb" aria-label="fix available"></span>' : ''}</td>
</tr>`;
}

function familySection(family: FamilyReport): string {
  const rows =
    family.findings.length > 0
      ? `<table class="findings"><thead><tr><th></th><th>Where</th><th>Code</th><th>Message</th><th>Fix</th></tr></thead>
<tbody>
${family.findings.map(findingRow).join('\n')}
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

export function renderNotebookReportHtml(report: NotebookReport, assets: ReportAssets): string {
  const title = `Notebook hygiene: ${report.path}`;
  const script = assets.kind === 'webview' ? `<script nonce="${assets.nonce}" src="${escapeHtml(assets.scriptUri)}"></script>` : '';
  const state = assets.kind === 'webview' && assets.state ? ` data-webview-state="${escapeHtml(JSON.stringify(assets.state))}"` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head(title, assets)}
</head>
<body${state}>
<header>
<h1><span class="codicon codicon-notebook"></span> ${escapeHtml(report.path)}</h1>
<p class="verdict verdict-${report.verdict}"><strong>${VERDICT_LABEL[report.verdict]}</strong>: ${countsText(report.counts)}</p>
${cellSummary(report)}
</header>
<main>
${report.families.map(familySection).join('\n')}
</main>
${script}
</body>
</html>
`;
}
