// What the code after a load does to the loaded frame, read from its tokens: whether a statement changes it in place
// (the saved outputs after that show another frame than the load gave), and which columns the code reads before any
// statement creates them (the columns the load must give for the notebook to run).
import type { StatementFact } from '../../analysis/call-facts';
import type { Token } from '../../analysis/python-tokens';

/** Methods that change a frame, a dict or a list in place. */
const MUTATING_METHODS = new Set([
  'pop',
  'insert',
  'update',
  'clear',
  'setdefault',
  'popitem',
  'append',
  'extend',
  'remove',
  'sort',
  'reverse',
]);
/** Functions that are known to leave their arguments alone; any other plain function (a notebook's) may change them. */
const LEAVES_ARGUMENTS = new Set([
  'print',
  'len',
  'display',
  'list',
  'sorted',
  'type',
  'str',
  'repr',
  'isinstance',
  'set',
  'dict',
  'tuple',
  'enumerate',
  'zip',
  'sum',
  'min',
  'max',
  'id',
  'iter',
  'next',
  'range',
  'float',
  'int',
]);
const AUGMENTED = /^(?:\+|-|\*|\/|\/\/|%|\*\*|&|\||\^|@|<<|>>)=$/;

function isOp(token: Token | undefined, text: string): boolean {
  return token?.kind === 'op' && token.text === text;
}

/** Index of the bracket closing the one at `open`. */
function closing(tokens: Token[], open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const close = pairs[tokens[open]!.text]!;
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind !== 'op') continue;
    if (t.text === tokens[open]!.text) depth++;
    else if (t.text === close && --depth === 0) return j;
  }
  return tokens.length;
}

/** Where the frame is named itself (not `x.df`, not a keyword argument `df=`). */
function mentions(tokens: Token[], frame: string): number[] {
  const at: number[] = [];
  tokens.forEach((t, k) => {
    if (t.kind !== 'name' || t.text !== frame || isOp(tokens[k - 1], '.')) return;
    const keyword = isOp(tokens[k + 1], '=') && (isOp(tokens[k - 1], '(') || isOp(tokens[k - 1], ','));
    if (!keyword) at.push(k);
  });
  return at;
}

interface Chain {
  /** Index just past the chain of `.name`, `.name(...)` and `[...]` after the frame. */
  end: number;
  segments: number;
  /** A method in the chain changes its receiver in place (`.pop(...)`, `inplace=True`). */
  mutatingCall: boolean;
}

function chainAfter(tokens: Token[], k: number): Chain {
  let j = k + 1;
  let segments = 0;
  let mutatingCall = false;
  for (;;) {
    if (isOp(tokens[j], '.') && tokens[j + 1]?.kind === 'name') {
      const name = tokens[j + 1]!.text;
      j += 2;
      if (isOp(tokens[j], '(')) {
        const close = closing(tokens, j);
        const args = tokens.slice(j + 1, close);
        if (
          MUTATING_METHODS.has(name) ||
          args.some((t, i) => t.text === 'inplace' && isOp(args[i + 1], '=') && args[i + 2]?.text === 'True')
        )
          mutatingCall = true;
        j = close + 1;
      }
      segments++;
    } else if (isOp(tokens[j], '[')) {
      j = closing(tokens, j) + 1;
      segments++;
    } else return { end: j, segments, mutatingCall };
  }
}

/** The frame is an argument of a plain function that may change it (`clean(df)`), not of `print` or `len`. */
function passedToFunction(tokens: Token[], k: number): boolean {
  let depth = 0;
  for (let j = k - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.kind !== 'op') continue;
    if (t.text === ')' || t.text === ']' || t.text === '}') depth++;
    else if (t.text === '[' || t.text === '{') {
      if (depth === 0) return false;
      depth--;
    } else if (t.text === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const callee = tokens[j - 1];
      return callee?.kind === 'name' && !isOp(tokens[j - 2], '.') && !LEAVES_ARGUMENTS.has(callee.text);
    }
  }
  return false;
}

/**
 * The statement changes the frame in place: `df["x"] = ...`, `df.loc[...] = ...`, `df.columns = [...]`, `df += 1`,
 * `df.pop("x")`, `df.drop(..., inplace=True)`, `del df["x"]`, or `clean(df)` (a function that may change it).
 */
export function mutates(statement: StatementFact, frame: string): boolean {
  const tokens = statement.tokens;
  const at = mentions(tokens, frame);
  if (at.length === 0) return false;
  if (statement.first === 'del') return true;
  return at.some((k) => {
    const chain = chainAfter(tokens, k);
    if (chain.mutatingCall) return true;
    const next = tokens[chain.end];
    if (next?.kind === 'op' && AUGMENTED.test(next.text)) return true;
    if (chain.segments > 0 && isOp(next, '=') && k === 0) return true;
    return passedToFunction(tokens, k);
  });
}

/** A plain string literal's text, or null (f-strings, bytes, escapes). */
function literal(token: Token | undefined): string | null {
  if (token?.kind !== 'string' || !['', 'u', 'r'].includes(token.prefix ?? '')) return null;
  const value = token.value ?? '';
  return /[\\\n]/.test(value) ? null : value;
}

/** `["a"]` or `[["a", "b"]]` at `open`: the names, or null for anything else (a slice, a mask, a variable). */
function subscriptNames(tokens: Token[], open: number, close: number): string[] | null {
  const inner = tokens.slice(open + 1, close);
  const one = literal(inner[0]);
  if (inner.length === 1 && one !== null) return [one];
  if (!isOp(inner[0], '[') || !isOp(inner[inner.length - 1], ']')) return null;
  const names: string[] = [];
  const items = inner.slice(1, -1);
  for (let i = 0; i < items.length; i += 2) {
    const name = literal(items[i]);
    if (name === null || (items[i + 1] !== undefined && !isOp(items[i + 1], ','))) return null;
    names.push(name);
  }
  return names.length > 0 ? names : null;
}

/**
 * The columns the code reads from the frame (`df["price"]`, `df[["a", "b"]]`) in the statements after its load,
 * before a statement creates them (`df["margin"] = ...`), up to where the frame is bound again or changed otherwise.
 * Only top-level statements count: a read inside an `if` may never run.
 */
export function codeColumns(statements: readonly StatementFact[], frame: string): string[] {
  const read: string[] = [];
  const created = new Set<string>();
  for (const statement of statements) {
    const tokens = statement.tokens;
    const at = mentions(tokens, frame);
    if (at.length === 0) continue;
    const creates = at[0] === 0 && isOp(tokens[1], '[') ? subscriptNames(tokens, 1, closing(tokens, 1)) : null;
    const assigned = creates !== null && isOp(tokens[closing(tokens, 1) + 1], '=');
    for (const k of at) {
      if (assigned && k === 0) continue;
      if (!isOp(tokens[k + 1], '[') || statement.indent > 0) continue;
      const names = subscriptNames(tokens, k + 1, closing(tokens, k + 1));
      for (const name of names ?? []) if (!created.has(name) && !read.includes(name)) read.push(name);
    }
    if (assigned) for (const name of creates!) created.add(name);
    else if (statement.targets.includes(frame) || mutates(statement, frame)) break;
  }
  return read;
}
