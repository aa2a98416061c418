// One extra pass per Python cell for the reproducibility and data rules (NH4xx, NH5xx): calls with their arguments
// and the names they are assigned to, string literals and the call they are an argument of, asserts and defs. What an
// imported name stands for is not read here: import-resolution.ts answers that from the walker's import facts.
// Cached per cell analysis (which the engine caches per cell source), so an edit re-tokenizes one cell.
import { PYTHON_KEYWORDS } from '../python/keywords';
import type { Range } from '../types';
import type { CellAnalysis } from './cell-analysis';
import { tokenRange, type LogicalLine, type Token } from './python-tokens';

export interface ArgFact {
  keyword: string | null;
  tokens: Token[];
  text: string;
  /** The root name of the argument when it is a name or a chain on one (`df`, `df.values`, `df[cols]`). */
  name: string | null;
  range: Range;
}

export interface CallFact {
  /** Dotted callee as written; a call inside the chain is written `f()`: `StandardScaler().fit_transform`. */
  callee: string;
  /** Last segment of the callee (`read_csv`). */
  method: string;
  /** The name the chain starts from (`pd`, `scaler`), or null. */
  root: string | null;
  /** For `obj.method(...)`: the receiver's dotted text (`scaler`, `np.random`). */
  receiver: string | null;
  args: ArgFact[];
  /** From the callee's first token to the closing parenthesis. */
  range: Range;
  calleeRange: Range;
  open: Token;
  close: Token;
  /** Index of the statement in the cell. */
  statement: number;
}

export interface StatementFact {
  tokens: Token[];
  indent: number;
  first: string;
  /** Names bound by `a = ...`, `a, b = ...`, `with ... as a`, `for a in`. */
  targets: string[];
  /** Every name read in the statement (after the `=` for assignments). */
  reads: Set<string>;
  /** The def the statement is in (innermost), or null at module level. */
  fn: string | null;
  range: Range;
}

export interface StringFact {
  token: Token;
  /** The call this string is a direct argument of (innermost), and the argument's keyword. */
  call: CallFact | null;
  keyword: string | null;
  statement: number;
}

export interface FunctionFact {
  name: string;
  params: string[];
  /** Statement indices of the body. */
  body: number[];
}

export interface CellCallFacts {
  statements: StatementFact[];
  calls: CallFact[];
  strings: StringFact[];
  functions: Map<string, FunctionFact>;
}

const cache = new WeakMap<CellAnalysis, CellCallFacts>();

export function callFactsOf(analysis: CellAnalysis): CellCallFacts {
  let facts = cache.get(analysis);
  if (!facts) {
    facts = analyse(analysis.tokens.lines);
    cache.set(analysis, facts);
  }
  return facts;
}

/** Keywords, and Python 2's `print` statement: no call or name starts with one. */
const KEYWORDS: ReadonlySet<string> = new Set([...PYTHON_KEYWORDS, 'print']);

function isName(token: Token | undefined, text?: string): boolean {
  return token !== undefined && token.kind === 'name' && (text === undefined || token.text === text);
}

function isOp(token: Token | undefined, text: string): boolean {
  return token !== undefined && token.kind === 'op' && token.text === text;
}

/** Splits tokens at commas outside brackets. */
function splitTop(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'op') {
      if ('([{'.includes(token.text)) depth++;
      else if (')]}'.includes(token.text)) depth--;
      else if (token.text === ',' && depth === 0) {
        parts.push([]);
        continue;
      }
    }
    parts[parts.length - 1]!.push(token);
  }
  return parts.filter((part) => part.length > 0);
}

/** Index of the `=` that makes the statement an assignment, or -1. */
function assignIndex(tokens: Token[]): number {
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'op') {
      if (depth === 0 && t.kind === 'name' && k === 0 && KEYWORDS.has(t.text)) return -1;
      continue;
    }
    if ('([{'.includes(t.text)) depth++;
    else if (')]}'.includes(t.text)) depth--;
    else if (
      depth === 0 &&
      (t.text === '=' || (t.text.length === 2 && t.text.endsWith('=') && '+-*/%&|^@'.includes(t.text[0]!)))
    )
      return k;
    else if (depth === 0 && t.text === ':' && k > 0) {
      // `x: int = 1`: keep looking; `if x:` starts with a keyword and returned above.
    }
  }
  return -1;
}

function targetNames(tokens: Token[]): string[] {
  const names: string[] = [];
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'op') {
      if (t.text === '[' || t.text === '(')
        depth += t.text === '[' && k > 0 && tokens[k - 1]!.kind === 'name' ? 100 : 1;
      else if (t.text === ']' || t.text === ')') depth = Math.max(0, depth - (depth >= 100 ? 100 : 1));
      else if (t.text === ':' && depth === 0) break;
      continue;
    }
    if (
      t.kind === 'name' &&
      depth < 100 &&
      !isOp(tokens[k - 1], '.') &&
      !isOp(tokens[k + 1], '.') &&
      !isOp(tokens[k + 1], '[')
    )
      names.push(t.text);
  }
  return names;
}

function analyse(lines: LogicalLine[]): CellCallFacts {
  const statements: StatementFact[] = [];
  const calls: CallFact[] = [];
  const strings: StringFact[] = [];
  const functions = new Map<string, FunctionFact>();
  const defStack: { indent: number; name: string }[] = [];
  lines.forEach((line, index) => {
    const statement = statementOf(line, defStack);
    statements.push(statement);
    for (const def of defStack) functions.get(def.name)?.body.push(index);
    const tokens = line.tokens;
    const first = statement.first;
    if (first === 'def' || (first === 'async' && tokens[1]?.text === 'def')) {
      const nameAt = first === 'def' ? 1 : 2;
      const name = tokens[nameAt]?.text;
      if (name) {
        const params = splitTop(tokens.slice(nameAt + 2, lastParen(tokens, nameAt + 1)))
          .map((part) => part.find((t) => t.kind === 'name')?.text)
          .filter((p): p is string => p !== undefined && p !== 'self');
        // A nested def's body belongs to its outer functions too (pushed above).
        functions.set(name, { name, params, body: [] });
        defStack.push({ indent: line.indent, name });
      }
    }
    collectCalls(tokens, index, calls, strings);
  });
  return { statements, calls, strings, functions };
}

function lastParen(tokens: Token[], openAt: number): number {
  let depth = 0;
  for (let k = openAt; k < tokens.length; k++) {
    if (isOp(tokens[k], '(')) depth++;
    else if (isOp(tokens[k], ')')) {
      depth--;
      if (depth === 0) return k;
    }
  }
  return tokens.length;
}

function statementOf(line: LogicalLine, defStack: { indent: number; name: string }[]): StatementFact {
  while (defStack.length > 0 && defStack[defStack.length - 1]!.indent >= line.indent) defStack.pop();
  const tokens = line.tokens;
  const first = tokens[0]!.text;
  const fn = defStack.length > 0 ? defStack[defStack.length - 1]!.name : null;
  let targets: string[] = [];
  let readFrom = 0;
  const at = assignIndex(tokens);
  if (at > 0) {
    targets = targetNames(tokens.slice(0, at));
    readFrom = at + 1;
    if (tokens[at]!.text !== '=') readFrom = 0; // augmented: reads the target too
  } else if (first === 'with' || first === 'for') {
    const asAt = tokens.findIndex(
      (t, k) => k > 0 && t.kind === 'name' && (t.text === 'as' || (first === 'for' && t.text === 'in')),
    );
    if (first === 'for' && asAt > 0) targets = targetNames(tokens.slice(1, asAt));
    if (first === 'with') {
      for (let k = 0; k < tokens.length; k++)
        if (tokens[k]!.text === 'as' && tokens[k + 1]?.kind === 'name') targets.push(tokens[k + 1]!.text);
    }
  }
  return new Statement(tokens, line.indent, first, targets, fn, readFrom);
}

/**
 * A statement's names read and its range are worked out when a rule first asks: most statements are never asked.
 */
class Statement implements StatementFact {
  private namesRead: Set<string> | undefined;
  private tokensRange: Range | undefined;

  constructor(
    readonly tokens: Token[],
    readonly indent: number,
    readonly first: string,
    readonly targets: string[],
    readonly fn: string | null,
    private readonly readFrom: number,
  ) {}

  get range(): Range {
    this.tokensRange ??= tokenRange(this.tokens[0]!, this.tokens[this.tokens.length - 1]!);
    return this.tokensRange;
  }

  get reads(): Set<string> {
    if (!this.namesRead) {
      const tokens = this.tokens;
      this.namesRead = new Set();
      for (let k = this.readFrom; k < tokens.length; k++) {
        const t = tokens[k]!;
        // Not an attribute, a keyword or a keyword argument's name.
        if (t.kind === 'name' && !isOp(tokens[k - 1], '.') && !KEYWORDS.has(t.text) && !isOp(tokens[k + 1], '='))
          this.namesRead.add(t.text);
      }
    }
    return this.namesRead;
  }
}

function collectCalls(tokens: Token[], statement: number, calls: CallFact[], strings: StringFact[]): void {
  // Open calls by bracket depth, so each string knows the innermost call it is an argument of.
  const stack: { call: CallFact | null; argStart: number; keyword: string | null }[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'string') {
      const top = stack[stack.length - 1];
      // Implicit concatenation and `%` formatting still count as the argument's string.
      strings.push({ token: t, call: top?.call ?? null, keyword: top?.keyword ?? null, statement });
      continue;
    }
    if (t.kind !== 'op') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') {
      const call = t.text === '(' ? callAt(tokens, k, statement) : null;
      if (call) calls.push(call);
      stack.push({ call, argStart: k + 1, keyword: call ? keywordAt(tokens, k + 1) : null });
    } else if (t.text === ')' || t.text === ']' || t.text === '}') {
      stack.pop();
    } else if (t.text === ',' && stack.length > 0) {
      const top = stack[stack.length - 1]!;
      top.argStart = k + 1;
      top.keyword = top.call ? keywordAt(tokens, k + 1) : null;
    }
  }
}

function keywordAt(tokens: Token[], k: number): string | null {
  return k + 1 < tokens.length && isName(tokens[k]) && isOp(tokens[k + 1], '=') ? tokens[k]!.text : null;
}

/** The call whose `(` is at tokens[k], or null when the parenthesis is not a call. */
function callAt(tokens: Token[], k: number, statement: number): CallFact | null {
  const prev = tokens[k - 1];
  if (!prev) return null;
  if (!(prev.kind === 'name' && !KEYWORDS.has(prev.text)) && !isOp(prev, ')')) return null;
  if (prev.kind === 'name' && (isName(tokens[k - 2], 'def') || isName(tokens[k - 2], 'class'))) return null;
  // Walk back over `a.b().c` to the start of the chain; the parts come last first.
  const parts: string[] = [];
  let j = k - 1;
  let startTok = prev;
  while (j >= 0) {
    const t = tokens[j]!;
    if (t.kind === 'name' && !KEYWORDS.has(t.text)) {
      parts.push(t.text);
      startTok = t;
      if (isOp(tokens[j - 1], '.')) {
        j -= 2;
        continue;
      }
      break;
    }
    if (isOp(t, ')')) {
      // skip back to the matching '('
      let depth = 0;
      let m = j;
      for (; m >= 0; m--) {
        if (isOp(tokens[m], ')')) depth++;
        else if (isOp(tokens[m], '(')) {
          depth--;
          if (depth === 0) break;
        }
      }
      if (m <= 0 || tokens[m - 1]?.kind !== 'name') return parts.length > 0 ? finish() : null;
      parts.push('()');
      j = m - 1;
      continue;
    }
    break;
  }
  return finish();

  function finish(): CallFact | null {
    if (parts.length === 0) return null;
    // `a`, `.b`, `()`: a call in the chain is written right after the name it calls (`StandardScaler().fit`).
    let callee = parts[parts.length - 1]!;
    for (let p = parts.length - 2; p >= 0; p--) callee += parts[p] === '()' ? '()' : `.${parts[p]!}`;
    const close = lastParen(tokens, k);
    const closeTok = tokens[Math.min(close, tokens.length - 1)]!;
    return new Call(callee, tokens, k, close, startTok, prev!, closeTok, statement);
  }
}

/**
 * A call's arguments and ranges are worked out when a rule first asks: most rules look at the callee alone, and most
 * calls are reported by none.
 */
class Call implements CallFact {
  readonly method: string;
  readonly root: string | null;
  readonly receiver: string | null;
  readonly open: Token;
  private argFacts: ArgFact[] | undefined;
  private callRange: Range | undefined;
  private nameRange: Range | undefined;

  constructor(
    readonly callee: string,
    private readonly tokens: Token[],
    private readonly openAt: number,
    private readonly closeAt: number,
    private readonly first: Token,
    private readonly calleeEnd: Token,
    readonly close: Token,
    readonly statement: number,
  ) {
    const dot = callee.lastIndexOf('.');
    this.method = callee.slice(dot + 1);
    this.root = /^[A-Za-z_]\w*/.exec(callee)?.[0] ?? null;
    this.receiver = dot === -1 ? null : callee.slice(0, dot);
    this.open = tokens[openAt]!;
  }

  get range(): Range {
    this.callRange ??= tokenRange(this.first, this.close);
    return this.callRange;
  }

  get calleeRange(): Range {
    this.nameRange ??= tokenRange(this.first, this.calleeEnd);
    return this.nameRange;
  }

  get args(): ArgFact[] {
    this.argFacts ??= splitTop(this.tokens.slice(this.openAt + 1, this.closeAt)).map((argTokens): ArgFact => {
      const keyword = keywordAt(argTokens, 0);
      const value = keyword ? argTokens.slice(2) : argTokens;
      const head = value[0];
      const name = head && head.kind === 'name' && !KEYWORDS.has(head.text) ? head.text : null;
      return {
        keyword,
        tokens: value,
        text: value.map((t) => t.text).join(''),
        name,
        range: tokenRange(argTokens[0]!, argTokens[argTokens.length - 1]!),
      };
    });
    return this.argFacts;
  }
}

export function positional(call: CallFact, index: number): ArgFact | undefined {
  return call.args.filter((arg) => arg.keyword === null)[index];
}

export function keywordArg(call: CallFact, keyword: string): ArgFact | undefined {
  return call.args.find((arg) => arg.keyword === keyword);
}
