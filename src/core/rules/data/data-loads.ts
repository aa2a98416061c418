// Where a notebook loads data, for NH501: the calls that read a file, URL or database (by what the imports bind), the
// notebook functions that make one, and the top-level statements they are found among, in notebook order.
import { callFactsOf, type CallFact, type CellCallFacts, type StatementFact } from '../../analysis/call-facts';
import { resolveCallee } from '../../analysis/import-resolution';
import type { CodeCell } from '../../analysis/notebook-model';
import type { RuleContext } from '../context';
import type { LoadedKind } from './validation-code';

const LOAD =
  /^(?:pandas\.read_(?!clipboard)\w+|polars\.(?:read|scan)_\w+|numpy\.(?:load|loadtxt|genfromtxt|fromfile)|json\.load|csv\.(?:reader|DictReader)|dask\.dataframe\.read_\w+|geopandas\.read_file)$/;

/**
 * Every load has one of these words, as LOAD and the Spark forms spell them, in the name it resolves to or in its
 * callee: `read` (`read_csv`, `reader`, `spark.read`), `Read` (`DictReader`), `load` (`loadtxt`), `scan_`, ...
 */
const LOAD_WORDS = /read|Read|load|scan_|genfromtxt|fromfile|sql|table/;

/**
 * Cells with a call that may be a load, to tokenize only those: a call is a load only if its cell has one of
 * LOAD_WORDS (`pd.read_csv`, `np.load`) or a name bound to a load (an import's alias, `from pandas import read_csv
 * as rc` then `rc(...)`, or a notebook function that loads, `get_data()`): the word is in the callee or in the name's
 * target, since a callee's head is replaced by its target whole.
 */
export function mayCallLoad(
  aliases: Map<string, string>,
  loaders: Set<string> = new Set(),
): (code: CodeCell) => boolean {
  const names = [...aliases].filter(([, target]) => LOAD_WORDS.test(target)).map(([alias]) => alias);
  names.push(...loaders);
  return (code) => {
    const python = code.analysis.tokens.text;
    return LOAD_WORDS.test(python) || names.some((name) => python.includes(name));
  };
}

function isLoadCall(call: CallFact, resolved: string): boolean {
  return (
    LOAD.test(resolved) ||
    /^spark\.read\b|\.read\.(?:csv|parquet|json|table|load|format)$/.test(call.callee) ||
    /^(?:spark|sqlContext)\.(?:read\.\w+|sql|table)$/.test(call.callee)
  );
}

export interface Load {
  code: CodeCell;
  statementIndex: number;
  statement: StatementFact;
  call: CallFact;
  frame: string;
  kind: LoadedKind;
}

/** pandas readers that return one frame (unless asked for chunks, several sheets or a Series). */
const PANDAS_FRAME =
  /^pandas\.read_(?:csv|table|fwf|excel|json|parquet|feather|orc|sql|sql_query|sql_table|stata|sas|spss|hdf|xml|gbq)$|^(?:geopandas\.read_file|dask\.dataframe\.read_\w+)$/;

/** What the load gives back, from the function it calls and its arguments. */
function loadedKind(call: CallFact, resolved: string): LoadedKind {
  if (PANDAS_FRAME.test(resolved)) {
    const keyword = (name: string) => call.args.find((a) => a.keyword === name);
    const many =
      keyword('chunksize') !== undefined ||
      /True/.test(keyword('iterator')?.text ?? '') ||
      /None|\[/.test(keyword('sheet_name')?.text ?? '') ||
      /series/.test(keyword('typ')?.text ?? '');
    return many ? 'other' : 'pandas';
  }
  if (/^polars\.read_/.test(resolved)) return 'polars';
  if (/^polars\.scan_/.test(resolved) || /\bread\b|^(?:spark|sqlContext)\./.test(call.callee)) return 'lazy';
  if (resolved === 'json.load') return 'mapping';
  return 'other';
}

export interface Walked {
  code: CodeCell;
  facts: CellCallFacts;
  statementIndex: number;
  statement: StatementFact;
}

/** Top-level statements in notebook order, of the cells that pass `keep`. */
export function walk(ctx: RuleContext, keep: (code: CodeCell) => boolean): Walked[] {
  const out: Walked[] = [];
  for (const code of ctx.model.codeCells) {
    if (!keep(code)) continue;
    const facts = callFactsOf(code.analysis);
    facts.statements.forEach((statement, statementIndex) => {
      if (statement.fn === null) out.push({ code, facts, statementIndex, statement });
    });
  }
  return out;
}

/** Cells whose source names `name` as a variable (not as an attribute, `x.name`). */
export function mentions(name: string): (code: CodeCell) => boolean {
  const word = new RegExp(`(?<![\\w.])${name}\\b`);
  return (code) => word.test(code.cell.source);
}

/** Notebook functions that load data (`def load_housing_data(): return pd.read_csv(...)`). */
export function loaderFunctions(ctx: RuleContext, aliases: Map<string, string>): Set<string> {
  const names = new Set<string>();
  const mayLoad = mayCallLoad(aliases);
  for (const code of ctx.model.codeCells) {
    if (!mayLoad(code)) continue;
    const facts = callFactsOf(code.analysis);
    for (const call of facts.calls) {
      const fn = facts.statements[call.statement]!.fn;
      if (fn !== null && isLoadCall(call, resolveCallee(call.callee, aliases))) names.add(fn);
    }
  }
  return names;
}

/** The statements that assign one name the result of a load or of a loader function: what NH501 follows. */
export function findLoads(walked: Walked[], aliases: Map<string, string>, loaders: Set<string>): Load[] {
  const loads: Load[] = [];
  for (const w of walked) {
    if (w.statement.targets.length !== 1) continue;
    const call = w.facts.calls.find(
      (c) =>
        c.statement === w.statementIndex && (isLoadCall(c, resolveCallee(c.callee, aliases)) || loaders.has(c.callee)),
    );
    if (!call) continue;
    // `json.load(f)` and `csv.reader(f)` read a file opened by `with open(...)`; the rest read a path, URL or query.
    const resolved = resolveCallee(call.callee, aliases);
    loads.push({
      code: w.code,
      statementIndex: w.statementIndex,
      statement: w.statement,
      call,
      frame: w.statement.targets[0]!,
      kind: loaders.has(call.callee) ? 'other' : loadedKind(call, resolved),
    });
  }
  return loads;
}
