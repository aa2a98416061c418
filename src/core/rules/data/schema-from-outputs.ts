// What a notebook's saved outputs show about a data frame: pandas tables (`df.head()`, `df.describe()`) as HTML or
// text, `df.dtypes`, `df.info()` and `df.shape`. Only what an output shows becomes a check: never a column it does not.
import type { OutputSummary } from '../../notebook/notebook';
import { parseTextTable, type Table } from './text-table';

export interface ColumnSchema {
  name: string;
  /** Exact dtype from `df.dtypes` / `df.info()`; a `head()` table shows a few rows, never enough for a dtype. */
  dtype?: string;
  nonNull?: boolean;
  min?: number;
  max?: number;
}

export interface FrameSchema {
  columns: ColumnSchema[];
  /** True when an output listed every column (dtypes, info, an untruncated head). */
  complete: boolean;
  rows?: number;
}

export type OutputShape = 'head' | 'describe' | 'dtypes' | 'info' | 'shape';

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

function decode(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:lt|gt|amp|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m);
}

/** A table's cells; header cells keep their spaces (pandas writes a column named " Age" as it is). */
function cells(row: string, exact = false): string[] {
  return [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) =>
    exact ? decode(m[1]!) : decode(m[1]!).trim(),
  );
}

/** The first pandas table in an HTML output, or null (MultiIndex headers are skipped: no safe column names). */
export function parseHtmlTable(html: string): Table | null {
  const table = /<table[^>]*class="dataframe"[^>]*>([\s\S]*?)<\/table>/.exec(html);
  if (!table) return null;
  const thead = /<thead>([\s\S]*?)<\/thead>/.exec(table[1]!);
  const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[1]!);
  if (!thead || !tbody) return null;
  const headRows = [...thead[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!);
  if (headRows.length === 0 || headRows.some((row) => /colspan/.test(row))) return null;
  // A second header row holds only the index name: fine. Anything else is a MultiIndex.
  if (
    headRows.length > 1 &&
    cells(headRows[1]!)
      .slice(1)
      .some((cell) => cell !== '')
  )
    return null;
  const header = cells(headRows[0]!, true).slice(1);
  const rows = [...tbody[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[1]!));
  if (rows.some((row) => row.length !== header.length + 1)) return null;
  const truncated = header.includes('...') || rows.some((row) => row[0] === '...');
  return { header, rows: rows.filter((row) => row[0] !== '...'), truncated };
}

const DESCRIBE_ROWS = ['count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max'];

function isDescribe(table: Table): boolean {
  const labels = table.rows.map((row) => row[0]);
  // Rows cut from a long describe() leave some of its labels: still describe(), still only some columns.
  return (
    labels.some((label) => ['count', 'mean', 'std', 'unique', 'top', 'freq'].includes(label!)) &&
    labels.every(
      (label) => DESCRIBE_ROWS.includes(label!) || ['unique', 'top', 'freq', 'first', 'last'].includes(label!),
    )
  );
}

function number(text: string): number | null {
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(text.replace(/,/g, ''))) return null;
  return Number(text.replace(/,/g, ''));
}

/** The column pandas shows in place of the columns it cut. */
const CUT = '...';

function fromTable(table: Table): { shape: OutputShape; schema: FrameSchema } {
  if (isDescribe(table)) {
    const row = (label: string) => table.rows.find((r) => r[0] === label);
    const columns = table.header.map((name, k): ColumnSchema => {
      const min = number(row('min')?.[k + 1] ?? '');
      const max = number(row('max')?.[k + 1] ?? '');
      const count = number(row('count')?.[k + 1] ?? '');
      return {
        name,
        ...(min !== null && max !== null ? { min, max } : {}),
        ...(count !== null ? { count } : {}),
      } as ColumnSchema;
    });
    return { shape: 'describe', schema: { columns: columns.filter((c) => c.name !== CUT), complete: false } };
  }
  // Five rows prove which columns there are, not what they hold ("A/4 48871" may follow four numbers).
  const columns = table.header.filter((name) => name !== CUT).map((name): ColumnSchema => ({ name }));
  return { shape: 'head', schema: { columns, complete: !table.truncated } };
}

/** A dtype as pandas prints it: `df.sum()` or `df.count()` print the same shape with values in its place. */
const DTYPE =
  /^(?:u?int(?:8|16|32|64)?|U?Int(?:8|16|32|64)|float(?:16|32|64)?|Float(?:32|64)|bool|boolean|object|string|str|category|complex(?:64|128)?|datetime64\[[\w, /:+-]+\]|timedelta64\[\w+\]|period\[\w+\]|interval\[[\w\[\], ]+\]|Sparse\[[\w, .]+\])$/;

/** `df.dtypes` as text: `name    float64` lines and a last `dtype: object` line. */
function parseDtypesText(text: string): FrameSchema | null {
  const lines = text.trimEnd().split('\n');
  if (lines.length < 2 || !/^dtype: object$/.test(lines[lines.length - 1]!.trim())) return null;
  const columns: ColumnSchema[] = [];
  for (const line of lines.slice(0, -1)) {
    const m = /^(\S(?:.*\S)?)\s{2,}(\w[\w[\], ]*)$/.exec(line.trimEnd()) ?? /^(\S+)\s+(\w+)$/.exec(line.trimEnd());
    if (!m) return null;
    if (m[1] === '...' || !DTYPE.test(m[2]!)) return null;
    columns.push({ name: m[1]!, dtype: m[2]! });
  }
  return { columns, complete: true };
}

/** `df.info()`: rows from the RangeIndex line, and per column its non-null count and dtype. */
function parseInfoText(text: string): FrameSchema | null {
  if (!/<class 'pandas\.core\.frame\.DataFrame'>/.test(text) || !/Data columns/.test(text)) return null;
  const entries = /(?:Index|RangeIndex|Int64Index|DatetimeIndex): (\d+) entries/.exec(text);
  const rows = entries ? Number(entries[1]) : undefined;
  const columns: ColumnSchema[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(?:\d+\s+)?(\S(?:.*?\S)?)\s+(\d+) non-null\s+(\S+)\s*$/.exec(line);
    if (!m || !DTYPE.test(m[3]!)) continue;
    const count = Number(m[2]);
    columns.push({ name: m[1]!, dtype: m[3]!, ...(rows !== undefined ? { nonNull: count === rows } : {}) });
  }
  if (columns.length === 0) return null;
  const total = /\(total (\d+) columns\)|Data columns \(total (\d+) columns\)/.exec(text);
  const complete = total ? Number(total[1] ?? total[2]) === columns.length : false;
  return { columns, complete, ...(rows !== undefined ? { rows } : {}) };
}

/** What one output shows about a frame, or null. */
export function schemaFromOutput(output: OutputSummary): { shape: OutputShape; schema: FrameSchema } | null {
  if (output.html) {
    const table = parseHtmlTable(output.html);
    if (table) return fromTable(table);
  }
  const text = output.text;
  if (!text) return null;
  const info = parseInfoText(text);
  if (info) return { shape: 'info', schema: info };
  const dtypes = parseDtypesText(text);
  if (dtypes) return { shape: 'dtypes', schema: dtypes };
  const table = parseTextTable(text);
  if (table) return fromTable(table);
  const shape = /^\((\d+), (\d+)\)$/.exec(text.trim());
  if (shape) return { shape: 'shape', schema: { columns: [], complete: false, rows: Number(shape[1]) } };
  return null;
}

/** Several outputs about the same frame, merged: exact dtypes win over kinds; describe's ranges are added. */
export function mergeSchemas(parts: FrameSchema[]): FrameSchema | null {
  const byName = new Map<string, ColumnSchema & { count?: number }>();
  const order: string[] = [];
  let complete = false;
  let rows: number | undefined;
  for (const part of parts) {
    complete ||= part.complete;
    rows ??= part.rows;
    for (const column of part.columns) {
      const existing = byName.get(column.name);
      if (!existing) order.push(column.name);
      byName.set(column.name, {
        ...existing,
        ...column,
        ...(existing?.dtype && !column.dtype ? { dtype: existing.dtype } : {}),
      });
    }
  }
  if (order.length === 0) return null;
  const columns = order.map((name) => {
    const { count, ...column } = byName.get(name)! as ColumnSchema & { count?: number };
    if (column.nonNull === undefined && count !== undefined && rows !== undefined && count === rows)
      column.nonNull = true;
    return column;
  });
  // An exact column list needs one output that showed all of them.
  return {
    columns,
    complete: complete && parts.some((p) => p.complete && p.columns.length === columns.length),
    ...(rows !== undefined ? { rows } : {}),
  };
}
