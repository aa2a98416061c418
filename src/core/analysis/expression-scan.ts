// The names a plain expression reads, straight from its text. Most of a cell's syntax tree is expressions
// (calls, arguments, operators, subscripts), and asking web-tree-sitter for each of their nodes costs more than
// parsing them did; a plain expression reads every name in it but attribute names and keyword-argument names, in
// source order, which a scan of the text finds at a fraction of the cost. Anything the walker treats specially
// (a new scope, a binding, an f-string, a call that mutates or defines names) makes the scan give up, and the
// walker goes node by node as before. Only used on trees without syntax errors.
import type { Range } from '../types';
import { F_STRING_PREFIX, MUTATING_METHODS } from './syntax-nodes';
import { codeUnitAt, isBlank, isDigit, isNameChar, isNameStart } from './python-names';

export interface NameRead {
  name: string;
  range: Range;
}

export interface PlainExpression {
  reads: NameRead[];
  /** A plain statement `name = value`: the name it binds after the reads (null for an expression). */
  target: NameRead | null;
  /** `and`, `or` and `... if ... else ...`: the boolean_operator and conditional_expression nodes, for complexity. */
  decisions: number;
}

/** The expression nodes worth scanning as text; anything inside them that is not plain makes the scan give up. */
export const PLAIN_EXPRESSION_TYPES = new Set([
  'call',
  'attribute',
  'subscript',
  'argument_list',
  'binary_operator',
  'boolean_operator',
  'comparison_operator',
  'unary_operator',
  'not_operator',
  'parenthesized_expression',
  'list',
  'tuple',
  'set',
  'dictionary',
  'pair',
  'slice',
  'conditional_expression',
  'expression_list',
  'concatenated_string',
  'await',
  'list_splat',
  'dictionary_splat',
]);

/** What a word is, when it is not a plain name. */
const enum Word {
  /** Part of a plain expression but not a name: `not`, `in`, `None`... */
  Keyword = 1,
  /** `and`, `or`, `if`: a boolean_operator or conditional_expression node, a decision for complexity. */
  Decision,
  /**
   * The walker has more to do than read names: scopes (lambda, comprehensions), calls that define names no reader
   * sees (exec, globals()), `inplace=True` updates; any other keyword means this is no plain expression.
   */
  GiveUp,
}
const WORDS = new Map<string, Word>([
  ...['not', 'in', 'is', 'else', 'None', 'True', 'False', 'await', 'yield', 'from'].map(
    (w) => [w, Word.Keyword] as const,
  ),
  ...['and', 'or', 'if'].map((w) => [w, Word.Decision] as const),
  ...[
    'lambda',
    'for',
    'exec',
    'execfile',
    'globals',
    'inplace',
    'async',
    'def',
    'class',
    'return',
    'import',
    'del',
    'pass',
    'while',
    'with',
    'try',
    'except',
    'finally',
    'raise',
    'assert',
    'global',
    'nonlocal',
    'break',
    'continue',
    'elif',
    'as',
  ].map((w) => [w, Word.GiveUp] as const),
]);
const STRING_PREFIX = /^(?:[rRuUbB]|[bB][rR]|[rR][bB])$/;

const NEWLINE = 10;
const BACKSLASH = 92;
const QUOTE = 39;
const DOUBLE_QUOTE = 34;

/**
 * The reads of the expression at source[start, end), which starts at (row, column), or null when the walker must go
 * node by node. The cell's whole source and offsets, not the node's text: web-tree-sitter gives a node's text as a
 * slice, and reading characters through a slice costs several times more. Columns count UTF-16 code units, as
 * tree-sitter's positions do for a JavaScript string.
 */
export function scanPlainExpression(
  source: string,
  start: number,
  end: number,
  row: number,
  column: number,
): PlainExpression | null {
  return new ExpressionScanner(source, start, end, row, column, false).run();
}

/**
 * The same for an expression statement, which may also be `name = value`; null for any other assignment (several
 * targets, attributes, subscripts, annotations, augmented) or anything the expression scan gives up on.
 */
export function scanPlainStatement(
  source: string,
  start: number,
  end: number,
  row: number,
  column: number,
): PlainExpression | null {
  return new ExpressionScanner(source, start, end, row, column, true).run();
}

class ExpressionScanner {
  private readonly reads: NameRead[] = [];
  private decisions = 0;
  private line: number;
  /** Offset of the current line's start, shifted on the first line so that `offset - lineStart` is the column. */
  private lineStart: number;
  /** The last name, held until the next token shows whether it is a keyword argument's name (`f(name=...)`). */
  private pending: NameRead | null = null;
  private target: NameRead | null = null;
  /** Tokens so far: `name = ` is a plain assignment only when the name is the first and only one. */
  private tokens = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    row: number,
    column: number,
    private readonly statement: boolean,
  ) {
    this.line = row;
    this.lineStart = start - column;
  }

  run(): PlainExpression | null {
    const text = this.text;
    const n = this.end;
    let afterDot = false;
    let i = this.start;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (code === NEWLINE) {
        this.newline(i);
        i++;
        continue;
      }
      if (isBlank(code) || code === BACKSLASH) {
        // A backslash is a line continuation here: its newline is counted on the next turn.
        i++;
        continue;
      }
      if (code === 35 /* # */) {
        while (i < n && text.charCodeAt(i) !== NEWLINE) i++;
        continue;
      }
      this.tokens++;
      if (isNameStart(code)) {
        const start = i;
        while (i < n && isNameChar(text.charCodeAt(i))) i++;
        const word = text.slice(start, i);
        const next = i < n ? text.charCodeAt(i) : -1;
        if (next === QUOTE || next === DOUBLE_QUOTE) {
          if (F_STRING_PREFIX.test(word)) return null;
          if (STRING_PREFIX.test(word)) {
            this.flushPending();
            afterDot = false;
            i = this.skipString(i);
            continue;
          }
        }
        this.flushPending();
        if (afterDot) {
          // An attribute's name: not a variable, but a mutating method call updates the object it is called on.
          afterDot = false;
          if (MUTATING_METHODS.has(word)) return null;
          continue;
        }
        const kind = WORDS.get(word);
        if (kind !== undefined) {
          if (kind === Word.GiveUp) return null;
          if (kind === Word.Decision) this.decisions++;
          continue;
        }
        const character = start - this.lineStart;
        this.pending = {
          name: word,
          range: {
            start: { line: this.line, character },
            end: { line: this.line, character: character + word.length },
          },
        };
        continue;
      }
      if (isDigit(code) || (code === 46 /* . */ && isDigit(codeUnitAt(text, i + 1)))) {
        this.flushPending();
        afterDot = false;
        i = Math.min(n, skipNumber(text, i));
        continue;
      }
      if (code === QUOTE || code === DOUBLE_QUOTE) {
        this.flushPending();
        afterDot = false;
        i = this.skipString(i);
        continue;
      }
      // An operator or a bracket.
      const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      if (code === 61 /* = */ && next !== 61 && this.statement && this.depth === 0) {
        // `name = value`; `a = b = c`, `a.b = c`, `a, b = c` and `a += b` (`+` then `=`) go node by node.
        if (this.target || this.tokens !== 2 || !this.pending) return null;
        this.target = this.pending;
        this.pending = null;
        i++;
        continue;
      }
      if (code === 61 /* = */ && next !== 61) {
        // `name=value` in a call: the name is the keyword, not a read.
        this.pending = null;
        afterDot = false;
        i++;
        continue;
      }
      if (code === 58 /* : */ && (next === 61 || (this.statement && this.depth === 0))) return null; // walrus, annotation
      // `>>=` and `<<=` would pass for `>` then `>=`.
      if ((code === 60 || code === 62) && next === 61 && text.charCodeAt(i - 1) === code) return null;
      if (code === 40 || code === 91 || code === 123) this.depth++;
      else if (code === 41 || code === 93 || code === 125) this.depth--;
      this.flushPending();
      if (code === 46 && next === 46 && codeUnitAt(text, i + 2) === 46) {
        afterDot = false;
        i += 3;
        continue;
      }
      afterDot = code === 46;
      // Two-character comparisons (`==`, `<=`, `!=`, ...) keep their `=` from being read as a keyword's.
      i += (code === 61 || code === 60 || code === 62 || code === 33) && next === 61 ? 2 : 1;
    }
    this.flushPending();
    return { reads: this.reads, target: this.target, decisions: this.decisions };
  }

  private newline(at: number): void {
    this.line++;
    this.lineStart = at + 1;
  }

  private flushPending(): void {
    if (this.pending) this.reads.push(this.pending);
    this.pending = null;
  }

  /** Skips the string whose opening quote is at `start`; returns the offset after it. */
  private skipString(start: number): number {
    const text = this.text;
    const n = this.end;
    const quote = text.charCodeAt(start);
    const triple = codeUnitAt(text, start + 1) === quote && codeUnitAt(text, start + 2) === quote;
    let k = triple ? start + 3 : start + 1;
    while (k < n) {
      const code = text.charCodeAt(k);
      if (code === BACKSLASH) {
        if (codeUnitAt(text, k + 1) === NEWLINE) this.newline(k + 1);
        k += 2;
        continue;
      }
      if (code === NEWLINE) this.newline(k);
      if (code === quote && (!triple || (codeUnitAt(text, k + 1) === quote && codeUnitAt(text, k + 2) === quote))) {
        return k + (triple ? 3 : 1);
      }
      k++;
    }
    return n;
  }
}

/** A number literal: `1_000`, `0x1F`, `1.5e-3j`, `.5`; `1and` is `1` then `and`, as Python reads it. */
const NUMBER = /0[xXoObB][0-9a-fA-F_]*|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?[\d_]+)?[jJ]?/y;

/** Skips the number literal starting at `start`; returns the offset after it. */
function skipNumber(text: string, start: number): number {
  NUMBER.lastIndex = start;
  return NUMBER.test(text) ? NUMBER.lastIndex : start + 1;
}
