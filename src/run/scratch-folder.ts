// The temporary copy of a notebook's folder that a scratch run works in: whatever the notebook writes, deletes or
// downloads happens there, never in the user's folder. Tool folders (.git, virtual environments, caches) are not copied.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

const NOT_COPIED = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  '.ipynb_checkpoints',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
]);

/** 1 GiB: beyond that a copy per run is too slow to be what the user meant; they can pass a larger limit. */
export const DEFAULT_COPY_LIMIT_BYTES = 1024 ** 3;

export interface ScratchFolder {
  /** The copy's root; the notebook's folder copy when one was given. */
  root: string;
  /** Removes the copy and everything the run wrote. */
  remove(): void;
}

export class FolderTooLargeError extends Error {}

function copied(name: string): boolean {
  return !NOT_COPIED.has(name);
}

/** A file or folder (symlinks followed); not a dangling link, a socket or a device. */
function copyable(path: string): boolean {
  try {
    const stats = statSync(path);
    return stats.isFile() || stats.isDirectory();
  } catch {
    return false;
  }
}

/** Bytes a copy of `folder` would take, stopping as soon as it passes `limit` (symlinks followed, each folder once). */
export function copySize(folder: string, limit: number): number {
  let total = 0;
  const seen = new Set<string>();
  const walk = (path: string): void => {
    const real = realpathSync(path);
    if (seen.has(real)) return;
    seen.add(real);
    for (const name of readdirSync(path)) {
      if (total > limit) return;
      if (!copied(name)) continue;
      const child = join(path, name);
      let stats;
      try {
        stats = statSync(child);
      } catch {
        continue; // a dangling symlink: nothing to copy
      }
      if (stats.isDirectory()) walk(child);
      else if (stats.isFile()) total += stats.size;
    }
  };
  walk(folder);
  return total;
}

/**
 * A fresh temporary folder holding a copy of `source` (when given) plus `files` (relative path → text), for one run.
 * Symlinks are copied as the files they point to, so a write through one cannot reach the original.
 */
export function makeScratchFolder(
  source: string | undefined,
  files: Record<string, string> = {},
  limitBytes: number = DEFAULT_COPY_LIMIT_BYTES,
): ScratchFolder {
  if (source !== undefined) {
    const size = copySize(source, limitBytes);
    if (size > limitBytes) {
      throw new FolderTooLargeError(
        `the folder ${source} holds more than ${Math.round(limitBytes / 1024 ** 2)} MB; a scratch run copies it ` +
          `first, so run the notebook from a smaller folder or raise the limit`,
      );
    }
  }
  const base = mkdtempSync(join(tmpdir(), 'nbhygiene-run-'));
  const root = join(base, source === undefined ? 'notebook' : basename(source) || 'notebook');
  try {
    if (source !== undefined) {
      cpSync(source, root, {
        recursive: true,
        dereference: true,
        filter: (from) => from === source || (copied(basename(from)) && copyable(from)),
      });
    } else {
      mkdirSync(root);
    }
    for (const [relative, text] of Object.entries(files)) {
      const path = join(root, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
  return { root, remove: () => rmSync(base, { recursive: true, force: true }) };
}
