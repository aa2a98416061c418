// Suppressions written in the notebook itself: `# nbhygiene: ignore[NH102]` pragmas and `nbhygiene-ignore` cell tags.
import type { Finding } from '../types';
import type { Cell, Notebook } from '../notebook/notebook';
import { codeMatches, normalizeSelector } from './config';

export interface Pragma {
  /** 'line' silences findings starting on `line`; 'cell' silences the whole cell. */
  scope: 'line' | 'cell';
  /** 0-based line in the cell. */
  line: number;
  /** 0-based column of the `#` that starts the pragma (for highlighting and quick fixes). */
  character: number;
  /** Codes or prefixes; null = every code. */
  codes: string[] | null;
}

export interface Comment {
  line: number;
  character: number;
  /** From the `#` to the end of the line. */
  text: string;
}

// `#` then `nbhygiene:` then the kind, each with optional spaces; `ignore-cell` must be tried before `ignore`.
const PRAGMA = /#\s*nbhygiene\s*:\s*(ignore-cell|ignore)(?![\w-])(?:\s*\[([^\]]*)\])?/gi;

/** A cell tag that silences the cell: bare for every code, `nbhygiene-ignore:NH101,NH102` for some. */
export const IGNORE_TAG = 'nbhygiene-ignore';

/**
 * The comments of a Python cell. Quotes are tracked (triple-quoted strings across lines too) so a `#`
 * inside a string is not a comment; IPython escapes need no special care because an unclosed
 * single-line string ends at the end of its line.
 */
export function findComments(source: string): Comment[] {
  const comments: Comment[] = [];
  let line = 0;
  let lineStart = 0;
  let quote: string | null = null; // the delimiter of the string we are in: ', ", ''' or """
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
      if (quote !== null && quote.length === 1) quote = null;
      continue;
    }
    if (quote !== null) {
      if (ch === '\\') {
        i++;
        // A backslash-newline continues the string on the next line; keep the line count right.
        if (source[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
      } else if (source.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = null;
      }
      continue;
    }
    if (ch === '#') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      comments.push({ line, character: i - lineStart, text: source.slice(i, stop) });
      i = stop - 1;
    } else if (ch === '"' || ch === "'") {
      quote = source.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      i += quote.length - 1;
    }
  }
  return comments;
}

function parseCodes(list: string | undefined): string[] | null {
  if (list === undefined) return null;
  const codes = list
    .split(/[\s,]+/)
    .map(normalizeSelector)
    .filter((code) => code.length > 0);
  // `ignore[]` reads like the bare form: no list given.
  return codes.length === 0 ? null : codes;
}

/** Every `# nbhygiene: ignore…` pragma of a code cell's source, in order. */
export function parsePragmas(source: string): Pragma[] {
  const pragmas: Pragma[] = [];
  if (!source.toLowerCase().includes('nbhygiene')) return pragmas;
  for (const comment of findComments(source)) {
    for (const match of comment.text.matchAll(PRAGMA)) {
      pragmas.push({
        scope: match[1].toLowerCase() === 'ignore-cell' ? 'cell' : 'line',
        line: comment.line,
        character: comment.character + (match.index ?? 0),
        codes: parseCodes(match[2]),
      });
    }
  }
  return pragmas;
}

/** What a cell's tags silence: null = nothing, 'all', or a list of codes/prefixes. */
export function tagSuppressions(tags: readonly string[]): 'all' | string[] | null {
  const codes: string[] = [];
  for (const tag of tags) {
    const trimmed = tag.trim();
    if (trimmed.toLowerCase() === IGNORE_TAG) return 'all';
    if (trimmed.toLowerCase().startsWith(`${IGNORE_TAG}:`)) {
      const listed = parseCodes(trimmed.slice(IGNORE_TAG.length + 1));
      if (listed === null) return 'all';
      codes.push(...listed);
    }
  }
  return codes.length > 0 ? codes : null;
}

function covers(codes: string[] | null, code: string): boolean {
  return codes === null || codes.some((selector) => codeMatches(code, selector));
}

/** Everything one cell silences, computed once per cell. */
interface CellSuppressions {
  tags: 'all' | string[] | null;
  pragmas: Pragma[];
}

function suppressionsOf(cell: Cell): CellSuppressions {
  return {
    tags: tagSuppressions(cell.tags),
    pragmas: cell.kind === 'code' ? parsePragmas(cell.source) : [],
  };
}

function isSuppressed(finding: Finding, suppressions: CellSuppressions): boolean {
  const { tags, pragmas } = suppressions;
  if (tags === 'all' || (tags !== null && covers(tags, finding.code))) return true;
  const line = finding.range.start.line;
  return pragmas.some(
    (pragma) => (pragma.scope === 'cell' || pragma.line === line) && covers(pragma.codes, finding.code),
  );
}

/** Drops the findings a pragma or a cell tag silences; findings about the whole notebook are kept. */
export function applySuppressions(findings: Finding[], notebook: Notebook): Finding[] {
  const byCell = new Map<number, CellSuppressions>();
  return findings.filter((finding) => {
    if (finding.cellIndex === null) return true;
    const cell = notebook.cells[finding.cellIndex];
    if (cell === undefined) return true;
    let suppressions = byCell.get(cell.index);
    if (suppressions === undefined) {
      suppressions = suppressionsOf(cell);
      byCell.set(cell.index, suppressions);
    }
    return !isSuppressed(finding, suppressions);
  });
}
