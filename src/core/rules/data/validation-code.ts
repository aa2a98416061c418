// The validation NH501 puts after a load, as Python source text (a pure function: where the text goes, after the load
// line or in a cell of its own, is the caller's business). It asserts only what the notebook proves: the columns,
// dtypes, missing values and ranges its saved outputs show at that point, and the columns its code reads there. The
// checks are loose enough for tomorrow's data: dtypes by family (int32 or int64, object or string), ranges widened
// well past the values seen. Nothing is invented: with nothing proven there is no block at all.
import type { ColumnSchema, FrameSchema } from './schema-from-outputs';

/** What a load gives back, which decides which checks apply. */
export type LoadedKind =
  | 'pandas' // a pandas, geopandas or dask frame
  | 'polars'
  | 'lazy' // a polars LazyFrame or a Spark DataFrame: columns without reading the data, no len()
  | 'mapping' // json.load
  | 'other'; // arrays, csv readers, a notebook loader function, a list of frames

export interface ValidationInput {
  frame: string;
  kind: LoadedKind;
  /** What the saved outputs show about the frame at that point (null: none shows it). */
  schema: FrameSchema | null;
  /** Where the schema comes from (`cell 3, cell 4`). */
  source: string;
  /** Columns (keys) the code reads at that point, before anything creates them. */
  codeColumns: readonly string[];
  /** The project declares pandera: a schema object instead of plain asserts. */
  pandera: boolean;
}

function pyStr(value: string): string {
  return JSON.stringify(value);
}

function message(text: string): string {
  return pyStr(text);
}

/** A name that reaches its column as written: no surrounding spaces, not a number an integer column shows as. */
function plainName(name: string): boolean {
  return name.trim() === name && name !== '' && !/^-?\d+$/.test(name);
}

interface DtypeFamily {
  test: (col: string) => string;
  says: string;
}

/** A dtype as a family: the same data read on another machine or pandas version may be int32, or `str`. */
function familyOf(dtype: string): DtypeFamily {
  if (/^u?int\d*$|^U?Int\d+$/.test(dtype))
    return { test: (c) => `pd.api.types.is_integer_dtype(${c})`, says: 'integers' };
  if (/^float\d*$|^Float\d+$/.test(dtype)) return { test: (c) => `pd.api.types.is_float_dtype(${c})`, says: 'floats' };
  if (/^bool(?:ean)?$/.test(dtype)) return { test: (c) => `pd.api.types.is_bool_dtype(${c})`, says: 'booleans' };
  if (/^(?:object|string|str)$/.test(dtype))
    return {
      test: (c) => `(pd.api.types.is_object_dtype(${c}) or pd.api.types.is_string_dtype(${c}))`,
      says: 'text or objects',
    };
  if (/^datetime64/.test(dtype))
    return { test: (c) => `pd.api.types.is_datetime64_any_dtype(${c})`, says: 'datetimes' };
  if (/^timedelta64/.test(dtype)) return { test: (c) => `pd.api.types.is_timedelta64_dtype(${c})`, says: 'durations' };
  return { test: (c) => `str(${c}.dtype) == ${pyStr(dtype)}`, says: dtype };
}

/** Printed numbers are rounded (6 decimals or 6 significant digits): a bound a little past the value. */
function past(value: number, down: boolean): string {
  const slack = Math.abs(value) * 1e-5 + 1e-6;
  return Number((down ? value - slack : value + slack).toPrecision(10)).toString();
}

/**
 * Bounds a production batch should still meet, from the smallest and largest values describe() showed: a share stays
 * in [0, 1], a count or an amount stays non-negative, anything else may reach as far again as the range seen.
 */
export function looseBounds(min: number, max: number): { low: string | null; high: string | null } {
  if (min >= 0 && max <= 1) return { low: '0', high: '1' };
  const span = max - min || Math.max(Math.abs(max), 1);
  return {
    low: min >= 0 ? '0' : past(min - span, true),
    high: max <= 0 ? '0' : past(max + span, false),
  };
}

function rangeCheck(col: string, low: string | null, high: string | null): string | null {
  if (low !== null && high !== null) return `${col}.dropna().between(${low}, ${high}).all()`;
  if (low !== null) return `${col}.dropna().ge(${low}).all()`;
  if (high !== null) return `${col}.dropna().le(${high}).all()`;
  return null;
}

function header(input: ValidationInput, what: string[], fromCode: boolean): string {
  const from: string[] = [];
  if (input.schema) from.push(`the saved outputs of ${input.source}`);
  if (fromCode) from.push('the columns the code reads');
  return `# Validate ${input.frame} before using it: ${what.join(', ')} from ${from.join(' and ')}`;
}

/** Columns only the code names (not in an output), required unless a full list from the outputs lacks them. */
function codeOnlyColumns(input: ValidationInput): ColumnSchema[] {
  if (input.schema?.complete) return [];
  const names = new Set((input.schema?.columns ?? []).map((c) => c.name.trim()));
  return input.codeColumns.filter((name) => !names.has(name.trim())).map((name) => ({ name }));
}

/** The columns to require: every one an output shows, then those only the code names. */
function requiredColumns(input: ValidationInput): ColumnSchema[] {
  return [...(input.schema?.columns ?? []), ...codeOnlyColumns(input)];
}

function pandasCode(input: ValidationInput): string {
  const { frame, schema } = input;
  const columns = requiredColumns(input);
  const plain = columns.every((c) => plainName(c.name));
  const lines: string[] = [];
  const checks: string[] = [];
  const col = (name: string) => (plain ? `${frame}[${pyStr(name)}]` : `${frame}[_columns[${pyStr(name.trim())}]]`);
  const listed = columns.map((c) => pyStr(plain ? c.name : c.name.trim()));
  const present = plain ? `${frame}.columns` : '_columns';
  if (!plain) lines.push(`_columns = {str(c).strip(): c for c in ${frame}.columns}`);
  if (schema?.rows !== 0) lines.push(`assert len(${frame}) > 0, ${message(`${frame} is empty`)}`);
  if (schema?.complete)
    lines.push(
      `assert list(${present}) == [${listed.join(', ')}], f"unexpected columns in ${escapeBraces(frame)}: {list(${frame}.columns)}"`,
    );
  else if (columns.length > 0)
    lines.push(
      `_missing = {${listed.join(', ')}} - set(${present})`,
      `assert not _missing, f"${escapeBraces(frame)} lacks the columns {sorted(_missing)}"`,
    );
  if (columns.length > 0) checks.push(schema?.complete ? 'columns' : 'the columns it needs');
  const typed = columns.filter((c) => c.dtype);
  for (const column of typed) {
    const family = familyOf(column.dtype!);
    lines.push(`assert ${family.test(col(column.name))}, ${message(`${column.name.trim()}: expected ${family.says}`)}`);
  }
  if (typed.length > 0) checks.push('dtypes');
  const complete = columns.filter((c) => c.nonNull);
  for (const column of complete)
    lines.push(`assert ${col(column.name)}.notna().all(), ${message(`${column.name.trim()} has missing values`)}`);
  if (complete.length > 0) checks.push('no missing values');
  let ranged = false;
  for (const column of columns) {
    if (column.min === undefined || column.max === undefined) continue;
    const { low, high } = looseBounds(column.min, column.max);
    const check = rangeCheck(col(column.name), low, high);
    if (!check) continue;
    lines.push(`assert ${check}, ${message(`${column.name.trim()} is out of its range`)}`);
    ranged = true;
  }
  if (ranged) checks.push('value ranges');
  const imports = typed.length > 0 ? ['import pandas as pd', ''] : [];
  return [header(input, checks, codeOnlyColumns(input).length > 0), ...imports, ...lines].join('\n');
}

function panderaCode(input: ValidationInput): string {
  const { frame, schema } = input;
  const columns = requiredColumns(input);
  const checks = ['columns'];
  if (columns.some((c) => c.dtype)) checks.push('dtypes');
  const lines = [
    header(input, checks, codeOnlyColumns(input).length > 0),
    'import pandera as pa',
    '',
    `${frame}_schema = pa.DataFrameSchema(`,
    '    {',
  ];
  for (const column of columns) {
    const args: string[] = [
      column.dtype && !/^(?:object|string|str)$/.test(column.dtype) ? pyStr(column.dtype) : 'None',
    ];
    args.push(`nullable=${column.nonNull ? 'False' : 'True'}`);
    if (column.min !== undefined && column.max !== undefined) {
      const { low, high } = looseBounds(column.min, column.max);
      if (low !== null && high !== null) args.push(`checks=pa.Check.in_range(${low}, ${high})`);
      else if (low !== null) args.push(`checks=pa.Check.ge(${low})`);
      else if (high !== null) args.push(`checks=pa.Check.le(${high})`);
    }
    lines.push(`        ${pyStr(column.name)}: pa.Column(${args.join(', ')}),`);
  }
  lines.push(
    '    },',
    `    strict=${schema?.complete ? 'True' : 'False'},`,
    ')',
    `${frame} = ${frame}_schema.validate(${frame})`,
  );
  return lines.join('\n');
}

/** Columns of a polars frame, a LazyFrame or a Spark frame; keys of a JSON object. */
function columnsOnlyCode(input: ValidationInput): string | null {
  const { frame, kind, codeColumns } = input;
  const lines: string[] = [];
  if (kind === 'polars') lines.push(`assert len(${frame}) > 0, ${message(`${frame} is empty`)}`);
  if (codeColumns.length > 0) {
    const present = kind === 'mapping' ? `set(${frame})` : `set(${frame}.columns)`;
    lines.push(
      `_missing = {${codeColumns.map(pyStr).join(', ')}} - ${present}`,
      `assert not _missing, f"${escapeBraces(frame)} lacks ${kind === 'mapping' ? 'the keys' : 'the columns'} {sorted(_missing)}"`,
    );
  }
  const head = `# Validate ${input.frame} before using it: the ${kind === 'mapping' ? 'keys' : 'columns'} the code reads`;
  return [head, ...lines].join('\n');
}

/** The validation block for a load, or null when nothing about the data is proven. */
export function validationCode(input: ValidationInput): string | null {
  // "It has rows" alone would silence NH501 without checking anything the notebook relies on.
  if (!input.schema && input.codeColumns.length === 0) return null;
  // A pandas table in the outputs shows a pandas frame, whatever function returned it.
  if (input.kind === 'pandas' || (input.kind === 'other' && input.schema)) {
    const plain = requiredColumns(input).every((c) => plainName(c.name));
    return input.pandera && input.schema && plain ? panderaCode(input) : pandasCode(input);
  }
  if (input.kind === 'other') return null;
  return columnsOnlyCode(input);
}

function escapeBraces(text: string): string {
  return text.replace(/[{}]/g, (c) => c + c);
}
