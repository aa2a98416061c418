// `nbhygiene check`'s result cache, like ruff's: a second run over unchanged notebooks reads their findings back
// instead of checking them again. One file per notebook in `.nbhygiene_cache/` (a `.gitignore` inside holding `*`),
// holding the findings and the key they were computed under: the notebook's bytes, the nbhygiene version, the
// notebook's config, and the project context its findings depend on (manifests, lock files, the environment's
// versions, the tests folder, the files `%run` runs). Any of those changed, the key differs and the notebook is
// checked again. The thread that checks a notebook stores its entry, keyed by the very bytes it checked. Each entry
// is written atomically (a temporary file renamed over it), so concurrent runs never read half an entry; an entry
// that is damaged or not ours is a miss, and is written again. The cache only ever costs a check: a folder that
// cannot be written is skipped without a word.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { internalError } from '../core/rules/notebook/internal-error';
import type { Finding } from '../core/types';
import type { CheckTask } from './check-file';
import { writeAtomically } from './write-atomically';

export const CACHE_FOLDER = '.nbhygiene_cache';

/** Bumped when an entry's layout changes, so older entries are misses rather than misread. */
const ENTRY_FORMAT = 1;

interface Entry {
  format: number;
  key: string;
  findings: Finding[];
}

/** Where a run's results are cached, and from which nbhygiene: plain data, sent to the worker threads with the tasks. */
export interface ResultCacheLocation {
  folder: string;
  /** The nbhygiene version the findings come from, with the fingerprint of its code (code-fingerprint.ts). */
  version: string;
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** The hash of a notebook's bytes that its key holds. */
export function contentHash(bytes: Uint8Array): string {
  return sha256(bytes);
}

/**
 * The project context as part of a key. Notebooks of one folder share most of its fields (the same manifests,
 * environment and tests objects, within one thread's tasks), so each object field is serialised once per run.
 */
const serialised = new WeakMap<object, string>();

function projectKeyPart(project: CheckTask['project']): string {
  if (project === null) return 'null';
  const parts: string[] = [];
  for (const [field, value] of Object.entries(project)) {
    let text: string | undefined;
    if (typeof value === 'object' && value !== null) {
      text = serialised.get(value);
      if (text === undefined) serialised.set(value, (text = JSON.stringify(value)));
    } else {
      text = JSON.stringify(value);
    }
    parts.push(`${JSON.stringify(field)}:${text}`);
  }
  return parts.join(',');
}

function keyOf(location: ResultCacheLocation, task: CheckTask, content: string): string {
  return sha256(
    String(ENTRY_FORMAT),
    location.version,
    task.file,
    task.displayPath,
    content,
    JSON.stringify(task.config),
    projectKeyPart(task.project),
  );
}

function entryPath(location: ResultCacheLocation, task: CheckTask): string {
  return join(location.folder, `${sha256(task.file).slice(0, 32)}.json`);
}

function isEntry(value: unknown): value is Entry {
  const entry = value as Entry;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    entry.format === ENTRY_FORMAT &&
    typeof entry.key === 'string' &&
    Array.isArray(entry.findings)
  );
}

/** The findings stored for this task, whose bytes hash to `content`, under the key of its current inputs; or null. */
export function lookUpResult(location: ResultCacheLocation, task: CheckTask, content: string): Finding[] | null {
  let entry: unknown;
  try {
    entry = JSON.parse(readFileSync(entryPath(location, task), 'utf8'));
  } catch {
    return null; // none yet, or damaged: checked again and written anew
  }
  return isEntry(entry) && entry.key === keyOf(location, task, content) ? entry.findings : null;
}

/**
 * Stores the findings of the bytes checked (which hash to `content`) in a folder prepareCacheFolder made; nothing
 * when the engine crashed on the notebook (NH000: exit 2 until fixed), and silently nothing where it cannot write.
 */
export function storeResult(
  location: ResultCacheLocation,
  task: CheckTask,
  content: string,
  findings: readonly Finding[],
): void {
  if (findings.some((finding) => finding.code === internalError.code)) return;
  const entry: Entry = { format: ENTRY_FORMAT, key: keyOf(location, task, content), findings: [...findings] };
  try {
    writeAtomically(entryPath(location, task), JSON.stringify(entry));
  } catch {
    // A full disk or a folder made read-only meanwhile: this notebook is checked again next time.
  }
}

/** Creates the folder with its `.gitignore`; false when it cannot be made (read-only, a file in the way). */
export function prepareCacheFolder(folder: string): boolean {
  try {
    mkdirSync(folder, { recursive: true });
    const gitignore = join(folder, '.gitignore');
    if (!existsSync(gitignore)) writeFileSync(gitignore, '# Made by nbhygiene: its result cache.\n*\n');
    return true;
  } catch {
    return false;
  }
}
