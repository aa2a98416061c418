// Helpers shared by the TOML manifests (pyproject.toml, Pipfile, PEP 723): parse with smol-toml, turn a list of
// PEP 508 strings into declarations with their positions, and read Poetry/Pipfile-style version tables.
import { parse as parseToml } from 'smol-toml';
import { ZERO_RANGE, type Position, type Range } from '../../types';
import { isFixedReference, parseRequirement, pep508PinEdit, pinnedVersionOf, requirementFacts } from '../requirement';
import { normalizeName } from '../normalize';
import type { Declaration, ParseProblem } from '../dependency-data';
import { locate, locateToml, type TomlLocations, type TomlPath } from './toml-locate';

export type Table = Record<string, unknown>;

export function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export interface ParsedToml {
  data: Table | null;
  locations: TomlLocations;
  problems: ParseProblem[];
}

export function parseTomlDocument(text: string): ParsedToml {
  try {
    return { data: parseToml(text) as Table, locations: locateToml(text), problems: [] };
  } catch (error) {
    const message = String((error as Error).message ?? error).split('\n')[0];
    const line = (error as { line?: number }).line;
    const column = (error as { column?: number }).column;
    const at: Position = {
      line: typeof line === 'number' ? line - 1 : 0,
      character: typeof column === 'number' ? column - 1 : 0,
    };
    return {
      data: null,
      locations: new Map(),
      problems: [{ message: `invalid TOML: ${message}`, range: { start: at, end: at } }],
    };
  }
}

/** The value at a dotted path of plain tables, or undefined. */
export function getPath(data: Table | null, path: readonly string[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (!isTable(current)) return undefined;
    current = current[key];
  }
  return current;
}

function shift(position: Position, by: number): Position {
  return { line: position.line, character: position.character + by };
}

/** A span of a one-line string's content as a range in the file (strings with escapes may be off by their escapes). */
function contentSpan(content: Range, [start, end]: [number, number]): Range {
  return { start: shift(content.start, start), end: shift(content.start, end) };
}

/** `dependencies = ["numpy>=1.26", ...]`: one declaration per valid string, a problem per invalid one. */
export function pep508List(
  value: unknown,
  path: TomlPath,
  locations: TomlLocations,
  group: string,
  problems: ParseProblem[],
): Declaration[] {
  if (!Array.isArray(value)) return [];
  const declarations: Declaration[] = [];
  value.forEach((item, n) => {
    if (typeof item !== 'string') return; // {include-group = "..."} and the like
    const where = locate(locations, [...path, n]);
    const content = where?.contentRange ?? ZERO_RANGE;
    const parsed = parseRequirement(item);
    if (!parsed.ok) {
      problems.push({ message: parsed.error, range: content });
      return;
    }
    const req = parsed.requirement;
    declarations.push({
      ...requirementFacts(req),
      range: content,
      pinEdit: where ? pep508PinEdit(req, (from, to) => contentSpan(content, [from, to])) : null,
      group,
      ecosystem: 'pypi',
    });
  });
  return declarations;
}

/** Poetry: `1.2.3` and `==1.2.3` pin; `^1.2`, `~1.2`, `*`, `>=1.2`, `1.2.*` do not. */
export function poetryPinnedVersion(constraint: string): string | null {
  const trimmed = constraint.trim();
  if (/^\d[\w.+!-]*$/.test(trimmed)) return trimmed;
  return pinnedVersionOf(trimmed);
}

/** Pipfile: `"==1.2.3"` pins; `"*"`, `">=1.2"` do not. */
export function pipfilePinnedVersion(constraint: string): string | null {
  return pinnedVersionOf(constraint.trim());
}

/**
 * A `name = "constraint"` or `name = { version = ..., git = ..., rev = ... }` member (Poetry, Pipfile).
 * Local paths (`{ path = ... }`) are the project's own code: no declaration.
 */
export function versionTableMember(
  name: string,
  value: unknown,
  path: TomlPath,
  locations: TomlLocations,
  group: string,
  style: 'poetry' | 'pipfile',
): Declaration | null {
  const pinnedOf = style === 'poetry' ? poetryPinnedVersion : pipfilePinnedVersion;
  const where = locate(locations, path);
  const range = where
    ? { start: where.keyRange?.start ?? where.valueRange.start, end: where.valueRange.end }
    : ZERO_RANGE;
  const base = { name, key: normalizeName(name), range, group, ecosystem: 'pypi' as const };
  if (typeof value === 'string') {
    const version = pinnedOf(value);
    const pinEdit = where ? { range: where.contentRange, style } : null;
    return { ...base, specifier: value, pinned: version !== null, version, pinEdit };
  }
  if (Array.isArray(value)) {
    // Several constraints by Python version or platform: pinned only if each is.
    const versions = value.map((item) =>
      isTable(item) && typeof item.version === 'string' ? pinnedOf(item.version) : null,
    );
    const pinned = versions.length > 0 && versions.every((v) => v !== null);
    return {
      ...base,
      specifier: '(several constraints)',
      pinned,
      version: pinned ? versions[0]! : null,
      pinEdit: null,
    };
  }
  if (!isTable(value)) return null;
  if (typeof value.path === 'string') return null;
  if (typeof value.version === 'string') {
    const version = pinnedOf(value.version);
    const versionAt = locate(locations, [...path, 'version']);
    const pinEdit = versionAt ? { range: versionAt.contentRange, style } : null;
    return { ...base, specifier: value.version, pinned: version !== null, version, pinEdit };
  }
  const vcs = ['git', 'hg', 'svn'].find((kind) => typeof value[kind] === 'string');
  if (vcs) {
    const ref = [value.rev, value.ref].find((r): r is string => typeof r === 'string');
    const pinned = ref !== undefined && /^[0-9a-f]{7,40}$/i.test(ref);
    return {
      ...base,
      specifier: `${vcs} ${String(value[vcs])}${ref ? `@${ref}` : ''}`,
      pinned,
      version: null,
      pinEdit: null,
    };
  }
  const file = [value.url, value.file].find((f): f is string => typeof f === 'string');
  if (file !== undefined)
    return { ...base, specifier: file, pinned: isFixedReference(file), version: null, pinEdit: null };
  return { ...base, specifier: '', pinned: false, version: null, pinEdit: null };
}
