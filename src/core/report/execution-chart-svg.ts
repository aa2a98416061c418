// The execution-order chart: x = the cell's position among code cells, y = its execution count. A notebook run top to
// bottom is a rising line; where a cell ran before the one above it, the line drops and that segment is marked.
import type { Notebook } from '../notebook/notebook';
import { escapeHtml } from './escape';

export interface ExecutionPoint {
  cellIndex: number;
  /** null: the cell never ran. */
  executionCount: number | null;
}

export function buildExecutionPoints(notebook: Notebook | null): ExecutionPoint[] {
  return (notebook?.cells ?? [])
    .filter((cell) => cell.kind === 'code')
    .map((cell) => ({ cellIndex: cell.index, executionCount: cell.executionCount }));
}

/** Where the line drops: the executed cell ran before the executed cell above it. */
export function orderBreaks(points: readonly ExecutionPoint[]): number[] {
  const breaks: number[] = [];
  let previous: number | null = null;
  for (const point of points) {
    if (point.executionCount === null) continue;
    if (previous !== null && point.executionCount < previous) breaks.push(point.cellIndex);
    previous = point.executionCount;
  }
  return breaks;
}

export function executionAltText(points: readonly ExecutionPoint[]): string {
  const executed = points.filter((point) => point.executionCount !== null).length;
  const breaks = orderBreaks(points);
  if (executed === 0) return `Execution-order chart: none of the ${points.length} code cells has run.`;
  const where =
    breaks.length === 0
      ? 'run top to bottom (a rising line)'
      : `out of order at ${breaks
          .slice(0, 10)
          .map((cell) => `cell ${cell + 1}`)
          .join(', ')}${breaks.length > 10 ? ` and ${breaks.length - 10} more` : ''}`;
  return `Execution-order chart: ${executed} of ${points.length} code cells ran, ${where}.`;
}

export function renderExecutionChartSvg(points: readonly ExecutionPoint[], id = 'exec'): string {
  const left = 44;
  const bottom = 34;
  const top = 12;
  const plotHeight = 160;
  const step = Math.max(6, Math.min(28, 640 / Math.max(1, points.length)));
  const width = left + Math.max(1, points.length) * step + 20;
  const height = top + plotHeight + bottom;
  const counts = points.map((point) => point.executionCount).filter((count): count is number => count !== null);
  const maxCount = Math.max(1, ...counts);
  const x = (k: number) => left + k * step + step / 2;
  const y = (count: number) => top + plotHeight - (count / maxCount) * plotHeight;
  const parts: string[] = [
    `<svg class="nh-chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">Execution order</title>`,
    `<desc id="${id}-desc">${escapeHtml(executionAltText(points))}</desc>`,
    `<line class="axis" x1="${left}" y1="${top + plotHeight}" x2="${width - 10}" y2="${top + plotHeight}"/>`,
    `<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${top + plotHeight}"/>`,
    `<text class="tick" x="${left - 6}" y="${top + 4}" text-anchor="end">${maxCount}</text>`,
    `<text class="tick" x="${left - 6}" y="${top + plotHeight + 4}" text-anchor="end">0</text>`,
    `<text class="axis-label" x="${left}" y="${height - 4}">cell position (code cells, top to bottom) →</text>`,
  ];
  let previous: { k: number; count: number } | null = null;
  points.forEach((point, k) => {
    if (point.executionCount === null) {
      parts.push(
        `<circle class="never-ran" cx="${x(k)}" cy="${top + plotHeight}" r="3"><title>cell ${point.cellIndex + 1}: never ran</title></circle>`,
      );
      return;
    }
    if (previous !== null) {
      const broken = point.executionCount < previous.count;
      parts.push(
        `<line class="${broken ? 'segment broken' : 'segment'}" x1="${x(previous.k)}" y1="${y(previous.count)}" x2="${x(k)}" y2="${y(point.executionCount)}"/>`,
      );
    }
    previous = { k, count: point.executionCount };
  });
  points.forEach((point, k) => {
    if (point.executionCount === null) return;
    parts.push(
      `<circle class="ran" cx="${x(k)}" cy="${y(point.executionCount)}" r="3.5"><title>cell ${point.cellIndex + 1}: [${point.executionCount}]</title></circle>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
