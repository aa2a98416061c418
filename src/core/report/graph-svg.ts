// The cell dependency graph: code cells top to bottom, an edge from the cell that defines a name to each cell that
// reads it, labelled with the names. Edges that point upwards (read before the cell that defines it) and edges the
// kernel's hidden state supplied (NH104) stand out. Drawn by hand as SVG: no library, no network, no script.
import type { NotebookModel } from '../analysis/notebook-model';
import type { Finding } from '../types';
import { escapeHtml } from './escape';

export type EdgeKind = 'normal' | 'upward' | 'hidden';

export interface GraphNode {
  cellIndex: number;
  executionCount: number | null;
  /** The first non-blank line of the cell, cut short. */
  label: string;
}

export interface GraphEdge {
  from: number;
  to: number;
  names: string[];
  kind: EdgeKind;
}

export interface CellGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const LABEL_MAX = 34;
/** Beyond this, the picture stops being readable: the rest is counted in the alt text. */
export const MAX_GRAPH_EDGES = 300;

function firstLine(source: string): string {
  const line =
    source
      .split('\n')
      .find((text) => text.trim() !== '')
      ?.trim() ?? '';
  return line.length > LABEL_MAX ? `${line.slice(0, LABEL_MAX - 1)}…` : line;
}

export function buildCellGraph(model: NotebookModel, findings: readonly Finding[]): CellGraph {
  const nodes = model.codeCells.map(({ cell }) => ({
    cellIndex: cell.index,
    executionCount: cell.executionCount,
    label: firstLine(cell.source),
  }));
  const edges = new Map<string, GraphEdge>();
  const add = (from: number, to: number, name: string, kind: EdgeKind) => {
    if (from === to) return;
    const key = `${from}>${to}>${kind}`;
    const edge = edges.get(key) ?? { from, to, names: [], kind };
    if (!edge.names.includes(name)) edge.names.push(name);
    edges.set(key, edge);
  };
  // NH104: the reader's saved output came from another cell than a clean run would use.
  const hidden = new Set<string>();
  for (const finding of findings) {
    if (finding.code !== 'NH104' || finding.cellIndex === null) continue;
    const [clean, kernel] = finding.related;
    const name = /'([^']+)'/.exec(clean?.message ?? '')?.[1];
    if (name === undefined) continue;
    hidden.add(`${finding.cellIndex}:${name}`);
    if (kernel?.cellIndex !== null && kernel?.cellIndex !== undefined)
      add(kernel.cellIndex, finding.cellIndex, name, 'hidden');
  }
  for (const read of model.reads) {
    const to = read.site.cellIndex;
    if (read.status === 'defined' && read.provider) {
      add(read.provider.cellIndex, to, read.name, hidden.has(`${to}:${read.name}`) ? 'hidden' : 'normal');
    } else if (read.status === 'used-before-defined' && read.laterDefinition) {
      add(read.laterDefinition.cellIndex, to, read.name, 'upward');
    }
  }
  for (const read of model.callTimeReads) add(read.laterDefinition.cellIndex, read.call.cellIndex, read.name, 'upward');
  const order: Record<EdgeKind, number> = { upward: 0, hidden: 1, normal: 2 };
  const sorted = [...edges.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.from - b.from || a.to - b.to);
  return { nodes, edges: sorted };
}

function namesLabel(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  const text = names.length > 3 ? `${shown} +${names.length - 3}` : shown;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const KIND_TEXT: Record<EdgeKind, string> = {
  normal: 'defines → reads',
  upward: 'read before defined (points up)',
  hidden: 'came from hidden state (NH104)',
};

export function graphAltText(graph: CellGraph): string {
  const upward = graph.edges.filter((edge) => edge.kind === 'upward').length;
  const hidden = graph.edges.filter((edge) => edge.kind === 'hidden').length;
  return `Cell dependency graph: ${graph.nodes.length} code cells, ${graph.edges.length} edges (${upward} pointing upwards, ${hidden} from hidden state).`;
}

const LEGEND_STEP = 210;
const LEGEND_WIDTH = 2 * LEGEND_STEP + 200;
/** Line height of an edge label (11px text). */
const LABEL_STEP = 13;
/** Width of the longest label (40 characters of 11px text). */
const LABEL_WIDTH = 250;

/** Each label's baseline: at its edge's middle, pushed down just enough that no two labels share a line. */
export function stackLabels(middles: readonly number[]): number[] {
  const order = middles.map((mid, k) => ({ mid, k })).sort((a, b) => a.mid - b.mid || a.k - b.k);
  const placed = new Array<number>(middles.length);
  let last = -Infinity;
  for (const { mid, k } of order) {
    last = Math.max(mid + 4, last + LABEL_STEP);
    placed[k] = last;
  }
  return placed;
}

/**
 * The graph as one inline <svg>; `id` keeps several graphs on one page apart. Every text is escaped. Edge labels
 * sit in a column of their own right of the farthest arrow (a dotted leader joins each to its arrow), so a label
 * never lies on an arrow nor on another label; the picture is as wide as its legend at least.
 */
export function renderCellGraphSvg(graph: CellGraph, id = 'graph'): string {
  const row = 30;
  const boxHeight = 22;
  const top = 40;
  const left = 10;
  const boxWidth = 260;
  const edges = graph.edges.slice(0, MAX_GRAPH_EDGES);
  const rowOf = new Map(graph.nodes.map((node, k) => [node.cellIndex, k]));
  const maxSpan = Math.max(
    1,
    ...edges.map((edge) => Math.abs((rowOf.get(edge.to) ?? 0) - (rowOf.get(edge.from) ?? 0))),
  );
  const reach = Math.min(360, 60 + maxSpan * 12);
  const x0 = left + boxWidth;
  // A curve's farthest point is 3/4 of the way to its control points (a cubic whose two controls share x).
  const labelX = x0 + Math.ceil(reach * 0.75) + 16;
  const drawn = edges.flatMap((edge) => {
    const a = rowOf.get(edge.from);
    const b = rowOf.get(edge.to);
    if (a === undefined || b === undefined) return [];
    const y1 = top + a * row + boxHeight / 2 - 3;
    const y2 = top + b * row + boxHeight / 2 + 3;
    const cx = x0 + Math.min(reach, 30 + Math.abs(b - a) * 12);
    return [{ edge, y1, y2, cx, apex: x0 + (cx - x0) * 0.75, mid: (y1 + y2) / 2 }];
  });
  const labelYs = stackLabels(drawn.map((item) => item.mid));
  const width = Math.max(labelX + LABEL_WIDTH, left + LEGEND_WIDTH);
  const nodesBottom = top + Math.max(1, graph.nodes.length) * row + 10;
  const height = Math.max(nodesBottom, ...labelYs.map((y) => y + 8)) + (graph.edges.length > edges.length ? 14 : 0);
  const parts: string[] = [];
  parts.push(
    `<svg class="nh-graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">Cell dependency graph</title>`,
    `<desc id="${id}-desc">${escapeHtml(graphAltText(graph))}</desc>`,
    `<defs>${(['normal', 'upward', 'hidden'] as const).map((kind) => `<marker id="${id}-arrow-${kind}" class="edge-${kind}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z"/></marker>`).join('')}</defs>`,
  );
  // Legend
  const legend: [EdgeKind, string][] = [
    ['normal', KIND_TEXT.normal],
    ['upward', KIND_TEXT.upward],
    ['hidden', KIND_TEXT.hidden],
  ];
  legend.forEach(([kind, text], k) => {
    const x = left + k * LEGEND_STEP;
    parts.push(
      `<g class="legend edge-${kind}"><line x1="${x}" y1="14" x2="${x + 26}" y2="14"/><text x="${x + 32}" y="18">${escapeHtml(text)}</text></g>`,
    );
  });
  graph.nodes.forEach((node, k) => {
    const y = top + k * row;
    const count = node.executionCount === null ? '[ ]' : `[${node.executionCount}]`;
    parts.push(
      `<g class="node" data-cell="${node.cellIndex}"><rect x="${left}" y="${y}" width="${boxWidth}" height="${boxHeight}" rx="3"/>` +
        `<text x="${left + 6}" y="${y + 15}"><tspan class="node-index">cell ${node.cellIndex + 1}</tspan> <tspan class="node-count">${count}</tspan> ${escapeHtml(node.label)}</text></g>`,
    );
  });
  drawn.forEach(({ edge, y1, y2, cx, apex, mid }, k) => {
    const labelY = labelYs[k]!;
    parts.push(
      `<g class="edge edge-${edge.kind}" data-from="${edge.from}" data-to="${edge.to}"><path d="M${x0},${y1} C${cx},${y1} ${cx},${y2} ${x0 + 2},${y2}" marker-end="url(#${id}-arrow-${edge.kind})"/>` +
        `<line class="leader" x1="${apex}" y1="${mid}" x2="${labelX - 3}" y2="${labelY - 4}"/>` +
        `<text x="${labelX}" y="${labelY}">${escapeHtml(namesLabel(edge.names))}</text></g>`,
    );
  });
  if (graph.edges.length > edges.length) {
    parts.push(
      `<text class="note" x="${left}" y="${height - 2}">${graph.edges.length - edges.length} more edges not drawn</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
