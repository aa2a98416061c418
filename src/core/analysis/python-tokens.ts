// A small Python tokenizer for the call facts (call-facts.ts): names, strings, numbers, operators and comments with
// their positions, grouped into logical lines (statements) with their indentation. It runs on the masked Python text
// (escapes already replaced by filler), costs a fraction of a second tree-sitter parse, and is all the NH4xx/NH5xx
// rules need: calls, their arguments, assignment targets, strings and asserts.
import type { Range } from '../types';
import { codeUnitAt, isDigit, isNameChar, isNameStart } from './python-names';

export type TokenKind = 'name' | 'string' | 'number' | 'op' | 'comment';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offsets in the cell text. */
  start: number;
  end: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  /** Strings: the prefix letters (lower-cased: '', 'r', 'f', 'rb' ...) and the raw content between the quotes. */
  prefix?: string;
  value?: string;
}

export interface LogicalLine {
  tokens: Token[];
  /** Column of the line's first token. */
  indent: number;
}

const THREE_CHAR_OPS = new Set(['**=', '//=', '>>=', '<<=', '...']);
const TWO_CHAR_OPS = new Set([
  '==',
  '!=',
  '<=',
  '>=',
  '**',
  '//',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '->',
  ':=',
  '<<',
  '>>',
  '@=',
]);

export function tokenRange(first: Token, last: Token = first): Range {
  return {
    start: { line: first.line, character: first.character },
    end: { line: last.endLine, character: last.endCharacter },
  };
}

/** Splits the text into logical lines: a newline inside brackets or after a backslash continues the line. */
export function tokenize(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let current: Token[] = [];
  let depth = 0;
  let line = 0;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  const flush = () => {
    if (current.length > 0) lines.push({ tokens: current, indent: current[0]!.character });
    current = [];
  };
  const push = (kind: TokenKind, start: number, end: number, prefix?: string, value?: string) => {
    const startLine = line;
    const startChar = start - lineStart;
    // Only strings span lines (triple quotes, backslash-newline inside quotes).
    if (kind === 'string') {
      for (let k = text.indexOf('\n', start); k !== -1 && k < end; k = text.indexOf('\n', k + 1)) {
        line++;
        lineStart = k + 1;
      }
    }
    if (kind === 'comment') return;
    // Every token has the same shape (prefix and value undefined but for strings), which keeps V8's objects fast.
    current.push({
      kind,
      text: text.slice(start, end),
      start,
      end,
      line: startLine,
      character: startChar,
      endLine: line,
      endCharacter: end - lineStart,
      prefix,
      value,
    });
  };
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      if (depth === 0) flush();
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (code === 32 || code === 9 || code === 13 || code === 12) {
      i++;
      continue;
    }
    if (code === 92 && codeUnitAt(text, i + 1) === 10) {
      line++;
      lineStart = i + 2;
      i += 2;
      continue;
    }
    if (code === 35) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
      continue;
    }
    if (isNameStart(code)) {
      let j = i + 1;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      const next = codeUnitAt(text, j);
      if (
        (next === 34 || next === 39) &&
        j - i <= 2 &&
        /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/.test(text.slice(i, j))
      ) {
        i = readString(text, i, j, push);
        continue;
      }
      push('name', i, j);
      i = j;
      continue;
    }
    if (code === 34 || code === 39) {
      i = readString(text, i, i, push);
      continue;
    }
    if ((code >= 48 && code <= 57) || (code === 46 && isDigit(codeUnitAt(text, i + 1)))) {
      let j = i + 1;
      while (j < n) {
        const c2 = text.charCodeAt(j);
        if ((c2 === 101 || c2 === 69) && (codeUnitAt(text, j + 1) === 45 || codeUnitAt(text, j + 1) === 43)) j++;
        else if (!(isNameChar(c2) || c2 === 46)) break;
        j++;
      }
      push('number', i, j);
      i = j;
      continue;
    }
    const op = operatorAt(text, i, code);
    if (op === '(' || op === '[' || op === '{') depth++;
    else if ((op === ')' || op === ']' || op === '}') && depth > 0) depth--;
    push('op', i, i + op.length);
    i += op.length;
  }
  flush();
  return lines;
}

/**
 * A text's tokens, made on first ask and kept: the cell walk's line count (syntax-nodes.ts) and the call facts
 * (call-facts.ts) read the same ones, so a cell is tokenized once.
 */
export class SourceTokens {
  private logical: LogicalLine[] | undefined;
  private flat: Token[] | undefined;

  constructor(readonly text: string) {}

  get lines(): LogicalLine[] {
    this.logical ??= tokenize(this.text);
    return this.logical;
  }

  /** Every token in text order. */
  get all(): Token[] {
    if (!this.flat) {
      // A loop, not flatMap: V8's flatMap costs several times more on these short arrays.
      const flat: Token[] = [];
      for (const line of this.lines) for (const token of line.tokens) flat.push(token);
      this.flat = flat;
    }
    return this.flat;
  }
}

/** Characters that can start a two- or three-character operator (`**=`, `//`, `->`, `:=`, `...`). */
const OPERATOR_STARTS = new Set([...'=!<>*/+-%&|^@:.'].map((ch) => ch.charCodeAt(0)));

function operatorAt(text: string, i: number, code: number): string {
  if (OPERATOR_STARTS.has(code)) {
    const three = text.slice(i, i + 3);
    if (THREE_CHAR_OPS.has(three)) return three;
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.has(two)) return two;
  }
  return text[i]!;
}

function readString(
  text: string,
  start: number,
  quoteAt: number,
  push: (kind: TokenKind, start: number, end: number, prefix?: string, value?: string) => void,
): number {
  const quote = text.charCodeAt(quoteAt);
  const triple = codeUnitAt(text, quoteAt + 1) === quote && codeUnitAt(text, quoteAt + 2) === quote;
  const open = triple ? 3 : 1;
  const prefix = text.slice(start, quoteAt).toLowerCase();
  let j = quoteAt + open;
  const n = text.length;
  while (j < n) {
    const code = text.charCodeAt(j);
    if (code === 92 /* \\ */) {
      j += 2;
      continue;
    }
    if (!triple && code === 10) break;
    if (code === quote && (!triple || (codeUnitAt(text, j + 1) === quote && codeUnitAt(text, j + 2) === quote))) {
      const end = j + open;
      push('string', start, end, prefix, text.slice(quoteAt + open, j));
      return end;
    }
    j++;
  }
  // Unterminated: keep what there is.
  push('string', start, j, prefix, text.slice(quoteAt + open, j));
  return j;
}

/** The value of a plain string literal with the common escapes resolved (raw strings kept as written). */
export function stringValue(token: Token): string {
  const value = token.value ?? '';
  if (token.prefix?.includes('r')) return value;
  return value.replace(/\\(["'\\nt])/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
}
