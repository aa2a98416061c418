// Finds the IPython escapes of a cell (%magic, %%cell magic, !shell, obj?, automagic) and replaces each one with
// Python filler of exactly the same length, so every tree-sitter position in the masked text is a cell position.
import type { Range } from '../types';
import type { Escape, ScannedCell } from './escapes';
import { AUTOMAGIC_NAMES, PYTHON_BODY_CELL_MAGICS, PYTHON_STATEMENT_MAGICS } from './magics';

interface SourceLine {
  /** The line without its line break and without a final \r. */
  text: string;
  /** '\r' when the line ended with CRLF: kept so the masked text keeps every line break. */
  cr: string;
}

type Quote = "'" | '"' | "'''" | '"""';

/** What Python's tokenizer carries from one physical line to the next. */
interface LexState {
  quote: Quote | null;
  depth: number;
  /** The line ended with a backslash outside a string. */
  continued: boolean;
}

const START: LexState = { quote: null, depth: 0, continued: false };

/** An escape found at a statement start; it is masked from `escape.range.start` to the end of `endLine`. */
interface Match {
  escape: Escape;
  endLine: number;
}

// IPython's own pattern for `obj?` (HelpEnd): the target sits right before the final ? or ??.
const HELP_END = /(%{0,2}[A-Za-z_*][\w*]*(?:\.[A-Za-z_*][\w*]*)*)(\?\??)$/;
const MAGIC_HELP = /^(%{1,2}[A-Za-z_]\w*)\?\??$/;
// IPython's SystemAssign/MagicAssign accept names, dotted names and tuples of them on the left.
const ESCAPE_ASSIGN = /^(\s*)([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)(\s*=\s*)(?=!(?!=)|%[A-Za-z_])/;
const IDENTIFIER = /^[A-Za-z_]\w*$/;
const AUTOMAGIC_LINE = /^([A-Za-z_]\w*)\s+(\S[\s\S]*)$/;
// After `name `, these keep a Python expression going (`time if x else y`, `ls in dirs`).
const CONTINUING_KEYWORD = /^(?:and|or|not|in|is|if|else|for)\b/;
const OPERATOR_RUN = /^[-+*/%&|^<>@!=~]+/;

// Most cells hold no escape at all: these cheap tests let them skip the line-by-line scan. The escape characters
// count only where an escape can be: first on a line (`!ls`, `%time`, `%%bash`, `,f a`), a `?` anywhere (`obj?`), or
// after an `=` (`x = !ls`, `y = %sx ls`). Commas, slashes and `%` formatting elsewhere are in three cells of four.
const MAYBE_ESCAPE = /^[ \t\f]*[%!?,;/]|\?|=\s*[!%]/m;
// A line that ends with `=` (before a comment): maybe an exercise blank, `x = # TODO`.
const MAYBE_BLANK = /=[ \t]*(?:#[^\n]*)?$/m;
// After `%time `: statements that cannot follow the `...;` the prefix is masked with.
const COMPOUND_START = /^(?:for|while|if|with|def|class|try|async|match)\b/;
// `x = f()`, `a, b.c = g()`, `n += 1`: a statement that binds, which %timeit would keep to itself.
const ASSIGNMENT_START = /^[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*(?:[-+*/%&|^@]|\/\/|\*\*|>>|<<)?=(?!=)/;
const AUTOMAGIC_START = new RegExp(`^[ \\t]*(?:${[...AUTOMAGIC_NAMES].join('|')})[ \\t]`, 'm');

// IPython's cleanup transforms strip console prompts before anything else (inputtransformer2.classic_prompt and
// ipython_prompt): `>>> `/`... ` only when the first line has `>>>` (a lone `...` is Python), `In [3]: `/`   ...: `
// when the first line has either.
const CLASSIC_FIRST = /^>>>(?: |$)/;
const CLASSIC_PROMPT = /^(?:>>>|\.\.\.)(?: |$)/;
const IPYTHON_PROMPT = /^(?:(?:(?:\[nav\]|\[ins\])? )?In \[\d+\]: |\s*\.{3,}: ?)/;
const MAYBE_PROMPT = /^[ \t]*(?:>>>|\.\.\.|(?:\[(?:nav|ins)\] )?In \[)/m;

export function scanCell(source: string): ScannedCell {
  const maybePrompt = MAYBE_PROMPT.test(source);
  if (!MAYBE_ESCAPE.test(source) && !AUTOMAGIC_START.test(source) && !MAYBE_BLANK.test(source) && !maybePrompt) {
    return { python: source, escapes: [], bodyIsPython: true, blanks: [] };
  }
  const lines = splitLines(source);
  const escapes: Escape[] = [];
  const prompt = maybePrompt ? maskPrompts(lines) : null;
  if (prompt) escapes.push(prompt);
  const out = lines.map((line) => line.text);
  const blanks: ScannedCell['blanks'] = [];
  let from = 0;

  const cellMagic = matchCellMagic(lines);
  if (cellMagic) {
    escapes.push(cellMagic.escape);
    if (!PYTHON_BODY_CELL_MAGICS.has(cellMagic.escape.name)) {
      return { python: source.replace(/[^\r\n]/g, ' '), escapes, bodyIsPython: false, blanks };
    }
    mask(out, lines, cellMagic);
    from = cellMagic.endLine + 1;
  }

  const multiLine = lines.slice(from).filter((line) => line.text.trim() !== '').length > 1;
  let state = START;
  let i = from;
  while (i < lines.length) {
    const match = isStatementStart(state) ? matchStatement(lines, i, multiLine) : null;
    if (match) {
      escapes.push(match.escape);
      mask(out, lines, match);
      i = match.endLine + 1;
      continue;
    }
    const lexed = lexLine(lines[i].text, state);
    if (isStatementStart(lexed.state)) {
      const blank = maskBlank(out, lines[i].text, i, lexed.comment);
      if (blank) blanks.push(blank);
    }
    state = lexed.state;
    i++;
  }
  return { python: out.map((text, k) => text + lines[k].cr).join('\n'), escapes, bodyIsPython: true, blanks };
}

/**
 * A cell pasted from a Python or IPython console: IPython removes the prompts when the first line has one, or the
 * second line has one (after dropping leading blank lines and the first line's indent from every line), and runs the
 * rest. Here the prompts become spaces, in `lines` itself so the escapes below are found after them. Only when every
 * non-blank line has a prompt: every line then moves right alike, which the parser reads as the dedented code IPython
 * runs; a line without one (a doctest's output) would sit at another indent than IPython gives it, so such a cell is
 * left as written.
 */
function maskPrompts(lines: SourceLine[]): Escape | null {
  const first = lines.findIndex((line) => line.text.trim() !== '');
  if (first < 0) return null;
  const indent = /^[ \t]*/.exec(lines[first].text)![0];
  const from = (k: number) => (lines[k].text.startsWith(indent) ? indent.length : 0);
  for (const [initial, prompt] of [
    [CLASSIC_FIRST, CLASSIC_PROMPT],
    [IPYTHON_PROMPT, IPYTHON_PROMPT],
  ] as const) {
    const at = (k: number, pattern: RegExp) => pattern.exec(lines[k].text.slice(from(k)))?.[0];
    const second = first + 1 < lines.length ? at(first + 1, prompt) : undefined;
    if (at(first, initial) === undefined && second === undefined) continue;
    const widths = lines.map((line, k) => (k < first || line.text.trim() === '' ? 0 : at(k, prompt)?.length));
    if (widths.some((width) => width === undefined)) return null;
    const firstPrompt = lines[first].text.slice(from(first), from(first) + widths[first]!).trim();
    widths.forEach((width, k) => {
      if (width === 0) return;
      const start = from(k);
      const text = lines[k].text;
      lines[k] = { text: text.slice(0, start) + ' '.repeat(width!) + text.slice(start + width!), cr: lines[k].cr };
    });
    const start = { line: first, character: from(first) };
    const end = { line: first, character: start.character + widths[first]! };
    return { kind: 'prompt', name: firstPrompt, args: '', range: { start, end } };
  }
  return null;
}

/**
 * `x = # TODO` on line `i` (whose code ends at `comment`, -1 without one): gives the range of `x =` and puts a value
 * in the masked text (`x = ...`), so the blank still binds x and the next line stays a statement of its own.
 */
function maskBlank(out: string[], text: string, i: number, comment: number): ScannedCell['blanks'][number] | null {
  const code = (comment < 0 ? text : text.slice(0, comment)).trimEnd();
  const equals = code.length - 1;
  // `==`, `<=`, `>=`, `!=` end a comparison; `:=` cannot stand alone anyway.
  if (code[equals] !== '=' || '=!<>:'.includes(code[equals - 1] ?? '=')) return null;
  const col = indentWidth(text);
  if (col >= equals) return null;
  const region = text.slice(equals + 1);
  if (region.length > 0) out[i] = text.slice(0, equals + 1) + filler(region);
  // `x =` at the very end of the line: `x=0` keeps the target where it is.
  else if (text[equals - 1] === ' ') out[i] = `${text.slice(0, equals - 1)}=0`;
  return {
    range: { start: { line: i, character: col }, end: { line: i, character: equals + 1 } },
    commented: comment >= 0,
  };
}

function splitLines(source: string): SourceLine[] {
  return source
    .split('\n')
    .map((raw) => (raw.endsWith('\r') ? { text: raw.slice(0, -1), cr: '\r' } : { text: raw, cr: '' }));
}

function isStatementStart(state: LexState): boolean {
  return state.quote === null && state.depth === 0 && !state.continued;
}

/**
 * Filler for an escape's text: a complete expression of the same length. `...` parses both as a statement (also
 * alone in an indented block) and as the right side of `x = `; trailing spaces are harmless anywhere on a line.
 * A stray \r is kept where it is, so nothing that counts it as a line break moves.
 */
function filler(region: string): string {
  const blank = region.replace(/[^\r]/g, ' ');
  const room = (region + '\r').indexOf('\r');
  if (room === 0) return blank;
  const token = room >= 3 ? '...' : '0';
  return token + blank.slice(token.length);
}

function mask(out: string[], lines: SourceLine[], match: Match): void {
  const { line, character } = match.escape.range.start;
  const text = lines[line].text;
  const pythonFrom = match.escape.pythonFrom;
  if (pythonFrom !== undefined) {
    // `%time x = f()` → `...;  x = f()`: the statement stays, its continuation lines with it.
    const prefix = text.slice(character, pythonFrom);
    const token = prefix.length >= 4 ? '...;' : '0;';
    out[line] =
      text.slice(0, character) + token + prefix.slice(token.length).replace(/[^\r]/g, ' ') + text.slice(pythonFrom);
    return;
  }
  out[line] = text.slice(0, character) + filler(text.slice(character));
  // Continuation lines become blank lines, which Python ignores whatever their indentation.
  for (let k = line + 1; k <= match.endLine; k++) out[k] = lines[k].text.replace(/[^\r]/g, ' ');
}

/**
 * Tokenizes just enough of one physical line to know, at its end, whether a string or a bracket is still open
 * (the next line then continues this statement) and where a comment starts.
 */
function lexLine(text: string, state: LexState): { state: LexState; comment: number } {
  let { quote, depth } = state;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quote !== null) {
      if (c === '\\') i += 2;
      else if (text.startsWith(quote, i)) {
        i += quote.length;
        quote = null;
      } else i++;
      continue;
    }
    if (c === '#') return { state: { quote: null, depth, continued: false }, comment: i };
    if (c === '"' || c === "'") {
      quote = text.startsWith(c + c + c, i) ? ((c + c + c) as Quote) : c;
      i += quote.length;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    i++;
  }
  const escapedBreak = i > text.length;
  // A one-quote string ends with its line unless a backslash continues it; a broken one should not swallow the cell.
  if (quote !== null && quote.length === 1 && !escapedBreak) quote = null;
  const continued = quote === null && text.endsWith('\\');
  return { state: { quote, depth, continued }, comment: -1 };
}

function matchCellMagic(lines: SourceLine[]): Match | null {
  // IPython drops leading whitespace-only lines and dedents the cell before looking for %% on the first line.
  const first = lines.findIndex((line) => line.text.trim() !== '');
  if (first < 0) return null;
  const text = lines[first].text;
  const col = indentWidth(text);
  const head = text.slice(col);
  if (!head.startsWith('%%') || MAGIC_HELP.test(head.trimEnd())) return null;
  const [name, args] = splitWord(head.slice(2));
  return { escape: { kind: 'cell-magic', name, args, range: lineRange(lines, first, col, first) }, endLine: first };
}

function matchStatement(lines: SourceLine[], i: number, multiLine: boolean): Match | null {
  const text = lines[i].text;
  const col = indentWidth(text);
  if (col === text.length) return null;
  return (
    matchHelpEnd(lines, i, col) ??
    matchEscaped(lines, i, col) ??
    matchEscapeAssign(lines, i) ??
    matchAutomagic(lines, i, col, multiLine)
  );
}

/** `obj?`, `np.mean??`, `%timeit?`: the whole line asks for help about the object before the question marks. */
function matchHelpEnd(lines: SourceLine[], i: number, col: number): Match | null {
  const text = lines[i].text;
  const head = text.slice(col).trimEnd();
  if (!head.endsWith('?') || head.startsWith('!') || head.startsWith('?')) return null;
  let name: string | undefined;
  if (head.startsWith('%')) {
    name = MAGIC_HELP.exec(head)?.[1];
  } else {
    const lexed = lexLine(text, START);
    const insideCode = lexed.comment < 0 && lexed.state.quote === null && lexed.state.depth === 0;
    name = insideCode ? HELP_END.exec(head)?.[1] : undefined;
  }
  if (name === undefined) return null;
  return { escape: { kind: 'help', name, args: '', range: lineRange(lines, i, col, i) }, endLine: i };
}

/** Lines that start with `!`, `!!`, `%`, `?` or `??`, or with the auto-call escapes `,` `;` `/`. */
function matchEscaped(lines: SourceLine[], i: number, col: number): Match | null {
  const c = lines[i].text[col];
  if (c !== '!' && c !== '%' && c !== '?' && c !== ',' && c !== ';' && c !== '/') return null;
  const match = escapeFrom(lines, i, col);
  if (match.escape.kind === 'line-magic') keepPythonStatement(match.escape, lines[i].text, col + 1);
  return match;
}

/**
 * `%time x = f()`, `%timeit -n 10 f(y)`: sets where the Python statement after the magic's name and options starts,
 * when it can stay in the masked text as a statement of its own. `nameAt` is the column of the magic's name.
 */
function keepPythonStatement(escape: Escape, text: string, nameAt: number): void {
  const magic = PYTHON_STATEMENT_MAGICS.get(escape.name);
  if (!magic) return;
  let at = nameAt + escape.name.length;
  const skip = (pattern: RegExp): string | undefined => {
    const m = pattern.exec(text.slice(at));
    if (m) at += m[0].length;
    return m?.[1];
  };
  skip(/^\s+/);
  for (;;) {
    const option = /^-([A-Za-z])\S*\s/.exec(text.slice(at))?.[1];
    if (option === undefined || !magic.options.includes(option)) break;
    const attached = skip(/^-[A-Za-z](\S*)\s*/);
    if (attached === '' && magic.valueOptions.includes(option)) skip(/^(\S+)\s*/);
  }
  const statement = text.slice(at);
  if (statement.trim() === '' || COMPOUND_START.test(statement)) return;
  if (!magic.binds && ASSIGNMENT_START.test(statement)) return;
  escape.pythonFrom = at;
}

/** `x = !ls`, `files = %sx ls`: only the right side is masked, so the assignment still binds its target. */
function matchEscapeAssign(lines: SourceLine[], i: number): Match | null {
  const m = ESCAPE_ASSIGN.exec(lines[i].text);
  if (!m) return null;
  const match = escapeFrom(lines, i, m[0].length);
  const target = m[2];
  if (IDENTIFIER.test(target)) match.escape.assignTarget = target;
  return match;
}

/** `pip install x`, `cd data`: a known magic name used as a command, in a line that is not Python as written. */
function matchAutomagic(lines: SourceLine[], i: number, col: number, multiLine: boolean): Match | null {
  const m = AUTOMAGIC_LINE.exec(lines[i].text.slice(col));
  if (!m || !AUTOMAGIC_NAMES.has(m[1]) || continuesPython(m[2])) return null;
  const endLine = continuationEnd(lines, i);
  const [name, args] = splitWord(joinContinued(lines, i, col, endLine));
  const escape: Escape = { kind: 'automagic', name, args, range: lineRange(lines, i, col, endLine) };
  if (multiLine) escape.misplaced = true;
  else keepPythonStatement(escape, lines[i].text, col);
  return { escape, endLine };
}

/**
 * Whether `name <rest>` can be Python: an assignment, a call, an attribute, a binary operator written with spaces,
 * a keyword that continues an expression. `ls -la`, `cd ..`, `cd /tmp`, `pip install x` cannot.
 */
function continuesPython(rest: string): boolean {
  if (CONTINUING_KEYWORD.test(rest)) return true;
  const c = rest[0];
  if ('=([{,:;#)]}\\'.includes(c)) return true;
  if (c === '.') return /^\.[A-Za-z_]/.test(rest);
  const op = OPERATOR_RUN.exec(rest)?.[0];
  if (op === undefined || op.startsWith('~')) return false;
  if (op.endsWith('=')) return true;
  const after = rest[op.length];
  // A flag or a path glued to its operator (`-la`, `/tmp`, `*.csv`) is a command argument; `a - b` is arithmetic.
  return after !== undefined && /\s/.test(after);
}

/** The escape that starts at `col` with `!`, `!!`, `%`, `%%`, `?` or `??`, with its backslash continuation lines. */
function escapeFrom(lines: SourceLine[], i: number, col: number): Match {
  const endLine = continuationEnd(lines, i);
  const text = joinContinued(lines, i, col, endLine);
  const range = lineRange(lines, i, col, endLine);
  return { escape: { ...parseEscape(text), range }, endLine };
}

function parseEscape(text: string): Omit<Escape, 'range'> {
  if (text.startsWith(',') || text.startsWith(';') || text.startsWith('/')) {
    const [name, args] = splitWord(text.slice(1));
    return { kind: 'autocall', name, args };
  }
  if (text.startsWith('!')) {
    const [name, args] = splitWord(text.slice(text.startsWith('!!') ? 2 : 1));
    return { kind: 'shell', name, args };
  }
  if (text.startsWith('?')) {
    const target = text.slice(text.startsWith('??') ? 2 : 1).replace(/\?+$/, '');
    return { kind: 'help', name: target.trim(), args: '' };
  }
  if (text.startsWith('%%')) {
    // IPython honours %% only on the first line; below it the cell fails with "line magic not found".
    const [name, args] = splitWord(text.slice(2));
    return { kind: 'cell-magic', name, args, misplaced: true };
  }
  const [name, args] = splitWord(text.slice(1));
  return { kind: 'line-magic', name, args };
}

function continuationEnd(lines: SourceLine[], i: number): number {
  let end = i;
  while (end + 1 < lines.length && lines[end].text.endsWith('\\')) end++;
  return end;
}

/** The escape text from `col` on line `start` to `end`, each continued piece trimmed and joined with one space. */
function joinContinued(lines: SourceLine[], start: number, col: number, end: number): string {
  const pieces: string[] = [];
  for (let k = start; k <= end; k++) {
    let piece = k === start ? lines[k].text.slice(col) : lines[k].text;
    if (k < end) piece = piece.slice(0, -1);
    piece = piece.trim();
    if (piece !== '') pieces.push(piece);
  }
  return pieces.join(' ');
}

function splitWord(text: string): [string, string] {
  const m = /^(\S*)\s*([\s\S]*)$/.exec(text.trim());
  return m ? [m[1], m[2].trim()] : ['', ''];
}

/** Python indents with spaces, tabs and form feeds only. */
function indentWidth(text: string): number {
  return /^[ \t\f]*/.exec(text)![0].length;
}

function lineRange(lines: SourceLine[], startLine: number, col: number, endLine: number): Range {
  return {
    start: { line: startLine, character: col },
    end: { line: endLine, character: lines[endLine].text.trimEnd().length },
  };
}
