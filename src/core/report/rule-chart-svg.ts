// The workspace report's chart of findings by rule: one horizontal bar per rule code, most frequent on top, so the
// rule that needs the most work across the notebooks is the first thing read. Drawn by hand as SVG, every text escaped.
import { compareStrings } from '../compare';
import { escapeHtml } from './escape';
import type { NotebookReport } from './notebook-report';

export interface RuleCount {
  code: string;
  name: string;
  /** Findings of the rule in every notebook. */
  findings: number;
  /** Notebooks with at least one. */
  notebooks: number;
}

/** Findings per rule over the notebooks: most findings first, then by code. */
export function countByRule(notebooks: readonly NotebookReport[]): RuleCount[] {
  const byCode = new Map<string, RuleCount>();
  for (const report of notebooks) {
    const seen = new Set<string>();
    for (const finding of report.families.flatMap((family) => family.findings)) {
      const count = byCode.get(finding.code) ?? { code: finding.code, name: finding.name, findings: 0, notebooks: 0 };
      count.findings++;
      if (!seen.has(finding.code)) count.notebooks++;
      seen.add(finding.code);
      byCode.set(finding.code, count);
    }
  }
  return [...byCode.values()].sort((a, b) => b.findings - a.findings || compareStrings(a.code, b.code));
}

export function ruleChartAltText(counts: readonly RuleCount[]): string {
  if (counts.length === 0) return 'Findings by rule: none.';
  return `Findings by rule: ${counts.map((count) => `${count.code} ${count.findings}`).join(', ')}.`;
}

/** One bar per rule; the bar's length is its number of findings, its label says in how many notebooks. */
export function renderRuleChartSvg(counts: readonly RuleCount[], id = 'rules'): string {
  const row = 20;
  const labelWidth = 230;
  const barMax = 300;
  const width = labelWidth + barMax + 160;
  const height = 10 + Math.max(1, counts.length) * row;
  const most = Math.max(1, ...counts.map((count) => count.findings));
  const bars = counts.map((count, k) => {
    const y = 5 + k * row;
    const length = Math.max(2, Math.round((count.findings / most) * barMax));
    return (
      `<g class="rule-bar" data-code="${escapeHtml(count.code)}"><text x="0" y="${y + 13}"><tspan class="rule-code">${escapeHtml(count.code)}</tspan> ${escapeHtml(count.name)}</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${length}" height="${row - 6}" rx="2"/>` +
      `<text class="rule-count" x="${labelWidth + length + 6}" y="${y + 13}">${count.findings} in ${count.notebooks} notebook${count.notebooks === 1 ? '' : 's'}</text></g>`
    );
  });
  return [
    `<svg class="nh-rules" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">Findings by rule</title>`,
    `<desc id="${id}-desc">${escapeHtml(ruleChartAltText(counts))}</desc>`,
    ...bars,
    '</svg>',
  ].join('\n');
}
