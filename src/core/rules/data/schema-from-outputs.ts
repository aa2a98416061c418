// What a notebook's saved outputs show about a data frame: pandas tables (`df.head()`, `df.describe()`) as HTML or
// text, `df.dtypes`, `df.info()` and `df.shape`. Only what an output shows becomes a check: never a column it does not.
import type { OutputSummary } from '../../notebook/notebook';

export interface ColumnSchema {
  name: string;
  /** Exact dtype from `df.dtypes` / `df.info()`. */
  dtype?: string;
  /** Kind inferred from the values a table shows (head shows a sample, so only the kind). */
  kind?: 'integer' | 'float' | 'bool';
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
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:lt|gt|amp|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m)
    .trim();
}

interface Table {
  header: string[];
  /** [index label, ...values] */
  rows: string[][];
  truncated: boolean;
}

function cells(row: string): string[] {
  return [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => decode(m[1]!));
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
  const header = cells(headRows[0]!).slice(1);
  const rows = [...tbody[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[1]!));
  if (rows.some((row) => row.length !== header.length + 1)) return null;
  const truncated = header.includes('...') || rows.some((row) => row[0] === '...');
  return { header, rows: rows.filter((row) => row[0] !== '...'), truncated };
}

const DESCRIBE_ROWS = ['count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max'];

function isDescribe(table: Table): boolean {
  const labels = table.rows.map((row) => row[0]);
  return (
    ['count', 'min', 'max'].every((label) => labels.includes(label)) &&
    labels.every(
      (label) => DESCRIBE_ROWS.includes(label!) || ['unique', 'top', 'freq', 'first', 'last'].includes(label!),
    )
  );
}

function number(text: string): number | null {
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(text.replace(/,/g, ''))) return null;
  return Number(text.replace(/,/g, ''));
}

function kindOf(values: string[]): ColumnSchema['kind'] | undefined {
  const shown = values.filter((v) => v !== '' && v !== 'NaN' && v !== 'None' && v !== '<NA>');
  if (shown.length === 0) return undefined;
  if (shown.every((v) => v === 'True' || v === 'False')) return 'bool';
  if (shown.every((v) => /^-?\d+$/.test(v))) return values.length === shown.length ? 'integer' : undefined;
  if (shown.every((v) => number(v) !== null && /[.e]/i.test(v))) return 'float';
  return undefined;
}

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
    return { shape: 'describe', schema: { columns, complete: false } };
  }
  const columns = table.header.map((name, k): ColumnSchema => {
    const kind = kindOf(table.rows.map((row) => row[k + 1]!));
    return { name, ...(kind ? { kind } : {}) };
  });
  return { shape: 'head', schema: { columns, complete: !table.truncated } };
}

/** `df.dtypes` as text: `name    float64` lines and a last `dtype: object` line. */
function parseDtypesText(text: string): FrameSchema | null {
  const lines = text.trimEnd().split('\n');
  if (lines.length < 2 || !/^dtype: object$/.test(lines[lines.length - 1]!.trim())) return null;
  const columns: ColumnSchema[] = [];
  for (const line of lines.slice(0, -1)) {
    const m = /^(\S(?:.*\S)?)\s{2,}(\w[\w[\], ]*)$/.exec(line.trimEnd()) ?? /^(\S+)\s+(\w+)$/.exec(line.trimEnd());
    if (!m) return null;
    if (m[1] === '...') return null;
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
    const m = /^\s*(?:\d+\s+)?(\S(?:.*?\S)?)\s+(\d+) non-null\s+(\w+)\s*$/.exec(line);
    if (!m) continue;
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
    if (column.dtype && column.kind) delete column.kind;
    return column;
  });
  // An exact column list needs one output that showed all of them.
  return {
    columns,
    complete: complete && parts.some((p) => p.complete && p.columns.length === columns.length),
    ...(rows !== undefined ? { rows } : {}),
  };
}

function pyStr(value: string): string {
  return JSON.stringify(value);
}

/** Printed numbers are rounded (6 decimals or 6 significant digits): widen the bounds so the real data passes. */
function widen(value: number, down: boolean): string {
  const slack = Math.abs(value) * 1e-5 + 1e-6;
  const bound = down ? value - slack : value + slack;
  return Number(bound.toPrecision(10)).toString();
}

const KIND_CHECK: Record<NonNullable<ColumnSchema['kind']>, string> = {
  integer: 'is_integer_dtype',
  float: 'is_float_dtype',
  bool: 'is_bool_dtype',
};

/** Plain pandas asserts. */
export function pandasChecks(frame: string, schema: FrameSchema, source: string): string {
  const lines = [
    `# Validate ${frame} before using it (schema from the saved outputs of ${source})`,
    'import pandas as pd',
    '',
  ];
  const names = schema.columns.map((c) => pyStr(c.name));
  if (schema.complete)
    lines.push(
      `assert list(${frame}.columns) == [${names.join(', ')}], f"unexpected columns: {list(${frame}.columns)}"`,
    );
  else
    lines.push(
      `_missing = {${names.join(', ')}} - set(${frame}.columns)`,
      `assert not _missing, f"${frame} lacks columns {_missing}"`,
    );
  const dtypes = schema.columns.filter((c) => c.dtype);
  if (dtypes.length > 0) {
    lines.push(
      `for _column, _dtype in {${dtypes.map((c) => `${pyStr(c.name)}: ${pyStr(c.dtype!)}`).join(', ')}}.items():`,
    );
    lines.push(
      `    assert str(${frame}[_column].dtype) == _dtype, f"{_column}: dtype {${frame}[_column].dtype}, expected {_dtype}"`,
    );
  }
  for (const column of schema.columns) {
    const col = `${frame}[${pyStr(column.name)}]`;
    if (!column.dtype && column.kind)
      lines.push(
        `assert pd.api.types.${KIND_CHECK[column.kind]}(${col}), "${escapeQuotes(column.name)} is not ${column.kind}"`,
      );
    if (column.nonNull) lines.push(`assert ${col}.notna().all(), "${escapeQuotes(column.name)} has missing values"`);
    if (column.min !== undefined && column.max !== undefined) {
      lines.push(
        `assert ${col}.dropna().between(${widen(column.min, true)}, ${widen(column.max, false)}).all(), "${escapeQuotes(column.name)} out of its range"`,
      );
    }
  }
  return lines.join('\n');
}

/** A pandera schema, for projects that declare pandera. */
export function panderaChecks(frame: string, schema: FrameSchema, source: string): string {
  const lines = [
    `# Validate ${frame} before using it (schema from the saved outputs of ${source})`,
    'import pandera as pa',
    '',
  ];
  lines.push(`${frame}_schema = pa.DataFrameSchema(`, '    {');
  for (const column of schema.columns) {
    const args: string[] = [column.dtype ? pyStr(column.dtype) : 'None'];
    args.push(`nullable=${column.nonNull ? 'False' : 'True'}`);
    if (column.min !== undefined && column.max !== undefined)
      args.push(`checks=pa.Check.in_range(${widen(column.min, true)}, ${widen(column.max, false)})`);
    lines.push(`        ${pyStr(column.name)}: pa.Column(${args.join(', ')}),`);
  }
  lines.push(
    '    },',
    `    strict=${schema.complete ? 'True' : 'False'},`,
    ')',
    `${frame} = ${frame}_schema.validate(${frame})`,
  );
  return lines.join('\n');
}

/** When no output shows the frame: a starting point that invents no column. */
export function templateChecks(frame: string): string {
  return [
    `# Validate ${frame} before using it: no saved output shows its columns, so state what the code relies on`,
    `assert len(${frame}) > 0, "${frame} is empty"`,
    `# assert {"a_column", "another"} <= set(${frame}.columns)`,
    `# assert ${frame}["a_column"].notna().all()`,
  ].join('\n');
}

function escapeQuotes(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
