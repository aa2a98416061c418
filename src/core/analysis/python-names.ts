// What counts as part of a Python name for the two text scanners (the tokenizer of the call facts and the plain-
// expression scan): ASCII letters, digits and underscore, and every non-ASCII character that is not a blank, as
// tree-sitter-python reads identifiers (µ and · included).

/**
 * The UTF-16 code unit at `at`, or -1 past the end. The scanners look one or two characters ahead; a `charCodeAt`
 * past a string's end makes V8 throw away the optimised code of the function that did it and compile it again.
 */
export function codeUnitAt(text: string, at: number): number {
  return at < text.length ? text.charCodeAt(at) : -1;
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * What tree-sitter-python skips between tokens: ASCII blanks, and the zero-width space, word joiner and byte order
 * mark (a no-break space is a syntax error there, so it never reaches a scan).
 */
export function isBlank(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13 && code !== 10) || code === 0x200b || code === 0x2060 || code === 0xfeff
  );
}

export function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || (code >= 0x80 && !isBlank(code));
}

export function isNameChar(code: number): boolean {
  return isNameStart(code) || isDigit(code);
}
