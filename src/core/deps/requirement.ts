// One PEP 508 requirement (`name[extras] specifier ; marker` or `name[extras] @ url ; marker`) and what "pinned" means.
import type { PinEdit } from './dependency-data';
import type { Range } from '../types';
import { normalizeName } from './normalize';

export interface Requirement {
  /** The name as written. */
  name: string;
  /** PEP 503 normalised name. */
  key: string;
  extras: string[];
  /** Version specifier without parentheses, as written but trimmed ('' when there is none). */
  specifier: string;
  url: string | null;
  marker: string | null;
  /** Offsets in the parsed text of the name ... */
  nameSpan: [number, number];
  /** ... and of what a pin replaces: the specifier (with its parentheses) or `@ url`; empty right after the name/extras when there is none. */
  versionSpan: [number, number];
}

export type ParsedRequirement = { ok: true; requirement: Requirement } | { ok: false; error: string };

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*([A-Za-z0-9_.*+!-]+)\s*$/;
const IDENTIFIER = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

export function parseRequirement(text: string): ParsedRequirement {
  let i = skipSpaces(text, 0);
  const name = NAME.exec(text.slice(i))?.[0];
  if (!name) return { ok: false, error: `not a requirement: '${text.trim()}'` };
  const nameSpan: [number, number] = [i, i + name.length];
  i = skipSpaces(text, nameSpan[1]);
  const extras: string[] = [];
  let afterExtras = nameSpan[1];
  if (text[i] === '[') {
    const close = text.indexOf(']', i);
    if (close < 0) return { ok: false, error: `unclosed '[' in '${text.trim()}'` };
    for (const extra of text
      .slice(i + 1, close)
      .split(',')
      .map((part) => part.trim())) {
      if (extra === '') continue;
      if (!IDENTIFIER.test(extra)) return { ok: false, error: `bad extra '${extra}' in '${text.trim()}'` };
      extras.push(extra);
    }
    i = close + 1;
    afterExtras = i;
  }
  i = skipSpaces(text, i);
  let specifier = '';
  let url: string | null = null;
  let versionEnd = afterExtras;
  if (text[i] === '@') {
    const start = skipSpaces(text, i + 1);
    let end = start;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    url = text.slice(start, end);
    if (url === '') return { ok: false, error: `'@' without a URL in '${text.trim()}'` };
    versionEnd = end;
    i = skipSpaces(text, end);
  } else {
    const parens = text[i] === '(';
    const start = parens ? i + 1 : i;
    const stop = parens ? text.indexOf(')', start) : indexOrEnd(text, ';', start);
    if (stop < 0) return { ok: false, error: `unclosed '(' in '${text.trim()}'` };
    specifier = text.slice(start, stop).trim();
    if (specifier !== '' && !specifier.split(',').every((clause) => CLAUSE.test(clause))) {
      return { ok: false, error: `bad version specifier '${specifier}'` };
    }
    if (specifier !== '' || parens) versionEnd = parens ? stop + 1 : start + text.slice(start, stop).trimEnd().length;
    i = skipSpaces(text, parens ? stop + 1 : stop);
  }
  let marker: string | null = null;
  if (text[i] === ';') {
    marker = text.slice(i + 1).trim();
    if (marker === '') return { ok: false, error: `empty marker in '${text.trim()}'` };
  } else if (i < text.length && text.slice(i).trim() !== '') {
    return { ok: false, error: `unexpected '${text.slice(i).trim()}' in '${text.trim()}'` };
  }
  const versionSpan: [number, number] = [afterExtras, Math.max(afterExtras, versionEnd)];
  return {
    ok: true,
    requirement: { name, key: normalizeName(name), extras, specifier, url, marker, nameSpan, versionSpan },
  };
}

function indexOrEnd(text: string, char: string, from: number): number {
  const found = text.indexOf(char, from);
  return found < 0 ? text.length : found;
}

export function specifierClauses(specifier: string): { operator: string; version: string }[] {
  if (specifier.trim() === '') return [];
  return specifier.split(',').flatMap((clause) => {
    const m = CLAUSE.exec(clause);
    return m ? [{ operator: m[1]!, version: m[2]! }] : [];
  });
}

/** The exact version a specifier pins: `==1.2.3` (no wildcard) or `===1.2.3`; null otherwise. */
export function pinnedVersionOf(specifier: string): string | null {
  for (const { operator, version } of specifierClauses(specifier)) {
    if (operator === '===') return version;
    if (operator === '==' && !version.includes('*')) return version;
  }
  return null;
}

const ARCHIVE = /\.(whl|tar\.gz|tgz|tar\.bz2|tar\.xz|zip)$/i;

/** A direct reference that always means the same code: a wheel or sdist file, or a VCS URL at a commit hash (or svn revision). */
export function isFixedReference(url: string): boolean {
  const bare = url.split('#')[0]!;
  const vcs = /^(git|hg|svn|bzr)\+/.exec(bare)?.[1];
  if (vcs) {
    const path = bare.replace(/^[a-z+]+:\/\/[^/]*/, '');
    const at = path.lastIndexOf('@');
    if (at < 0) return false;
    const ref = path.slice(at + 1);
    if (vcs === 'svn') return /^\d+$/.test(ref);
    return /^[0-9a-f]{7,40}$/i.test(ref);
  }
  return ARCHIVE.test(bare);
}

export interface PinOptions {
  /** The requirement carries `--hash` options (requirements files). */
  hashes?: boolean;
}

export function isPinned(requirement: Requirement, options: PinOptions = {}): boolean {
  if (options.hashes) return true;
  if (requirement.url !== null) return isFixedReference(requirement.url);
  return pinnedVersionOf(requirement.specifier) !== null;
}

/** The distribution a bare URL or path installs, when its name can be read from it (`#egg=`, a wheel or sdist file name, a repository). */
export function nameFromUrl(url: string): string | null {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url)?.[1];
  if (egg) return egg.replace(/-[0-9].*$/, '');
  const bare = url.split('#')[0]!.split('?')[0]!;
  const file = bare.replace(/\/+$/, '').split('/').pop() ?? '';
  if (/\.whl$/i.test(file)) return file.split('-')[0] ?? null;
  const archive = /^(.+?)-\d[^-]*\.(?:tar\.gz|tgz|tar\.bz2|tar\.xz|zip)$/i.exec(file);
  if (archive) return archive[1]!;
  if (/^(git|hg|svn|bzr)\+/.test(bare)) {
    const repo = file.replace(/@.*$/, '').replace(/\.git$/, '');
    return NAME.test(repo) ? repo : null;
  }
  return null;
}

/** What a declaration and a notebook install of a PEP 508 requirement have in common. */
export function requirementFacts(
  req: Requirement,
  options: PinOptions = {},
): { name: string; key: string; specifier: string; pinned: boolean; version: string | null } {
  return {
    name: req.name,
    key: req.key,
    specifier: req.url !== null ? `@ ${req.url}` : req.specifier,
    pinned: isPinned(req, options),
    version: req.url === null ? pinnedVersionOf(req.specifier) : null,
  };
}

/** Where a pin goes: the version part, located by `rangeOf`; null for a direct reference (a URL). */
export function pep508PinEdit(req: Requirement, rangeOf: (from: number, to: number) => Range): PinEdit | null {
  return req.url === null ? { range: rangeOf(req.versionSpan[0], req.versionSpan[1]), style: 'pep508' } : null;
}
