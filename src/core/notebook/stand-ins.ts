// Stand-ins for strings left out of a notebook's text. The CLI cuts the images out of a notebook's bytes before
// decoding them (src/cli/speed/image-payloads.ts): they are most of a notebook's bytes and no rule reads them, only
// their size counts. Each one is replaced by a stand-in: a string of a NUL and the left-out string's length. A NUL
// gets into a parsed JSON string only from the escape `\u0000`, so in a text without that escape every string that
// starts with a NUL is a stand-in.

/** What was left out of a notebook's text, for the loader to check and to count back in. */
export interface LeftOutStrings {
  /** How many stand-ins the text holds. */
  count: number;
  /** Characters of the original text that the stand-ins replaced, less their own: the original text's length minus this text's. */
  removedCharacters: number;
}

/** The JSON escape of a NUL: where a text has none, every string that starts with a NUL is a stand-in. */
export const NUL_ESCAPE = '\\u0000';

/** The JSON for a stand-in of a string `length` characters long, as it goes in the notebook's text. */
export function standInJson(length: number): string {
  return `"${NUL_ESCAPE}${length}"`;
}

/** The length of the string a parsed JSON string stands in for, or -1 when it is a string of the notebook's own. */
export function standInLength(value: string): number {
  if (value.charCodeAt(0) !== 0 || value.length < 2) return -1;
  const length = Number(value.slice(1));
  return Number.isSafeInteger(length) && length >= 0 ? length : -1;
}
