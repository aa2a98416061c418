// An installed environment read as files, never by running Python: each `*.dist-info` folder's METADATA (name,
// version), top_level.txt (top-level modules) and RECORD (the files it installed, for namespace packages and
// distributions without top_level.txt).
import type { InstalledDistribution } from './dependency-data';
import { normalizeName } from './normalize';

/** `scikit_learn-1.3.2.dist-info` → name and version; null for anything else. */
export function distInfoFolder(folderName: string): { name: string; version: string } | null {
  const m = /^([A-Za-z0-9][A-Za-z0-9._]*?)-([^-]+)\.dist-info$/.exec(folderName);
  return m ? { name: m[1]!, version: m[2]! } : null;
}

/** The `Name:` and `Version:` headers of a METADATA file (RFC 822 style; the headers end at the first blank line). */
export function parseMetadata(text: string): { name: string | null; version: string | null } {
  let name: string | null = null;
  let version: string | null = null;
  for (const line of text.split('\n')) {
    const clean = line.replace(/\r$/, '');
    if (clean === '') break;
    const m = /^(Name|Version):\s*(.*)$/i.exec(clean);
    if (!m) continue;
    if (m[1]!.toLowerCase() === 'name') name ??= m[2]!.trim();
    else version ??= m[2]!.trim();
  }
  return { name, version };
}

export function parseTopLevel(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().replace(/[\\/]/g, '.'))
    .filter((line) => /^[A-Za-z_][\w.]*$/.test(line));
}

/** First CSV field of a RECORD line (paths with commas are quoted). */
function recordPath(line: string): string {
  if (line.startsWith('"')) {
    const close = line.indexOf('"', 1);
    return close < 0 ? line.slice(1) : line.slice(1, close);
  }
  const comma = line.indexOf(',');
  return comma < 0 ? line : line.slice(0, comma);
}

const MODULE_FILE = /^([A-Za-z_]\w*)(?:\.[\w-]+)*\.(py|pyc|so|pyd)$/;

/**
 * The dotted module prefixes a distribution provides, from its RECORD: a top-level module or package, or for a
 * namespace package (no `__init__.py` at the top) the first level that has one: `google/cloud/storage/__init__.py`
 * gives `google.cloud.storage`.
 */
export function modulesFromRecord(text: string): string[] {
  const files = new Set<string>();
  for (const line of text.split('\n')) {
    const path = recordPath(line.trim()).replace(/\\/g, '/');
    if (path === '' || path.startsWith('..') || path.startsWith('/') || /(^|\/)__pycache__\//.test(path)) continue;
    const top = path.split('/')[0]!;
    if (/\.(dist-info|data|egg-info)$/.test(top)) continue;
    files.add(path);
  }
  const modules = new Set<string>();
  for (const path of files) {
    const parts = path.split('/');
    const file = parts[parts.length - 1]!;
    const moduleFile = MODULE_FILE.exec(file);
    if (!moduleFile) continue;
    if (parts.length === 1) {
      modules.add(moduleFile[1]!);
      continue;
    }
    if (!parts.slice(0, -1).every((part) => /^[A-Za-z_]\w*$/.test(part))) continue;
    let found: string | null = null;
    for (let depth = 1; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      if (files.has(`${dir}/__init__.py`)) {
        found = parts.slice(0, depth).join('.');
        break;
      }
    }
    modules.add(found ?? [...parts.slice(0, -1), moduleFile[1]!].join('.'));
  }
  // Keep the outermost prefixes only.
  const sorted = [...modules].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const module of sorted) if (!kept.some((k) => module.startsWith(`${k}.`))) kept.push(module);
  return kept.sort();
}

export interface DistInfoFiles {
  /** The .dist-info folder's path. */
  path: string;
  folderName: string;
  metadata: string | null;
  topLevel: string | null;
  record: string | null;
}

export function readDistribution(files: DistInfoFiles): InstalledDistribution | null {
  const fromFolder = distInfoFolder(files.folderName);
  const meta = files.metadata ? parseMetadata(files.metadata) : { name: null, version: null };
  const name = meta.name ?? fromFolder?.name ?? null;
  const version = meta.version ?? fromFolder?.version ?? null;
  if (!name || !version) return null;
  let modules = files.topLevel !== null ? parseTopLevel(files.topLevel) : [];
  if (files.record !== null) {
    const fromRecord = modulesFromRecord(files.record);
    // RECORD is more precise for namespace packages; top_level.txt says only `google`.
    if (fromRecord.length > 0) modules = fromRecord;
  }
  return { name, key: normalizeName(name), version, modules, path: files.path };
}
