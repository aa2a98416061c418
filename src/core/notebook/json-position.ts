// Positions inside the .ipynb text: offsets to line/character, and where JSON.parse gave up.
import type { Position } from '../types';

/** Offsets at which each line starts. Build once, then look up many offsets in O(log n). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */) {
      starts.push(i + 1);
    } else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) {
      // A lone CR ends a line for editors too; CRLF is counted once, at its LF.
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 0-based line/character of an offset, clamped to the text. `character` counts UTF-16 code units. */
export function positionAt(starts: number[], offset: number, textLength: number): Position {
  const clamped = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, textLength));
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= clamped) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: clamped - starts[low] };
}

/** Convenience for a single lookup. */
export function offsetToPosition(text: string, offset: number): Position {
  return positionAt(lineStarts(text), offset, text.length);
}

/** Offset of a 1-based line/column pair, as some engines (newer V8, Firefox) report it; null when out of range. */
function lineColumnToOffset(text: string, line: number, column: number): number | null {
  if (line < 1 || column < 1) return null;
  const starts = lineStarts(text);
  if (line > starts.length) return null;
  return Math.min(starts[line - 1] + column - 1, text.length);
}

/**
 * Where JSON.parse failed, as an offset into `text`, read from the error message; null when the message does not say.
 * Messages differ between engines and Node versions, so several shapes are tried:
 * - V8 (Node 20): "... in JSON at position 13", newer V8 appends " (line 3 column 3)";
 * - Firefox: "... at line 3 column 3 of the JSON data";
 * - "Unexpected end of JSON input" (V8) / "unexpected end of data" (Firefox): the end of the text.
 */
export function jsonErrorOffset(message: string, text: string): number | null {
  const position = /at position (\d+)/.exec(message);
  if (position) return Math.min(Number(position[1]), text.length);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return lineColumnToOffset(text, Number(lineColumn[1]), Number(lineColumn[2]));
  if (/unexpected end of (json input|data)/i.test(message)) return text.length;
  return unexpectedTokenOffset(message, text);
}

// V8 (json-parser.cc) quotes the text around an unexpected token instead of giving its position:
// the whole text when it is shorter than 21 characters, otherwise 10 characters either side of the token,
// with "..." outside the quotes where it cut the text.
const CONTEXT = 10;
const UNEXPECTED_TOKEN = /^Unexpected token '([\s\S]+?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/;

function unexpectedTokenOffset(message: string, text: string): number | null {
  const match = UNEXPECTED_TOKEN.exec(message);
  if (!match) return null;
  const [, token, cutBefore, snippet, cutAfter] = match;
  if (!cutBefore && !cutAfter) {
    // Short text, quoted whole: the token's first appearance is the best guess.
    const at = text.indexOf(token);
    return at >= 0 ? at : null;
  }
  if (!cutBefore) return snippet.length - CONTEXT;
  if (!cutAfter) return text.length - snippet.length + CONTEXT;
  // Cut on both sides: the snippet may occur more than once; take the first where the token sits in the middle.
  for (let at = text.indexOf(snippet); at >= 0; at = text.indexOf(snippet, at + 1)) {
    if (text.startsWith(token, at + CONTEXT)) return at + CONTEXT;
  }
  return null;
}

/** Position of a JSON.parse failure; 0:0 when the message gives no clue. */
export function jsonErrorPosition(message: string, text: string): Position {
  const offset = jsonErrorOffset(message, text);
  return offset === null ? { line: 0, character: 0 } : offsetToPosition(text, offset);
}

/** The parser's reason without the position, which the finding's range already carries. */
export function jsonErrorReason(message: string): string {
  const reason = message
    .replace(/\s*in JSON at position \d+(\s*\(line \d+ column \d+\))?/, '')
    .replace(/^JSON\.parse:\s*/, '')
    .replace(/\s*at line \d+ column \d+ of the JSON data/, '')
    .trim();
  return reason === '' ? message : reason;
}
