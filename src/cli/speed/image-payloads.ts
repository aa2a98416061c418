// A notebook's images are most of its bytes: 26 of the corpus's 41 MB are PNG data in outputs. No rule reads them;
// only their size counts (NH6xx on oversized outputs). Decoding those bytes, parsing them into strings and collecting
// the strings cost `nbhygiene check` about a twentieth of its time, so the check cuts them out of the bytes first and
// puts a stand-in in their place (src/core/notebook/stand-ins.ts), which the loader counts at the image's length.
// What this file finds by looking at bytes, the loader confirms on the parsed notebook: every stand-in must turn up
// in an output, or the whole text is loaded instead.
import { isAscii } from 'node:buffer';
import { NUL_ESCAPE, standInJson, type LeftOutStrings } from '../../core/notebook/stand-ins';
import { isJsonSpaceByte } from '../project-cache';

/**
 * A JSON string of base64 PNG data starts with the PNG signature, encoded. PNG is what matplotlib, seaborn and PIL
 * show in a notebook (26.6 of the corpus's 26.9 MB of images); other images are left in the text.
 */
const PNG_STRING = Buffer.from('"iVBORw0KGgo');
/** The keys PNG data is kept under: nbformat 4's MIME type, nbformat 3's short name. */
const PNG_KEYS = ['image/png', 'png'];

/** Shorter strings are not worth a stand-in. */
export const MIN_LEFT_OUT_BYTES = 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const LOWER_U = 0x75;

/**
 * Whether the string opened at `open` is the value of a PNG key: `{` or `,`, the key, `:`, blanks around each. The
 * `{` or `,` tells a key from text inside a string, where the quote before it would be escaped.
 */
function isPngValue(bytes: Buffer, open: number): boolean {
  let at = open - 1;
  while (isJsonSpaceByte(bytes[at])) at--;
  if (bytes[at] !== COLON) return false;
  at--;
  while (isJsonSpaceByte(bytes[at])) at--;
  if (bytes[at] !== QUOTE) return false;
  const keyEnd = at;
  const keyStart = bytes.lastIndexOf(QUOTE, keyEnd - 1) + 1;
  if (keyStart === 0 || !PNG_KEYS.includes(bytes.toString('latin1', keyStart, keyEnd))) return false;
  at = keyStart - 2;
  while (isJsonSpaceByte(bytes[at])) at--;
  return bytes[at] === OPEN_BRACE || bytes[at] === COMMA;
}

/** How many characters the JSON string between the quotes `open` and `close` decodes to; its bytes are ASCII. */
function decodedLength(bytes: Buffer, open: number, close: number): number {
  const content = bytes.subarray(open + 1, close);
  let length = content.length;
  for (let at = content.indexOf(BACKSLASH); at !== -1; at = content.indexOf(BACKSLASH, at + 2)) {
    // `\uXXXX` is one UTF-16 unit from six bytes; every other escape one character from two.
    length -= content[at + 1] === LOWER_U ? 5 : 1;
  }
  return length;
}

/** The PNG string opened at `open`, as [opening quote, closing quote], when it is long enough to leave out. */
function pngString(bytes: Buffer, open: number): [number, number] | null {
  // Base64 holds no quote, so the first one closes the string (an escaped one would not be base64: left in).
  const close = bytes.indexOf(QUOTE, open + 1);
  if (close === -1 || bytes[close - 1] === BACKSLASH || close - open - 1 < MIN_LEFT_OUT_BYTES) return null;
  if (!isAscii(bytes.subarray(open + 1, close)) || !isPngValue(bytes, open)) return null;
  return [open, close];
}

/**
 * The notebook's bytes with each long PNG string replaced by a stand-in, and what was left out; null when there is
 * nothing to leave out, or when the rest of the text holds a `\u0000` escape (a string of its own would then pass for
 * a stand-in).
 */
export function leaveOutImages(bytes: Buffer): { bytes: Buffer; leftOut: LeftOutStrings } | null {
  const pieces: Buffer[] = [];
  let keptFrom = 0;
  let count = 0;
  let removedCharacters = 0;
  for (let open = bytes.indexOf(PNG_STRING); open !== -1;) {
    const string = pngString(bytes, open);
    if (string === null) {
      open = bytes.indexOf(PNG_STRING, open + 1);
      continue;
    }
    const close = string[1];
    const kept = bytes.subarray(keptFrom, open);
    if (kept.includes(NUL_ESCAPE)) return null;
    const standIn = Buffer.from(standInJson(decodedLength(bytes, open, close)), 'latin1');
    pieces.push(kept, standIn);
    removedCharacters += close + 1 - open - standIn.length;
    count++;
    keptFrom = close + 1;
    open = bytes.indexOf(PNG_STRING, keptFrom);
  }
  if (count === 0) return null;
  const rest = bytes.subarray(keptFrom);
  if (rest.includes(NUL_ESCAPE)) return null;
  pieces.push(rest);
  return { bytes: Buffer.concat(pieces), leftOut: { count, removedCharacters } };
}
