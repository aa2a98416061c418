// `nbhygiene check`'s result cache, like ruff's: a second run over unchanged notebooks reads their findings back
// instead of checking them again. One file per notebook in `.nbhygiene_cache/` (a `.gitignore` inside holding `*`),
// holding the findings and the key they were computed under: the notebook's bytes, the nbhygiene version, the
// notebook's config, and the project context its findings depend on (manifests, lock files, the environment's
// versions, the tests folder, the files `%run` runs). Any of those changed, the key differs and the notebook is
// checked again. Each entry is written atomically (a temporary file renamed over it), so concurrent runs never read
// half an entry; an entry that is damaged or not ours is a miss, and is written again. The cache only ever costs a
// check: a folder that cannot be written is skipped without a word.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

export interface ResultCache {
  /** The findings stored for this task under the key of its current inputs, or null. */
  lookUp(task: CheckTask): Finding[] | null;
  /** Stores the findings of a task looked up before (its key is the one computed then). */
  store(task: CheckTask, findings: Finding[]): void;
}

export interface ResultCacheOptions {
  folder: string;
  /** The nbhygiene version the findings come from, with the fingerprint of its code (code-fingerprint.ts). */
  version: string;
  /**
   * The notebook's bytes, or throws when it cannot be read (the check then reports it; nothing is cached). Read only
   * for a task that does not carry its content's hash already.
   */
  readBytes(file: string): Buffer;
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** The hash of a notebook's bytes that its key holds (CheckTask.contentHash). */
export function contentHash(bytes: Uint8Array): string {
  return sha256(bytes);
}

/**
 * The project context as part of a key. Notebooks of one folder share most of its fields (the same manifests,
 * environment and tests objects), so each object field is serialised once per run.
 */
function projectKeyPart(project: CheckTask['project'], memo: WeakMap<object, string>): string {
  if (project === null) return 'null';
  const parts: string[] = [];
  for (const [field, value] of Object.entries(project)) {
    let text: string | undefined;
    if (typeof value === 'object' && value !== null) {
      text = memo.get(value);
      if (text === undefined) memo.set(value, (text = JSON.stringify(value)));
    } else {
      text = JSON.stringify(value);
    }
    parts.push(`${JSON.stringify(field)}:${text}`);
  }
  return parts.join(',');
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

/** Creates the folder with its `.gitignore`; false when it cannot be made (read-only, a file in the way). */
function prepareFolder(folder: string): boolean {
  try {
    mkdirSync(folder, { recursive: true });
    const gitignore = join(folder, '.gitignore');
    if (!existsSync(gitignore)) writeFileSync(gitignore, '# Made by nbhygiene: its result cache.\n*\n');
    return true;
  } catch {
    return false;
  }
}

export function createResultCache(options: ResultCacheOptions): ResultCache {
  const memo = new WeakMap<object, string>();
  const keys = new Map<CheckTask, string>();
  let writable: boolean | null = null;
  const entryPath = (task: CheckTask) => join(options.folder, `${sha256(task.file).slice(0, 32)}.json`);

  function keyOf(task: CheckTask): string | null {
    let content = task.contentHash;
    if (content === undefined) {
      try {
        content = contentHash(options.readBytes(task.file));
      } catch {
        return null;
      }
    }
    return sha256(
      String(ENTRY_FORMAT),
      options.version,
      task.file,
      task.displayPath,
      content,
      JSON.stringify(task.config),
      projectKeyPart(task.project, memo),
    );
  }

  return {
    lookUp(task) {
      const key = keyOf(task);
      if (key === null) return null;
      keys.set(task, key);
      let entry: unknown;
      try {
        entry = JSON.parse(readFileSync(entryPath(task), 'utf8'));
      } catch {
        return null; // none yet, or damaged: checked again and written anew
      }
      return isEntry(entry) && entry.key === key ? entry.findings : null;
    },
    store(task, findings) {
      const key = keys.get(task);
      if (key === undefined) return;
      writable ??= prepareFolder(options.folder);
      if (!writable) return;
      const entry: Entry = { format: ENTRY_FORMAT, key, findings };
      try {
        writeAtomically(entryPath(task), JSON.stringify(entry));
      } catch {
        // A full disk or a folder made read-only meanwhile: this notebook is checked again next time.
      }
    },
  };
}
