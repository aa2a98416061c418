// Splits the text of a shell escape or magic line into words with their ranges in the cell: quotes removed,
// `\` line continuations read as spaces, commands separated at `&&`, `||`, `;`, `|`, redirections and `#` comments dropped.
import type { Range } from '../types';
import { TextIndex } from './dependency-data';

export interface Word {
  /** The word with its quotes removed. */
  text: string;
  /** As written, quotes included. */
  raw: string;
  range: Range;
  /** Offset in the cell where the unquoted text starts, when the word is one plain or one quoted piece; else -1. */
  textStart: number;
  /** A redirection follows without a space (`pandas>=2` is `pandas` with its output sent to a file named `=2`). */
  redirectAfter?: boolean;
}

/** The words of each command in `source` between the two offsets. */
export function shellCommands(source: string, from: number, to: number): Word[][] {
  const index = new TextIndex(source);
  const commands: Word[][] = [[]];
  let i = from;
  let text = '';
  let start = -1;
  let pieces = 0;
  let firstPieceQuoted = false;
  let skipNext = false;
  let glued = false;

  const endWord = () => {
    if (start < 0) return;
    const raw = source.slice(start, i);
    const simple = pieces === 1;
    const word: Word = {
      text,
      raw,
      range: index.range(start, i),
      textStart: simple ? start + (firstPieceQuoted ? 1 : 0) : -1,
    };
    if (glued) word.redirectAfter = true;
    glued = false;
    if (skipNext) skipNext = false;
    else commands[commands.length - 1]!.push(word);
    text = '';
    start = -1;
    pieces = 0;
  };
  const newCommand = () => {
    endWord();
    skipNext = false;
    if (commands[commands.length - 1]!.length > 0) commands.push([]);
  };

  while (i < to) {
    const c = source[i]!;
    if (c === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) {
      endWord();
      i += source[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '#' && start < 0) {
      while (i < to && source[i] !== '\n') i++;
      continue;
    }
    if (c === '&' || c === '|' || c === ';') {
      if (c === '&' && source[i + 1] === '>') {
        endWord();
        i += 2;
        skipNext = true;
        continue;
      }
      newCommand();
      i += source[i + 1] === c ? 2 : 1;
      continue;
    }
    if (c === '>' || c === '<') {
      // `2>&1`, `> /dev/null`, `>> log`: the descriptor before and the target after are not arguments.
      if (start >= 0 && /^\d+$/.test(text) && pieces === 1) {
        start = -1;
        text = '';
        pieces = 0;
      }
      glued = start >= 0;
      endWord();
      i++;
      if (source[i] === '>') i++;
      if (source[i] === '&') {
        i++;
        while (i < to && /\d/.test(source[i]!)) i++;
      } else skipNext = true;
      continue;
    }
    if (start < 0) start = i;
    if (c === '"' || c === "'") {
      const close = source.indexOf(c, i + 1);
      const end = close < 0 || close > to ? to : close;
      if (pieces === 0) firstPieceQuoted = true;
      text += source.slice(i + 1, end);
      pieces++;
      i = end + 1;
      continue;
    }
    // A plain run of characters is one piece.
    if (pieces === 0 || source[i - 1] === '"' || source[i - 1] === "'") {
      if (pieces === 0) firstPieceQuoted = false;
      pieces++;
    }
    text += c;
    i++;
  }
  endWord();
  return commands.filter((words) => words.length > 0);
}
