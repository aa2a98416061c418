// NH501 unvalidated-data-load: Data read from a file, URL or database is used without any check of its columns, dtypes or values.
import { callFactsOf } from '../../analysis/call-facts';
import { aliasesOf, resolveCallee } from '../../analysis/import-resolution';
import type { Token } from '../../analysis/python-tokens';
import { mergeSchemas, schemaFromOutput, type FrameSchema } from './schema-from-outputs';
import { codeColumns, mutates } from './frame-in-code';
import { findLoads, loaderFunctions, mayCallLoad, mentions, walk, type Load, type Walked } from './data-loads';
import { validationCode } from './validation-code';
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
of a notebook function that asserts, raises or validates. Loads are recognised by what the imports bind
(\`from pandas import read_csv as rc\`, \`from json import load\`). Not using it: looking at it or at a column
(\`df.head()\`, \`df.info()\`, \`print(df.shape)\`, \`df.points.dtype\`), reading what it is rather than a value
(\`n = len(df)\`, \`dtype = df.points.dtype\`), keeping some of its rows under its name (\`df = df.head()\`), writing it
out whole (\`text = json.dumps(data)\`). Not reported: a load not assigned to one name (\`a, b = ...\`), a frame
assigned again before it is used, code inside functions, and a first use in a cell that then asserts on what it
computed from the data (\`notes\` gathered from the frames, then \`assert min(notes) == 36\`).

\`\`\`python
df = pd.read_csv("sales.csv")   # NH501
df["margin"] = df.price - df.cost
\`\`\`
*Fix:* a validation block right after the load, asserting only what the notebook proves there. From the saved
outputs that show the frame before anything changes it (a column added, \`inplace=True\`, \`df.columns = ...\` end
the outputs that count): the columns (an exact list when \`head()\`, \`dtypes\` or \`info()\` shows all of them, as
HTML or plain text), dtypes by family from \`dtypes\`/\`info()\` only (never from the few rows \`head()\` shows), not-null
where \`info()\` or \`describe()\` counts every row, and ranges from \`describe()\` loose enough for new data (a share stays
in [0, 1], a non-negative column non-negative, others may reach as far again). Where no output shows the frame, the
columns (or JSON keys) the code reads before creating them. It is \`pandera\` code when the project declares pandera,
plain asserts otherwise. Nothing is invented: a load nothing proves anything about (a csv reader, an array, a Spark
frame whose columns the code never names) gets no fix.`,
  run: findUnvalidatedDataLoads,
});

const VALIDATORS =
  /^(?:validate|validate_python|validate_json|model_validate|parse_obj|from_pandas|validate_df|check_schema|expect_\w+)$/;
const VALIDATION_LIBS = /^(?:pandera|great_expectations|pydantic|pandantic|dataenforce|schema)(?:\.|$)/;
const INSPECT = new Set([
  'head',
  'tail',
  'sample',
  'info',
  'describe',
  'display',
  'print',
  'len',
  'value_counts',
  'nunique',
  'unique',
  'isnull',
  'isna',
  'sum',
  'count',
  'memory_usage',
  'corr',
  'hist',
  'plot',
  'scatter',
  'show',
  'figure',
  'to_string',
  'keys',
  'items',
]);
const INSPECT_ATTRS = new Set(['shape', 'dtypes', 'dtype', 'columns', 'index', 'size', 'ndim', 'T', 'values']);
/** What a frame or column is rather than what it holds: `dtype = df.points.dtype` reads no value of the data. */
const METADATA_ATTRS = new Set(['shape', 'dtypes', 'dtype', 'columns', 'size', 'ndim']);
/** `df = df.head()`: the same data, fewer rows, still under the frame's name. */
const SAME_DATA = new Set(['head', 'tail', 'sample', 'copy']);
/** Writing the whole object out again (`text = json.dumps(data)`) reads none of its fields. */
const SERIALISE = /^(?:json\.dumps?|pickle\.dumps?|yaml\.(?:safe_)?dump)$/;

/**
 * Notebook functions that validate one of their parameters: an assert, a raise, a validator method or a call of a
 * validation library (by what the imports bind: \`ge.from_pandas(frame)\`) in the body.
 */
function validatingFunctions(ctx: RuleContext, aliases: Map<string, string>): Set<string> {
  const names = new Set<string>();
  for (const { analysis } of ctx.model.codeCells) {
    // Functions are the `def` statements of the call facts: a cell without the word has none, and is not tokenized.
    if (!analysis.tokens.text.includes('def')) continue;
    const facts = callFactsOf(analysis);
    for (const fn of facts.functions.values()) {
      const checks = fn.body.some((k) => {
        const s = facts.statements[k]!;
        if (s.first === 'assert' || s.first === 'raise') return true;
        return facts.calls.some(
          (c) =>
            c.statement === k && (VALIDATORS.test(c.method) || VALIDATION_LIBS.test(resolveCallee(c.callee, aliases))),
        );
      });
      if (checks) names.add(fn.name);
    }
  }
  return names;
}

function checksFrame(
  w: Walked,
  frame: string,
  validators: Set<string>,
  aliases: Map<string, string>,
  next: Walked | undefined,
): boolean {
  const { statement, facts, statementIndex } = w;
  if (!statement.reads.has(frame) && !statement.tokens.some((t) => t.text === frame)) return false;
  if (statement.first === 'assert') return true;
  if (
    statement.first === 'if' &&
    next &&
    next.code === w.code &&
    next.statement.first === 'raise' &&
    next.statement.indent > statement.indent
  )
    return true;
  for (const call of facts.calls) {
    if (call.statement !== statementIndex) continue;
    const mentions =
      call.args.some((a) => a.name === frame || a.tokens.some((t) => t.text === frame)) || call.root === frame;
    if (!mentions) continue;
    if (VALIDATORS.test(call.method) || VALIDATION_LIBS.test(resolveCallee(call.callee, aliases))) return true;
    if (call.method === 'pipe' && call.args.some((a) => /validate/.test(a.text))) return true;
    if (validators.has(call.callee)) return true;
  }
  return false;
}

/** The tokens that name the frame itself (not an attribute `x.df`). */
function frameMentions(tokens: Token[], frame: string): number[] {
  const at: number[] = [];
  tokens.forEach((t, k) => {
    if (t.kind === 'name' && t.text === frame && tokens[k - 1]?.text !== '.') at.push(k);
  });
  return at;
}

/**
 * Where the chain on the frame at tokens[k] stops being a column access: `df.points.dtype` → the attribute `dtype`,
 * `df["a"].head()` → the call `head`; null when it is only columns (`df.points`, `df.loc[0]`) or the frame itself.
 */
function chainEnd(tokens: Token[], k: number): { name: string; call: boolean } | null {
  let j = k + 1;
  for (;;) {
    const t = tokens[j];
    if (t?.kind === 'op' && t.text === '.' && tokens[j + 1]?.kind === 'name') {
      const name = tokens[j + 1]!.text;
      const call = tokens[j + 2]?.kind === 'op' && tokens[j + 2]!.text === '(';
      if (call || INSPECT_ATTRS.has(name)) return { name, call };
      j += 2;
    } else if (t?.kind === 'op' && t.text === '[') {
      let depth = 0;
      for (; j < tokens.length; j++) {
        if (tokens[j]!.kind !== 'op') continue;
        if (tokens[j]!.text === '[') depth++;
        else if (tokens[j]!.text === ']' && --depth === 0) break;
      }
      j++;
    } else {
      return null;
    }
  }
}

/**
 * \`df\`, \`df.head()\`, \`print(df.dtypes)\`, \`display(df.describe())\`: looking at the frame is not using it. With
 * \`throughColumns\`, looking at a column is too (\`df.points.dtype\`, \`df["a"].head()\`); the saved outputs of those
 * show a column, not the frame, so the schema of the fix reads only the strict form.
 */
function inspects(w: Walked, frame: string, throughColumns = false): boolean {
  const { statement, facts, statementIndex } = w;
  if (statement.targets.length > 0 || mutates(statement, frame)) return false;
  if ([...statement.reads].some((name) => name !== frame && !INSPECT.has(name) && !/^(?:plt|sns|pd|np)$/.test(name)))
    return false;
  const calls = facts.calls.filter((c) => c.statement === statementIndex);
  if (!calls.every((c) => INSPECT.has(c.method))) return false;
  const tokens = statement.tokens;
  if (throughColumns) {
    return frameMentions(tokens, frame).every((k) => {
      const end = chainEnd(tokens, k);
      return end === null || (end.call ? INSPECT.has(end.name) : INSPECT_ATTRS.has(end.name));
    });
  }
  return tokens.every(
    (t, k) =>
      t.kind !== 'name' ||
      t.text !== frame ||
      tokens[k + 1]?.text !== '.' ||
      INSPECT.has(tokens[k + 2]?.text ?? '') ||
      INSPECT_ATTRS.has(tokens[k + 2]?.text ?? ''),
  );
}

/** \`dtype = reviews.points.dtype\`, \`n_rows = df.shape[0]\`, \`n = len(df)\`: what the frame is, not a value it holds. */
function readsMetadataOnly(w: Walked, frame: string): boolean {
  const { statement } = w;
  const tokens = statement.tokens;
  if (statement.targets.length === 0 || statement.targets.includes(frame)) return false;
  const at = frameMentions(tokens, frame);
  return (
    at.length > 0 &&
    at.every((k) => {
      if (tokens[k - 2]?.text === 'len' && tokens[k - 1]?.text === '(' && tokens[k + 1]?.text === ')') return true;
      const end = chainEnd(tokens, k);
      return end !== null && !end.call && METADATA_ATTRS.has(end.name);
    })
  );
}

/** \`us_cities = us_cities.head()\`: the frame keeps some of its rows under its name; a later statement uses it or not. */
function keepsSameData(w: Walked, frame: string): boolean {
  const { statement, facts, statementIndex } = w;
  if (
    statement.targets.length !== 1 ||
    statement.targets[0] !== frame ||
    statement.reads.size !== 1 ||
    !statement.reads.has(frame)
  )
    return false;
  const calls = facts.calls.filter((c) => c.statement === statementIndex);
  return (
    calls.length > 0 &&
    calls.every(
      (c) =>
        c.receiver === frame &&
        SAME_DATA.has(c.method) &&
        c.args.every((a) => a.tokens.every((t) => t.kind !== 'string')),
    )
  );
}

/** \`text = json.dumps(data)\`: the whole object written out again, none of its fields read. */
function onlySerialises(w: Walked, frame: string, aliases: Map<string, string>): boolean {
  const { statement, facts, statementIndex } = w;
  const whole = new Set<Token>();
  for (const call of facts.calls) {
    if (call.statement !== statementIndex || !SERIALISE.test(resolveCallee(call.callee, aliases))) continue;
    for (const arg of call.args)
      if (arg.keyword === null && arg.tokens.length === 1 && arg.tokens[0]!.text === frame) whole.add(arg.tokens[0]!);
  }
  const at = frameMentions(statement.tokens, frame);
  return at.length > 0 && at.every((k) => whole.has(statement.tokens[k]!));
}

/**
 * \`for chorale in chorales: notes |= set(chord)\` ... \`assert min(notes) == 36\`: the cell that first uses the data
 * asserts on (or validates) what it computed from it, so the use is the check's computation. Names bound from the
 * frame are followed through the rest of that cell.
 */
function checkedInCell(
  walked: Walked[],
  use: number,
  frame: string,
  validators: Set<string>,
  aliases: Map<string, string>,
): boolean {
  const code = walked[use]!.code;
  const derived = new Set([frame]);
  for (let j = use; j < walked.length && walked[j]!.code === code; j++) {
    const w = walked[j]!;
    const names = [...derived].filter((name) => w.statement.reads.has(name));
    if (names.length === 0) continue;
    if (j > use && names.some((name) => checksFrame(w, name, validators, aliases, walked[j + 1]))) return true;
    for (const target of w.statement.targets) derived.add(target);
  }
  return false;
}

/** What a statement shows about the frame that saved outputs can be trusted for: the frame itself or its schema. */
const SCHEMA_VIEWS = new Set(['head', 'tail', 'sample', 'info', 'describe', 'dtypes', 'shape']);

/**
 * \`df\`, \`df.head()\`, \`print(df.dtypes)\`, \`display(df.describe())\`: a statement whose output shows the frame as
 * loaded. Not \`df[["a", "b"]].head()\` (some columns), \`df.describe().T\` or \`df.corr()\` (another table).
 */
function showsSchema(w: Walked, frame: string): boolean {
  if (!inspects(w, frame)) return false;
  const tokens = w.statement.tokens;
  return frameMentions(tokens, frame).every((k) => {
    const next = tokens[k + 1];
    if (next?.text === '[') return false;
    if (next?.text !== '.') return true;
    const view = tokens[k + 2]?.text ?? '';
    if (!SCHEMA_VIEWS.has(view)) return false;
    // Nothing chained after the view but a call's arguments: `df.describe().T` is not describe().
    let j = k + 3;
    if (tokens[j]?.text === '(') {
      for (let depth = 0; j < tokens.length; j++) {
        if (tokens[j]!.text === '(') depth++;
        else if (tokens[j]!.text === ')' && --depth === 0) break;
      }
      j++;
    }
    return tokens[j]?.text !== '.' && tokens[j]?.text !== '[';
  });
}

/**
 * Outputs of the cells that show the frame as it is right after the load: from the load on, until the frame is bound
 * again or changed in place (a column added, \`inplace=True\`, \`df.columns = ...\`). A cell that changes it before
 * showing it does not count: its outputs show the frame after the change.
 */
function displayedSchema(
  walked: Walked[],
  from: number,
  frame: string,
): { schema: FrameSchema; cells: number[] } | null {
  const parts = new Map<number, FrameSchema[]>();
  const seen = new Set<number>();
  for (let k = from; k < walked.length; k++) {
    const w = walked[k]!;
    if (k > from && (w.statement.targets.includes(frame) || mutates(w.statement, frame))) {
      parts.delete(w.code.cell.index);
      break;
    }
    if (seen.has(w.code.cell.index) || !showsSchema(w, frame)) continue;
    // Every display statement of the cell must be about this frame, or the outputs cannot be told apart.
    const cellStatements = walked.filter(
      (x) => x.code === w.code && x.statement.targets.length === 0 && !/^(?:import|from)$/.test(x.statement.first),
    );
    const others = cellStatements.some(
      (x) =>
        [...x.statement.reads].some(
          (name) => name !== frame && !INSPECT.has(name) && !/^(?:plt|sns|pd|np)$/.test(name),
        ) ||
        (x.statement.reads.has(frame) && !showsSchema(x, frame) && !mutates(x.statement, frame)),
    );
    seen.add(w.code.cell.index);
    for (const output of w.code.cell.outputs) {
      const parsed = schemaFromOutput(output);
      if (!parsed) continue;
      if (others && (parsed.shape === 'head' || parsed.shape === 'describe')) continue;
      parts.set(w.code.cell.index, [...(parts.get(w.code.cell.index) ?? []), parsed.schema]);
    }
  }
  const schema = mergeSchemas([...parts.values()].flat());
  return schema ? { schema, cells: [...parts.keys()] } : null;
}

function declaresPandera(ctx: RuleContext): boolean {
  const project = ctx.project;
  if (!project) return false;
  return (
    project.manifests.some((m) => m.declarations.some((d) => /^pandera$/i.test(d.name))) ||
    project.locks.some((l) => l.entries.some((e) => /^pandera$/i.test(e.name)))
  );
}

function findUnvalidatedDataLoads(ctx: RuleContext): Finding[] {
  const aliases = aliasesOf(ctx.model);
  const loaders = loaderFunctions(ctx, aliases);
  const loads = findLoads(walk(ctx, mayCallLoad(aliases, loaders)), aliases, loaders);
  if (loads.length === 0) return [];
  const validators = validatingFunctions(ctx, aliases);
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
      if (
        !mentions ||
        inspects(w, load.frame, true) ||
        readsMetadataOnly(w, load.frame) ||
        keepsSameData(w, load.frame) ||
        onlySerialises(w, load.frame, aliases)
      )
        continue;
      if (!checkedInCell(walked, k, load.frame, validators, aliases)) use = w;
      break;
    }
    if (!use) continue;
    const related: RelatedLocation[] = [
      { message: `${load.frame} is first used here`, cellIndex: use.code.cell.index, range: use.statement.range },
    ];
    const finding = makeFinding(ctx.notebook, {
      code: 'NH501',
      cellIndex: load.code.cell.index,
      range: load.call.range,
      message: `${load.frame} is read by ${load.call.callee}(...) and used in ${cellLabel(use.code.cell.index)} without any check of its columns, dtypes or values: data that changes shape breaks the notebook silently`,
      related,
    });
    const validation = validationFix(walked, start, load, pandera);
    findings.push({ ...finding, fixes: validation ? [validation] : [] });
  }
  return findings;
}

function validationFix(walked: Walked[], start: number, load: Load, pandera: boolean): Fix | null {
  const shown = displayedSchema(walked, start, load.frame);
  const source = shown ? shown.cells.map(cellLabel).join(', ') : '';
  const read = codeColumns(
    walked.slice(start + 1).map((w) => w.statement),
    load.frame,
  );
  const code = validationCode({
    frame: load.frame,
    kind: load.kind,
    schema: shown?.schema ?? null,
    source,
    codeColumns: read,
    pandera,
  });
  if (code === null) return null;
  const edit = insertAfterLine(load.code.cell, load.statement.range.end.line, load.statement.indent, code);
  const what = shown
    ? `${/import pandera/.test(code) ? 'pandera schema' : 'asserts'} from the saved outputs of ${source}`
    : `the ${load.kind === 'mapping' ? 'keys' : 'columns'} its code reads`;
  return fix(`Validate ${load.frame} after loading it (${what})`, [edit]);
}
