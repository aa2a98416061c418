// Lock files: every distribution they list counts as pinned. uv.lock, poetry.lock, pdm.lock ([[package]] tables),
// pylock.toml (PEP 751, [[packages]]), Pipfile.lock (JSON), conda-lock.yml, and pip-compile output (a requirements
// file whose every requirement is `==` pinned, see requirements-txt.ts).
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { condaKey } from './conda-spec';
import { normalizeName } from './normalize';
import { ZERO_RANGE } from '../types';
import {
  TextIndex,
  type Lock,
  type LockEntry,
  type LockKind,
  type Manifest,
  type ParseProblem,
} from './dependency-data';
import { isTable, parseTomlDocument } from './manifests/toml-common';
import { locate } from './manifests/toml-locate';
import { parseYamlDocument, scalarText } from './manifests/yaml-common';

/** The lock kind a file name stands for, or null. */
export function lockKindOf(fileName: string): LockKind | null {
  if (fileName === 'uv.lock') return 'uv.lock';
  if (fileName === 'poetry.lock') return 'poetry.lock';
  if (fileName === 'pdm.lock') return 'pdm.lock';
  if (fileName === 'Pipfile.lock') return 'Pipfile.lock';
  if (/^pylock(\.[^.]+)?\.toml$/.test(fileName)) return 'pylock.toml';
  if (/^(.+\.)?conda-lock\.ya?ml$/.test(fileName)) return 'conda-lock.yml';
  return null;
}

export function parseLock(kind: LockKind, path: string, text: string): Lock {
  switch (kind) {
    case 'uv.lock':
    case 'poetry.lock':
    case 'pdm.lock':
      return { path, kind, ...tomlPackages(text, 'package') };
    case 'pylock.toml':
      return { path, kind, ...tomlPackages(text, 'packages') };
    case 'Pipfile.lock':
      return { path, kind, ...pipfileLock(text) };
    case 'conda-lock.yml':
      return { path, kind, ...condaLock(text) };
    case 'pip-compile':
      return { path, kind, entries: [], problems: [] };
  }
}

/** A pip-compile (or `pip freeze`) requirements file seen as a lock. */
export function lockFromCompiled(manifest: Manifest): Lock {
  const entries = manifest.declarations.flatMap((d) =>
    d.version !== null ? [{ name: d.name, key: d.key, version: d.version, range: d.range }] : [],
  );
  return { path: manifest.path, kind: 'pip-compile', entries, problems: [] };
}

interface Parsed {
  entries: LockEntry[];
  problems: ParseProblem[];
}

function tomlPackages(text: string, arrayKey: string): Parsed {
  const { data, locations, problems } = parseTomlDocument(text);
  const packages = data?.[arrayKey];
  if (!Array.isArray(packages)) return { entries: [], problems };
  const entries: LockEntry[] = [];
  packages.forEach((pkg, n) => {
    if (!isTable(pkg) || typeof pkg.name !== 'string' || typeof pkg.version !== 'string') return;
    // uv lists the project itself (and workspace members) with an editable or virtual source: not a pin.
    const source = pkg.source;
    if (isTable(source) && (typeof source.editable === 'string' || typeof source.virtual === 'string')) return;
    const where = locate(locations, [arrayKey, n, 'name']);
    entries.push({
      name: pkg.name,
      key: normalizeName(pkg.name),
      version: pkg.version,
      range: where?.valueRange ?? ZERO_RANGE,
    });
  });
  return { entries, problems };
}

function pipfileLock(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { entries: [], problems: [{ message: `invalid JSON: ${(error as Error).message}`, range: ZERO_RANGE }] };
  }
  if (!isTable(data)) return { entries: [], problems: [] };
  const index = new TextIndex(text);
  const entries: LockEntry[] = [];
  for (const [section, packages] of Object.entries(data)) {
    if (section === '_meta' || !isTable(packages)) continue;
    const sectionAt = Math.max(0, text.indexOf(`"${section}"`));
    for (const [name, info] of Object.entries(packages)) {
      if (!isTable(info) || typeof info.version !== 'string') continue;
      const at = text.indexOf(`"${name}"`, sectionAt);
      const range = at < 0 ? ZERO_RANGE : index.range(at, at + name.length + 2);
      entries.push({ name, key: normalizeName(name), version: info.version.replace(/^===?/, ''), range });
    }
  }
  return { entries, problems: [] };
}

function condaLock(text: string): Parsed {
  const { doc, index, problems } = parseYamlDocument(text);
  if (!doc || !isMap(doc.contents)) return { entries: [], problems };
  const packages = doc.contents.get('package', true);
  if (!isSeq(packages)) return { entries: [], problems };
  const entries: LockEntry[] = [];
  const seen = new Set<string>();
  for (const item of packages.items) {
    if (!isMap(item)) continue;
    const map = item as YAMLMap;
    const name = scalarText(map.get('name', true));
    const version = scalarText(map.get('version', true));
    const manager = scalarText(map.get('manager', true))?.value ?? 'conda';
    if (!name || !version) continue;
    const key = manager === 'pip' ? normalizeName(name.value) : condaKey(name.value);
    // One entry per platform: keep the first of each name and version.
    const id = `${key}@${version.value}`;
    if (seen.has(id)) continue;
    seen.add(id);
    entries.push({ name: name.value, key, version: version.value, range: index.range(name.start, name.end) });
  }
  return { entries, problems };
}
