// NH501 unvalidated-data-load: Data read from a file, URL or database is used without any check of its columns, dtypes or values.
import type { CodeCell } from '../../analysis/dataflow';
import { callFactsOf, type CallFact, type CellCallFacts, type StatementFact } from '../../analysis/call-facts';
import { aliasesOf, resolveCallee } from '../../analysis/import-resolution';
import { mergeSchemas, pandasChecks, panderaChecks, schemaFromOutput, templateChecks, type FrameSchema } from './schema-from-outputs';
import { fix, insertAfterLine } from '../../refactor/cell-text-edits';
import type { Finding, Fix, RelatedLocation } from '../../types';
import { cellLabel, makeFinding, type RuleContext } from '../context';
import { defineRule } from '../rule';

export const unvalidatedDataLoad = defineRule({
  code: 'NH501',
  name: 'unvalidated-data-load',
  family: 'data',
  defaultSeverity: 'warning',
  summary: 'Data read from a file, URL or database is used without any check of its columns, dtypes or values.',
  docs: `A frame read from a file, URL or database (\`pd.read_*\`, \`pl.read_*\`, \`np.load*\`,
\`spark.read\`, \`json.load\`/\`csv.reader\`, or a notebook function that does one of these) is used before anything
checks it: no \`assert\` or \`if ...: raise\` on it, no \`pandera\`/\`great_expectations\`/\`pydantic\` validation, no call
of a notebook function that asserts, raises or validates. Looking at it (\`df.head()\`, \`df.info()\`,
\`print(df.shape)\`) is not using it. Not reported: a load not assigned to one name (\`a, b = ...\`), a frame assigned
again before it is used, and code inside functions.

\`\`\`python
df = pd.read_csv("sales.csv")   # NH501
df["margin"] = df.price - df.cost
\`\`\`
*Fix:* a validation block right after the load. When the saved outputs show the frame (\`df.head()\` as HTML or
text, \`df.dtypes\`, \`df.info()\`, \`df.describe()\`), the block is generated from them: the columns (an exact list when
an output shows all of them), dtypes (exact from \`dtypes\`/\`info()\`, the kind from \`head()\`), not-null where \`info()\`
or \`describe()\` counts every row, and value ranges from \`describe()\` (widened for the rounding of the printed
numbers). It is \`pandera\` code when the project declares pandera, plain pandas asserts otherwise. A column no
output shows is never checked; without outputs the block is a template.`,
  run: findUnvalidatedDataLoads,
});

const LOAD = /^(?:pandas\.read_(?!clipboard)\w+|polars\.(?:read|scan)_\w+|numpy\.(?:load|loadtxt|genfromtxt|fromfile)|json\.load|csv\.(?:reader|DictReader)|dask\.dataframe\.read_\w+|geopandas\.read_file)$/;
const LOAD_PRECHECK = /read_|\.load|loadtxt|genfromtxt|fromfile|csv\.|spark\.read|scan_|DictReader/;
const VALIDATORS = /^(?:validate|validate_python|validate_json|model_validate|parse_obj|from_pandas|validate_df|check_schema|expect_\w+)$/;
const VALIDATION_LIBS = /^(?:pandera|great_expectations|pydantic|pandantic|dataenforce|schema)(?:\.|$)/;
const INSPECT = new Set([
  'head', 'tail', 'sample', 'info', 'describe', 'display', 'print', 'len', 'value_counts', 'nunique', 'unique', 'isnull', 'isna',
  'sum', 'count', 'memory_usage', 'corr', 'hist', 'plot', 'scatter', 'show', 'figure', 'to_string', 'keys', 'items',
]);
const INSPECT_ATTRS = new Set(['shape', 'dtypes', 'columns', 'index', 'size', 'ndim', 'T', 'values']);

function isLoadCall(call: CallFact, resolved: string): boolean {
  return LOAD.test(resolved) || /^spark\.read\b|\.read\.(?:csv|parquet|json|table|load|format)$/.test(call.callee) || /^(?:spark|sqlContext)\.(?:read\.\w+|sql|table)$/.test(call.callee);
}

interface Load {
  code: CodeCell;
  statementIndex: number;
  statement: StatementFact;
  call: CallFact;
  frame: string;
}

interface Walked {
  code: CodeCell;
  facts: CellCallFacts;
  statementIndex: number;
  statement: StatementFact;
}

/** Top-level statements in notebook order, of the cells that pass `keep` (others are not tokenized). */
function walk(ctx: RuleContext, keep: (source: string) => boolean = () => true): Walked[] {
  const out: Walked[] = [];
  for (const code of ctx.model.codeCells) {
    if (!keep(code.cell.source)) continue;
    const facts = callFactsOf(code.analysis);
    facts.statements.forEach((statement, statementIndex) => {
      if (statement.fn === null) out.push({ code, facts, statementIndex, statement });
    });
  }
  return out;
}

function mentions(name: string): (source: string) => boolean {
  const word = new RegExp(`(?<![\\w.])${name}\\b`);
  return (source) => word.test(source);
}

/** Notebook functions that validate one of their parameters (an assert, a raise or a validator call in the body). */
function validatingFunctions(ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  for (const { cell, analysis } of ctx.model.codeCells) {
    if (!/\bdef\b/.test(cell.source) || !/\bassert\b|\braise\b|validat|expect_|parse_obj|check_schema/.test(cell.source)) continue;
    const facts = callFactsOf(analysis);
    for (const fn of facts.functions.values()) {
      const checks = fn.body.some((k) => {
        const s = facts.statements[k]!;
        return s.first === 'assert' || s.first === 'raise' || facts.calls.some((c) => c.statement === k && VALIDATORS.test(c.method));
      });
      if (checks) names.add(fn.name);
    }
  }
  return names;
}

/** Notebook functions that load data (`def load_housing_data(): return pd.read_csv(...)`). */
function loaderFunctions(ctx: RuleContext, aliases: Map<string, string>): Set<string> {
  const names = new Set<string>();
  for (const { cell, analysis } of ctx.model.codeCells) {
    if (!/\bdef\b/.test(cell.source) || !LOAD_PRECHECK.test(cell.source)) continue;
    const facts = callFactsOf(analysis);
    for (const call of facts.calls) {
      const fn = facts.statements[call.statement]!.fn;
      if (fn !== null && isLoadCall(call, resolveCallee(call.callee, aliases))) names.add(fn);
    }
  }
  return names;
}

function checksFrame(w: Walked, frame: string, validators: Set<string>, aliases: Map<string, string>, next: Walked | undefined): boolean {
  const { statement, facts, statementIndex } = w;
  if (!statement.reads.has(frame) && !statement.tokens.some((t) => t.text === frame)) return false;
  if (statement.first === 'assert') return true;
  if (statement.first === 'if' && next && next.code === w.code && next.statement.first === 'raise' && next.statement.indent > statement.indent) return true;
  for (const call of facts.calls) {
    if (call.statement !== statementIndex) continue;
    const mentions = call.args.some((a) => a.name === frame || a.tokens.some((t) => t.text === frame)) || call.root === frame;
    if (!mentions) continue;
    if (VALIDATORS.test(call.method) || VALIDATION_LIBS.test(resolveCallee(call.callee, aliases))) return true;
    if (call.method === 'pipe' && call.args.some((a) => /validate/.test(a.text))) return true;
    if (validators.has(call.callee)) return true;
  }
  return false;
}

/** `df`, `df.head()`, `print(df.dtypes)`, `display(df.describe())`: looking at the frame is not using it. */
function inspects(w: Walked, frame: string): boolean {
  const { statement, facts, statementIndex } = w;
  if (statement.targets.length > 0) return false;
  if ([...statement.reads].some((name) => name !== frame && !INSPECT.has(name) && !/^(?:plt|sns|pd|np)$/.test(name))) return false;
  const calls = facts.calls.filter((c) => c.statement === statementIndex);
  if (!calls.every((c) => INSPECT.has(c.method))) return false;
  const tokens = statement.tokens;
  return tokens.every((t, k) => t.kind !== 'name' || t.text !== frame || tokens[k + 1]?.text !== '.' || INSPECT.has(tokens[k + 2]?.text ?? '') || INSPECT_ATTRS.has(tokens[k + 2]?.text ?? ''));
}

function findLoads(walked: Walked[], aliases: Map<string, string>, loaders: Set<string>): Load[] {
  const loads: Load[] = [];
  for (const w of walked) {
    if (w.statement.targets.length !== 1) continue;
    const call = w.facts.calls.find((c) => c.statement === w.statementIndex && (isLoadCall(c, resolveCallee(c.callee, aliases)) || loaders.has(c.callee)));
    if (!call) continue;
    // `json.load(f)` and `csv.reader(f)` read a file opened by `with open(...)`; the rest read a path, URL or query.
    loads.push({ code: w.code, statementIndex: w.statementIndex, statement: w.statement, call, frame: w.statement.targets[0]! });
  }
  return loads;
}

/** Outputs of the cells that display the frame between its load and its next binding. */
function displayedSchema(walked: Walked[], from: number, frame: string): { schema: FrameSchema; cells: number[] } | null {
  const parts: FrameSchema[] = [];
  const cells = new Set<number>();
  const seen = new Set<number>();
  for (let k = from; k < walked.length; k++) {
    const w = walked[k]!;
    if (k > from && w.statement.targets.includes(frame)) break;
    if (seen.has(w.code.cell.index) || !inspects(w, frame) || !w.statement.tokens.some((t) => t.text === frame)) continue;
    // Every display statement of the cell must be about this frame, or the outputs cannot be told apart.
    const cellStatements = walked.filter((x) => x.code === w.code && x.statement.targets.length === 0);
    const others = cellStatements.some((x) => [...x.statement.reads].some((name) => name !== frame && !INSPECT.has(name) && !/^(?:plt|sns|pd|np)$/.test(name)));
    seen.add(w.code.cell.index);
    for (const output of w.code.cell.outputs) {
      const parsed = schemaFromOutput(output);
      if (!parsed) continue;
      if (others && parsed.shape === 'head') continue;
      parts.push(parsed.schema);
      cells.add(w.code.cell.index);
    }
  }
  const schema = mergeSchemas(parts);
  return schema ? { schema, cells: [...cells] } : null;
}

function declaresPandera(ctx: RuleContext): boolean {
  const project = ctx.project;
  if (!project) return false;
  return project.manifests.some((m) => m.declarations.some((d) => /^pandera$/i.test(d.name))) || project.locks.some((l) => l.entries.some((e) => /^pandera$/i.test(e.name)));
}

function findUnvalidatedDataLoads(ctx: RuleContext): Finding[] {
  if (!ctx.model.codeCells.some(({ cell }) => LOAD_PRECHECK.test(cell.source))) return [];
  const aliases = aliasesOf(ctx.model);
  const loaders = loaderFunctions(ctx, aliases);
  const loads = findLoads(walk(ctx, (source) => LOAD_PRECHECK.test(source) || [...loaders].some((name) => source.includes(name))), aliases, loaders);
  if (loads.length === 0) return [];
  const validators = validatingFunctions(ctx);
  const pandera = declaresPandera(ctx);
  const findings: Finding[] = [];
  for (const load of loads) {
    const walked = walk(ctx, mentions(load.frame));
    const start = walked.findIndex((w) => w.code === load.code && w.statementIndex === load.statementIndex);
    let use: Walked | null = null;
    for (let k = start + 1; k < walked.length; k++) {
      const w = walked[k]!;
      if (checksFrame(w, load.frame, validators, aliases, walked[k + 1])) break;
      const mentions = w.statement.reads.has(load.frame);
      if (w.statement.targets.includes(load.frame) && !mentions) break;
      if (!mentions || inspects(w, load.frame)) continue;
      use = w;
      break;
    }
    if (!use) continue;
    const related: RelatedLocation[] = [{ message: `${load.frame} is first used here`, cellIndex: use.code.cell.index, range: use.statement.range }];
    const finding = makeFinding(ctx.notebook, {
      code: 'NH501',
      cellIndex: load.code.cell.index,
      range: load.call.range,
      message: `${load.frame} is read by ${load.call.callee}(...) and used in ${cellLabel(use.code.cell.index)} without any check of its columns, dtypes or values: data that changes shape breaks the notebook silently`,
      related,
    });
    findings.push({ ...finding, fixes: [validationFix(walked, start, load, pandera)] });
  }
  return findings;
}

function validationFix(walked: Walked[], start: number, load: Load, pandera: boolean): Fix {
  const shown = displayedSchema(walked, start, load.frame);
  const source = shown ? shown.cells.map(cellLabel).join(', ') : '';
  const code = shown ? (pandera ? panderaChecks(load.frame, shown.schema, source) : pandasChecks(load.frame, shown.schema, source)) : templateChecks(load.frame);
  const edit = insertAfterLine(load.code.cell, load.statement.range.end.line, load.statement.indent, code);
  return fix(
    shown ? `Validate ${load.frame} after loading it (${pandera ? 'pandera schema' : 'asserts'} from the saved outputs of ${source})` : `Add a validation block for ${load.frame} after loading it`,
    [edit],
  );
}
