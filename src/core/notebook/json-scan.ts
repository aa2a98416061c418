// Where things sit in the .ipynb text, found by a tiny scanner over text JSON.parse has already accepted.
// JSON.parse forgets offsets; this walks only the top-level object and the cells arrays, and skips
// everything else (outputs included) without building values, so it stays one linear pass.

export interface NotebookLayout {
  /** Offset of each top-level key's opening quote; the last one wins for duplicate keys, like JSON.parse. */
  keys: Map<string, number>;
  /** Offset of each element of the top-level `cells` array (v4); null when not found. */
  cellStarts: number[] | null;
  /** Offset of each element of every worksheet's `cells` array, in order (v3); null when not found. */
  worksheetCellStarts: number[] | null;
}

/** Thrown inside the scanner when the text is not what it expected; never escapes this module. */
class ScanError extends Error {}

const enum Ch {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Quote = 34,
  Comma = 44,
  Colon = 58,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch !== Ch.Space && ch !== Ch.Newline && ch !== Ch.Return && ch !== Ch.Tab) break;
    i++;
  }
  return i;
}

function expect(text: string, i: number, ch: number): void {
  if (text.charCodeAt(i) !== ch) throw new ScanError(`expected ${String.fromCharCode(ch)} at ${i}`);
}

/** `i` is at an opening quote; returns the offset just after the closing one. */
function skipString(text: string, i: number): number {
  expect(text, i, Ch.Quote);
  let j = i + 1;
  for (;;) {
    const quote = text.indexOf('"', j);
    if (quote < 0) throw new ScanError('unterminated string');
    // The quote is escaped when an odd number of backslashes precede it.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === Ch.Backslash) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    j = quote + 1;
  }
}

/** Skips any value (string, container, scalar) starting at `i`; returns the offset after it. */
function skipValue(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === Ch.Quote) return skipString(text, i);
  if (first !== Ch.OpenBrace && first !== Ch.OpenBracket) {
    // A number, true, false or null: runs to the next delimiter.
    let j = i;
    while (j < text.length && !isDelimiter(text.charCodeAt(j))) j++;
    if (j === i) throw new ScanError(`no value at ${i}`);
    return j;
  }
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const ch = text.charCodeAt(j);
    if (ch === Ch.Quote) {
      j = skipString(text, j);
      continue;
    }
    if (ch === Ch.OpenBrace || ch === Ch.OpenBracket) depth++;
    else if (ch === Ch.CloseBrace || ch === Ch.CloseBracket) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  throw new ScanError('unterminated container');
}

function isDelimiter(ch: number): boolean {
  return (
    ch === Ch.Comma ||
    ch === Ch.CloseBrace ||
    ch === Ch.CloseBracket ||
    ch === Ch.Space ||
    ch === Ch.Newline ||
    ch === Ch.Return ||
    ch === Ch.Tab
  );
}

/**
 * Walks the members of the object at `i`. `visit` gets the decoded key, the key's offset and the value's offset,
 * and returns the offset after the value (it may descend into it, or just skip it). Returns the offset after '}'.
 */
function forEachMember(
  text: string,
  i: number,
  visit: (key: string, keyStart: number, valueStart: number) => number,
): number {
  expect(text, i, Ch.OpenBrace);
  let j = skipWhitespace(text, i + 1);
  if (text.charCodeAt(j) === Ch.CloseBrace) return j + 1;
  for (;;) {
    const keyStart = j;
    const keyEnd = skipString(text, keyStart);
    // Keys are short; JSON.parse decodes their escapes correctly.
    const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
    j = skipWhitespace(text, keyEnd);
    expect(text, j, Ch.Colon);
    const valueStart = skipWhitespace(text, j + 1);
    j = skipWhitespace(text, visit(key, keyStart, valueStart));
    if (text.charCodeAt(j) === Ch.CloseBrace) return j + 1;
    expect(text, j, Ch.Comma);
    j = skipWhitespace(text, j + 1);
  }
}

/** Walks the elements of the array at `i`, like forEachMember. Returns the offset after ']'. */
function forEachElement(text: string, i: number, visit: (elementStart: number) => number): number {
  expect(text, i, Ch.OpenBracket);
  let j = skipWhitespace(text, i + 1);
  if (text.charCodeAt(j) === Ch.CloseBracket) return j + 1;
  for (;;) {
    j = skipWhitespace(text, visit(j));
    if (text.charCodeAt(j) === Ch.CloseBracket) return j + 1;
    expect(text, j, Ch.Comma);
    j = skipWhitespace(text, j + 1);
  }
}

function isOpen(text: string, i: number, ch: Ch.OpenBrace | Ch.OpenBracket): boolean {
  return text.charCodeAt(i) === ch;
}

/** Start offsets of the elements of the array at `i` (skipping each element), and the offset after it. */
function elementStarts(text: string, i: number): { starts: number[]; end: number } {
  const starts: number[] = [];
  const end = forEachElement(text, i, (start) => {
    starts.push(start);
    return skipValue(text, start);
  });
  return { starts, end };
}

/** The `cells` array of one (v3) worksheet object. */
function worksheetCellStarts(text: string, i: number): { starts: number[]; end: number } {
  let starts: number[] = [];
  const end = forEachMember(text, i, (key, _keyStart, valueStart) => {
    if (key === 'cells' && isOpen(text, valueStart, Ch.OpenBracket)) {
      const found = elementStarts(text, valueStart);
      starts = found.starts;
      return found.end;
    }
    return skipValue(text, valueStart);
  });
  return { starts, end };
}

/** Cells of every worksheet, in order (v3). */
function worksheetsCellStarts(text: string, i: number): { starts: number[]; end: number } {
  const starts: number[] = [];
  const end = forEachElement(text, i, (start) => {
    if (!isOpen(text, start, Ch.OpenBrace)) return skipValue(text, start);
    const found = worksheetCellStarts(text, start);
    starts.push(...found.starts);
    return found.end;
  });
  return { starts, end };
}

/**
 * Finds the top-level keys and the cell objects of a notebook text that JSON.parse accepted.
 * `start` skips a BOM. Never throws: anything unexpected leaves the cell offsets unknown.
 */
export function scanNotebookLayout(text: string, start = 0): NotebookLayout {
  const layout: NotebookLayout = { keys: new Map(), cellStarts: null, worksheetCellStarts: null };
  try {
    const i = skipWhitespace(text, start);
    if (!isOpen(text, i, Ch.OpenBrace)) return layout;
    forEachMember(text, i, (key, keyStart, valueStart) => {
      layout.keys.set(key, keyStart);
      if (key === 'cells' && isOpen(text, valueStart, Ch.OpenBracket)) {
        const found = elementStarts(text, valueStart);
        layout.cellStarts = found.starts;
        return found.end;
      }
      if (key === 'worksheets' && isOpen(text, valueStart, Ch.OpenBracket)) {
        const found = worksheetsCellStarts(text, valueStart);
        layout.worksheetCellStarts = found.starts;
        return found.end;
      }
      return skipValue(text, valueStart);
    });
  } catch {
    return { keys: layout.keys, cellStarts: null, worksheetCellStarts: null };
  }
  return layout;
}
