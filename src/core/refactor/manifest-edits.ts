// Adding requirements to a manifest in the style it already has: requirements.txt lines (in sorted position when
// the file is sorted), strings in pyproject's `[project] dependencies` (quotes, layout, trailing comma and order
// kept), or `name = "version"` lines in Poetry's `[tool.poetry.dependencies]`.
import { parseRequirementsTxt } from '../deps/manifests/requirements-txt';
import { locate, locateToml, type TomlLocation, type TomlLocations } from '../deps/manifests/toml-locate';
import { TextIndex } from '../deps/dependency-data';
import { normalizeName } from '../deps/normalize';
import { applyTextEdits } from './apply-plan';
import { compareStrings } from '../compare';

export interface Addition {
  /** Distribution name as it should be written. */
  name: string;
  /** The requirement as it should be written (`numpy==1.26.4`, `transformers[torch]`). */
  requirement: string;
  /** For Poetry: the exact version, or null for "*". */
  version: string | null;
}

function isSorted(keys: string[]): boolean {
  return keys.length >= 2 && keys.every((key, k) => k === 0 || keys[k - 1]! <= key);
}

/** Additions in the order a sorted manifest keeps: by normalised name, compared as `isSorted` compares them. */
export function inManifestOrder(additions: readonly Addition[]): Addition[] {
  return additions
    .map((addition) => ({ addition, key: normalizeName(addition.name) }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map(({ addition }) => addition);
}

/** requirements.txt with the additions: each before the first greater name when the file is sorted, else at the end. */
export function addToRequirementsText(text: string, additions: readonly Addition[]): string {
  if (additions.length === 0) return text;
  const declarations = parseRequirementsTxt(text).declarations;
  const sorted = isSorted(declarations.map((d) => d.key));
  const crlf = text.includes('\r\n');
  // Lines to insert before each existing line, in key order; inserting in order keeps a sorted file sorted.
  const inserts = new Map<number, string[]>();
  const appended: string[] = [];
  for (const addition of inManifestOrder(additions)) {
    const key = normalizeName(addition.name);
    const before = sorted ? declarations.find((d) => d.key > key) : undefined;
    if (!before) {
      appended.push(addition.requirement);
      continue;
    }
    const line = before.range.start.line;
    inserts.set(line, [...(inserts.get(line) ?? []), `${addition.requirement}${crlf ? '\r' : ''}`]);
  }
  const lines = text.split('\n');
  for (const [line, added] of [...inserts].sort(([a], [b]) => b - a)) lines.splice(line, 0, ...added);
  const out = lines.join('\n');
  if (appended.length === 0) return out;
  const newline = crlf ? '\r\n' : '\n';
  return `${out}${out === '' || out.endsWith('\n') ? '' : newline}${appended.map((requirement) => `${requirement}${newline}`).join('')}`;
}

function arrayElements(locations: TomlLocations, path: (string | number)[]): TomlLocation[] {
  const elements: TomlLocation[] = [];
  for (let n = 0; ; n++) {
    const element = locate(locations, [...path, n]);
    if (!element) return elements;
    elements.push(element);
  }
}

/** One addition into an existing array of strings. */
function insertIntoArray(text: string, array: TomlLocation, elements: TomlLocation[], requirement: string): string {
  const index = new TextIndex(text);
  const quoteAt = elements[0] ? index.offset(elements[0].valueRange.start) : -1;
  const quote = quoteAt >= 0 && text[quoteAt] === "'" ? "'" : '"';
  const item = `${quote}${requirement}${quote}`;
  const multiline = array.valueRange.start.line !== array.valueRange.end.line;
  if (elements.length === 0) {
    const indent = multiline ? '    ' : '';
    return applyTextEdits(text, [
      { range: array.valueRange, newText: multiline ? `[\n${indent}${item},\n]` : `[${item}]` },
    ]);
  }
  const values = elements.map((e) => text.slice(index.offset(e.contentRange.start), index.offset(e.contentRange.end)));
  const keys = values.map((v) => normalizeName(/^[A-Za-z0-9._-]+/.exec(v)?.[0] ?? v));
  const key = normalizeName(/^[A-Za-z0-9._-]+/.exec(requirement)?.[0] ?? requirement);
  const beforeIndex = isSorted(keys) ? keys.findIndex((k) => k > key) : -1;
  const lineIndent = (e: TomlLocation) =>
    /^[ \t]*/.exec(text.slice(index.offset({ line: e.valueRange.start.line, character: 0 })))![0];
  if (beforeIndex >= 0) {
    const next = elements[beforeIndex]!;
    const separator =
      multiline && next.valueRange.start.line !== (elements[beforeIndex - 1]?.valueRange.end.line ?? -1)
        ? `,\n${lineIndent(next)}`
        : ', ';
    return applyTextEdits(text, [
      { range: { start: next.valueRange.start, end: next.valueRange.start }, newText: `${item}${separator}` },
    ]);
  }
  const last = elements[elements.length - 1]!;
  const lastEnd = index.offset(last.valueRange.end);
  const after = /^[ \t]*,/.exec(text.slice(lastEnd));
  if (multiline) {
    if (after) {
      const at = index.position(lastEnd + after[0].length);
      return applyTextEdits(text, [{ range: { start: at, end: at }, newText: `\n${lineIndent(last)}${item},` }]);
    }
    return applyTextEdits(text, [
      { range: { start: last.valueRange.end, end: last.valueRange.end }, newText: `,\n${lineIndent(last)}${item}` },
    ]);
  }
  return applyTextEdits(text, [
    { range: { start: last.valueRange.end, end: last.valueRange.end }, newText: `, ${item}` },
  ]);
}

/**
 * pyproject.toml with the additions in `[project] dependencies` (or in Poetry's table when the project has no
 * `[project]` table but has `[tool.poetry.dependencies]`); null when it has neither.
 */
export function addToPyprojectText(text: string, additions: readonly Addition[]): string | null {
  let out = text;
  for (const addition of inManifestOrder(additions)) {
    const locations = locateToml(out);
    const array = locate(locations, ['project', 'dependencies']);
    if (array?.kind === 'array') {
      out = insertIntoArray(out, array, arrayElements(locations, ['project', 'dependencies']), addition.requirement);
      continue;
    }
    const project = locate(locations, ['project']);
    if (project) {
      const at = { line: project.valueRange.end.line + 1, character: 0 };
      out = applyTextEdits(out, [
        { range: { start: at, end: at }, newText: `dependencies = [\n    "${addition.requirement}",\n]\n` },
      ]);
      continue;
    }
    const poetry = locate(locations, ['tool', 'poetry', 'dependencies']);
    if (!poetry) return null;
    let lastLine = poetry.valueRange.end.line;
    for (const [key, location] of locations) {
      const path = JSON.parse(key) as unknown[];
      if (path.length >= 4 && path[0] === 'tool' && path[1] === 'poetry' && path[2] === 'dependencies')
        lastLine = Math.max(lastLine, location.valueRange.end.line);
    }
    const at = { line: lastLine + 1, character: 0 };
    const line = `${addition.name} = "${addition.version ?? '*'}"\n`;
    const needsBreak = lastLine + 1 >= out.split('\n').length && !out.endsWith('\n');
    out = applyTextEdits(out, [{ range: { start: at, end: at }, newText: needsBreak ? `\n${line}` : line }]);
  }
  return out;
}
