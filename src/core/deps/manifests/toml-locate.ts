// Where each key and value of a TOML document sits. smol-toml gives the values but no positions; this scanner walks
// the same text and records the range of every value by its path (`project.dependencies[2]`), so a diagnostic can
// point at the line in pyproject.toml. It trusts smol-toml for validity and skips what it does not understand.
import type { Range } from '../../types';
import { TextIndex } from '../dependency-data';

export type TomlPath = readonly (string | number)[];

export interface TomlLocation {
  /** The key's range (for `key = value` members), null for array elements. */
  keyRange: Range | null;
  /** The value's whole range (quotes, brackets included). */
  valueRange: Range;
  /** For strings, the range inside the quotes; otherwise the value's range. */
  contentRange: Range;
  kind: 'string' | 'array' | 'table' | 'scalar';
}

export type TomlLocations = ReadonlyMap<string, TomlLocation>;

export function tomlPathKey(path: TomlPath): string {
  return JSON.stringify(path);
}

export function locate(locations: TomlLocations, path: TomlPath): TomlLocation | undefined {
  return locations.get(tomlPathKey(path));
}

class Stop extends Error {}

const BARE_KEY = /[A-Za-z0-9_-]/;

export function locateToml(text: string): TomlLocations {
  const index = new TextIndex(text);
  const found = new Map<string, TomlLocation>();
  const arrayTables = new Map<string, number>();
  let i = 0;
  let table: (string | number)[] = [];

  const fail = (): never => {
    throw new Stop();
  };
  const skipSpaces = () => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };
  const skipBlank = () => {
    for (;;) {
      skipSpaces();
      if (text[i] === '#') while (i < text.length && text[i] !== '\n') i++;
      if (text[i] === '\n' || text[i] === '\r') i++;
      else return;
    }
  };
  const record = (
    path: (string | number)[],
    keyStart: number,
    keyEnd: number,
    start: number,
    end: number,
    content: [number, number] | null,
    kind: TomlLocation['kind'],
  ) => {
    found.set(tomlPathKey(path), {
      keyRange: keyStart < 0 ? null : index.range(keyStart, keyEnd),
      valueRange: index.range(start, end),
      contentRange: content ? index.range(content[0], content[1]) : index.range(start, end),
      kind,
    });
  };

  /** A string at i; returns its decoded-enough value and content span. */
  const readString = (): { value: string; content: [number, number] } => {
    const quote = text[i]!;
    const triple = text.startsWith(quote.repeat(3), i);
    const open = triple ? 3 : 1;
    const contentStart = i + open;
    let j = contentStart;
    for (;;) {
      if (j >= text.length) fail();
      if (quote === '"' && text[j] === '\\') {
        j += 2;
        continue;
      }
      if (!triple && text[j] === '\n') fail();
      if (text.startsWith(triple ? quote.repeat(3) : quote, j)) break;
      j++;
    }
    // A multi-line string may end with up to two extra quotes that belong to its content.
    let end = j;
    if (triple) while (text[end + 3] === quote) end++;
    i = end + open;
    const raw = text.slice(contentStart, end);
    const value = quote === '"' ? raw.replace(/\\(["\\])/g, '$1') : raw;
    return { value, content: [contentStart, end] };
  };

  const readKey = (): string[] => {
    const keys: string[] = [];
    for (;;) {
      skipSpaces();
      if (text[i] === '"' || text[i] === "'") keys.push(readString().value);
      else {
        const start = i;
        while (i < text.length && BARE_KEY.test(text[i]!)) i++;
        if (i === start) fail();
        keys.push(text.slice(start, i));
      }
      skipSpaces();
      if (text[i] !== '.') return keys;
      i++;
    }
  };

  const readValue = (path: (string | number)[], keyStart: number, keyEnd: number) => {
    const start = i;
    const c = text[i];
    if (c === '"' || c === "'") {
      const { content } = readString();
      record(path, keyStart, keyEnd, start, i, content, 'string');
    } else if (c === '[') {
      i++;
      let n = 0;
      for (;;) {
        skipBlank();
        if (text[i] === ']') break;
        readValue([...path, n++], -1, -1);
        skipBlank();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') fail();
      }
      i++;
      record(path, keyStart, keyEnd, start, i, null, 'array');
    } else if (c === '{') {
      i++;
      for (;;) {
        skipSpaces();
        if (text[i] === '}') break;
        const memberStart = i;
        const keys = readKey();
        const memberEnd = i;
        if (text[i] !== '=') fail();
        i++;
        skipSpaces();
        readValue([...path, ...keys], memberStart, memberEnd);
        skipSpaces();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail();
      }
      i++;
      record(path, keyStart, keyEnd, start, i, null, 'table');
    } else {
      while (i < text.length && !',]}\n#'.includes(text[i]!)) i++;
      const end = start + text.slice(start, i).trimEnd().length;
      if (end === start) fail();
      record(path, keyStart, keyEnd, start, end, null, 'scalar');
    }
  };

  /** `[a.b]` or `[[a.b]]`: the path with the current index of every array of tables it passes through. */
  const resolveHeader = (keys: string[], isArray: boolean): (string | number)[] => {
    const path: (string | number)[] = [];
    keys.forEach((key, k) => {
      path.push(key);
      const id = tomlPathKey(path);
      if (isArray && k === keys.length - 1) {
        const next = (arrayTables.get(id) ?? 0) + 1;
        arrayTables.set(id, next);
        path.push(next - 1);
      } else if (arrayTables.has(id)) {
        path.push(arrayTables.get(id)! - 1);
      }
    });
    return path;
  };

  while (i < text.length) {
    const lineStart = i;
    try {
      skipBlank();
      if (i >= text.length) break;
      if (text[i] === '[') {
        const isArray = text[i + 1] === '[';
        const headerStart = i;
        i += isArray ? 2 : 1;
        const keys = readKey();
        if (text[i] !== ']' || (isArray && text[i + 1] !== ']')) fail();
        i += isArray ? 2 : 1;
        table = resolveHeader(keys, isArray);
        record(table, headerStart, i, headerStart, i, null, 'table');
      } else {
        const keyStart = i;
        const keys = readKey();
        const keyEnd = i;
        if (text[i] !== '=') fail();
        i++;
        skipSpaces();
        readValue([...table, ...keys], keyStart, keyEnd);
      }
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
      if (i <= lineStart) i = lineStart + 1;
    }
    // Whatever follows on the line (a comment, or what the scanner could not read) is skipped.
    while (i < text.length && text[i] !== '\n') i++;
  }
  return found;
}
