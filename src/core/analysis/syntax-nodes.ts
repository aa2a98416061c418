// What the cell walker reads off tree-sitter nodes: ranges, name bindings of imports and parameters, mutation calls,
// and the node-type sets it dispatches on. Pure functions of a node; the walk itself is in cell-walker.ts.
import { isSameNode, type SyntaxNode as Node } from '../python/syntax-tree';
import type { Range } from '../types';
import type { SourceTokens, Token } from './python-tokens';
import { PYTHON_KEYWORDS } from '../python/keywords';

/** Method calls that change the object they are called on (for staleness and for what an extraction must return). */
export const MUTATING_METHODS = new Set([
  'append',
  'extend',
  'insert',
  'update',
  'pop',
  'popitem',
  'remove',
  'clear',
  'sort',
  'reverse',
  'setdefault',
  'add',
  'discard',
  'fit',
  'partial_fit',
  'fit_transform',
  'load_state_dict',
  'train',
  'compile',
  'set_params',
]);
/**
 * Calls that add to a list, so running the cell twice adds twice. Not `update` or `add`: a dict or set updated with
 * the same items is the same again.
 */
export const ACCUMULATING_METHODS = new Set(['append', 'extend', 'insert']);

export const F_STRING_PREFIX = /^[rRbBuU]{0,2}[fF]/;

/** The nodes that add a path through the code, for McCabe complexity. */
export const DECISIONS = new Set([
  'if_statement',
  'elif_clause',
  'for_statement',
  'while_statement',
  'except_clause',
  'boolean_operator',
  'conditional_expression',
  'case_clause',
]);

export const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/**
 * Non-blank, non-comment lines of the top-level statements other than definitions, in `source` (the text the tree
 * was parsed from). A statement's lines run up to the next statement's start (comments skipped): what lies between
 * is blank or comments, which are not counted, so no node's end has to be asked of wasm. Data is not logic: a
 * statement that is only a literal (a docstring, the `...` filler of a `!shell` or `%magic` line) counts nothing, and
 * in a statement of several lines the lines inside a multi-line string (a program in a string) or inside a
 * multi-line literal with no name in it (a data table, a list of templates) count only on their first line.
 */
export function logicLines(root: Node, source: string, tokens: SourceTokens | null): number {
  const statements = root.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
  let count = 0;
  // Statements sharing a line (`a = 1; b = 2`) count it once: they come in order, so remember the last line counted.
  let lastCounted = -1;
  statements.forEach((statement, k) => {
    if (DEFINITIONS.has(statement.type) || isInertStatement(statement, source)) return;
    const next = statements[k + 1];
    const end = next?.startIndex ?? source.length;
    // Only a statement of several lines can hold data rows; asking for its literals walks its subtree in wasm, so
    // its end is asked first (one call), and only when the next statement does not start on the following line, and
    // only when its tokens do not rule them out.
    const mayHoldRows =
      (next === undefined || next.startPosition.row - statement.startPosition.row > 1) &&
      statement.endPosition.row > statement.startPosition.row &&
      (tokens === null || tokensMayHoldDataRows(tokens.all, statement.startIndex, end));
    const dataRows = mayHoldRows ? literalRows(statement) : null;
    let row = statement.startPosition.row;
    let lineStart = source.lastIndexOf('\n', statement.startIndex - 1) + 1;
    while (lineStart < end) {
      const newline = source.indexOf('\n', lineStart);
      if (
        row > lastCounted &&
        !dataRows?.has(row) &&
        hasCode(source, lineStart, newline === -1 ? source.length : newline)
      ) {
        count++;
        lastCounted = row;
      }
      if (newline === -1) break;
      lineStart = newline + 1;
      row++;
    }
  });
  return count;
}

const INERT_EXPRESSIONS = new Set(['string', 'concatenated_string', 'ellipsis', 'integer', 'float']);
const DATA_LITERALS = ['string', 'concatenated_string', 'list', 'set', 'dictionary', 'tuple'];

/**
 * What a literal statement starts with: a quote or a string's prefix, a digit, or the dot of `...` or `.5` (a
 * t-string's `t` too, in case the grammar reads one).
 */
const LITERAL_START = /^[\d.'"rRbBuUfFtT]/;

/** A statement that is a literal alone: a docstring, or the filler (`...`, `0`) that stands for an escape's line. */
function isInertStatement(statement: Node, source: string): boolean {
  if (statement.type !== 'expression_statement') return false;
  // The literal starts the statement, so its first character rules out most statements without a call into wasm.
  if (!LITERAL_START.test(source.charAt(statement.startIndex))) return false;
  if (statement.namedChildCount !== 1) return false;
  return INERT_EXPRESSIONS.has(statement.firstNamedChild?.type ?? '');
}

/** Words that are no identifier node where tree-sitter-python reads them (soft keywords and Python 2's included). */
const NOT_IDENTIFIERS: ReadonlySet<string> = new Set([
  ...PYTHON_KEYWORDS,
  'case',
  'match',
  'type',
  '_',
  'exec',
  'print',
]);

/**
 * Whether the tokens from offset `start` to `end` (one statement of an error-free tree) may hold what literalRows
 * counts: a string over several lines, strings concatenated across lines, or brackets over several lines with no
 * identifier between them. False only when they cannot, so the walk of the statement's subtree in wasm is skipped;
 * anything unsure (an f-string with quotes inside, a name glued to a string as a prefix) says true.
 */
function tokensMayHoldDataRows(tokens: Token[], start: number, end: number): boolean {
  // The open brackets, each with whether an identifier was seen inside it.
  const open: { line: number; named: boolean }[] = [];
  let previousString: Token | null = null;
  for (let k = firstTokenFrom(tokens, start); k < tokens.length && tokens[k]!.start < end; k++) {
    const token = tokens[k]!;
    if (token.kind === 'string') {
      if (token.endLine > token.line || (previousString !== null && token.line > previousString.endLine)) return true;
      if (token.prefix!.includes('f') && /["']/.test(token.value!)) return true;
      previousString = token;
      continue;
    }
    if (token.kind === 'name') {
      const next = tokens[k + 1];
      if (next !== undefined && next.kind === 'string' && next.start === token.end) continue;
      if (open.length > 0 && !NOT_IDENTIFIERS.has(token.text)) open[open.length - 1]!.named = true;
    } else if (token.kind === 'op') {
      const text = token.text;
      if (text === '(' || text === '[' || text === '{') open.push({ line: token.line, named: false });
      else if (text === ')' || text === ']' || text === '}') {
        const pair = open.pop();
        if (pair === undefined || (!pair.named && token.line > pair.line)) return true;
        if (pair.named && open.length > 0) open[open.length - 1]!.named = true;
      }
    }
    previousString = null;
  }
  return open.length > 0;
}

/** The index of the first token at or after `offset`. */
function firstTokenFrom(tokens: Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tokens[middle]!.start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The rows after the first of every multi-line string, and of every multi-line literal that names nothing (no
 * identifier inside: no call, no variable), in the statement: rows of data, not of logic.
 */
function literalRows(statement: Node): Set<number> | null {
  let rows: Set<number> | null = null;
  for (const literal of statement.descendantsOfType(DATA_LITERALS)) {
    if (!literal) continue;
    const first = literal.startPosition.row;
    const last = literal.endPosition.row;
    if (last === first) continue;
    if (!literal.type.endsWith('string') && literal.descendantsOfType('identifier').length > 0) continue;
    rows ??= new Set();
    for (let row = first + 1; row <= last; row++) rows.add(row);
  }
  return rows;
}

/** The line holds something other than white space (as String.trim sees it) and a comment. */
function hasCode(source: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && WHITE_SPACE.test(source[i]!))) continue;
    return code !== 35; // '#'
  }
  return false;
}

const WHITE_SPACE = /\s/;

export const COMPREHENSIONS = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/** Node types with nothing inside that can read or bind a name. */
export const LEAF_TYPES = new Set([
  'integer',
  'float',
  'true',
  'false',
  'none',
  'ellipsis',
  'string_start',
  'string_end',
  'string_content',
  'escape_sequence',
  'comment',
  'type_conversion',
  'pass_statement',
  'break_statement',
  'continue_statement',
  'future_import_statement',
  'keyword_separator',
  'positional_separator',
  'wildcard_import',
  'line_continuation',
]);

/** A name's range: one line, as long as its text (startPosition is kept on the node; endPosition costs a call into wasm). */
export function nameRange(node: Node, name: string): Range {
  const { row, column } = node.startPosition;
  return { start: { line: row, character: column }, end: { line: row, character: column + name.length } };
}

export function toRange(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/** The identifier at the root of `a.b[c].d`, or null when the chain starts with a call or a literal. */
export function baseIdentifier(node: Node): Node | null {
  let current: Node | null = node;
  while (current) {
    if (current.type === 'identifier') return current;
    if (current.type === 'attribute') current = current.childForFieldName('object');
    else if (current.type === 'subscript') current = current.childForFieldName('value');
    else if (current.type === 'parenthesized_expression') current = current.namedChild(0);
    else return null;
  }
  return null;
}

/** The start of the offending text, on one line, so the message shows what broke without flooding the output. */
export function snippet(text: string): string {
  const firstLine = text.trim().split('\n')[0]!;
  return `'${firstLine.length > 60 ? `${firstLine.slice(0, 60)}…` : firstLine}'`;
}

export function isGlobalsCall(node: Node | null): boolean {
  return node?.type === 'call' && node.childForFieldName('function')?.text === 'globals';
}

export function hasInplaceTrue(args: Node | null): boolean {
  if (!args) return false;
  return args.namedChildren.some(
    (arg) =>
      arg?.type === 'keyword_argument' &&
      arg.childForFieldName('name')?.text === 'inplace' &&
      arg.childForFieldName('value')?.type === 'true',
  );
}

/** The names a parameter binds, leaving out those in its annotation and default. */
export function parameterNames(parameter: Node): string[] {
  switch (parameter.type) {
    case 'identifier':
      return [parameter.text];
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = parameter.childForFieldName('name');
      return name ? parameterNames(name) : [];
    }
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
    case 'tuple_pattern': {
      const type = parameter.childForFieldName('type');
      return parameter.namedChildren
        .filter((child): child is Node => child !== null && !(type && isSameNode(child, type)))
        .flatMap(parameterNames);
    }
    default:
      return [];
  }
}
