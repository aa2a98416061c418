// Which .ipynb files a `nbhygiene check PATH...` run looks at: folders walked, .gitignore honoured, like ruff.
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import { compareStrings } from '../core/compare';

type Ignore = ignore.Ignore;

/** Never walked into, whatever .gitignore says: they only hold copies, dependencies or git's own data. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.ipynb_checkpoints', 'node_modules', '.git']);

export interface Discovery {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** One message per path that does not exist or can't be read. */
  errors: string[];
}

/** The patterns of one .gitignore, relative to the folder that holds it. */
interface IgnoreLevel {
  dir: string;
  matcher: Ignore;
}

// git matches case-insensitively where the file system does (core.ignorecase).
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

export function discoverNotebooks(paths: readonly string[], cwd: string = process.cwd()): Discovery {
  const files = new Set<string>();
  const errors: string[] = [];
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let isFolder: boolean;
    try {
      isFolder = statSync(absolute).isDirectory();
    } catch {
      errors.push(`${given}: no such file or folder`);
      continue;
    }
    if (!isFolder) {
      files.add(absolute); // named explicitly: always checked
      continue;
    }
    walk(absolute, parentLevels(absolute), files, errors);
  }
  return { files: [...files].sort(compareStrings), errors };
}

/** The folder holding `.git` (a folder, or a file for worktrees and submodules), or null outside a repository. */
export function findGitRoot(folder: string): string | null {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

function readIgnoreLevel(dir: string): IgnoreLevel | null {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return null;
  }
  return { dir, matcher: ignore({ ignoreCase: IGNORE_CASE }).add(text) };
}

/**
 * The .gitignore files from the git root down to the folder's parent. A folder named on the command line
 * is walked even if those ignore it (as ruff does): then they are left out for this walk.
 */
function parentLevels(folder: string): IgnoreLevel[] {
  const root = findGitRoot(folder);
  if (root === null || root === folder) return [];
  const dirs: string[] = [];
  for (let dir = dirname(folder); ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (dir === root) break;
  }
  const levels = dirs.map(readIgnoreLevel).filter((level): level is IgnoreLevel => level !== null);
  return isIgnored(folder, true, levels) ? [] : levels;
}

/** git's rule across levels: the deepest .gitignore with a matching pattern decides. */
function isIgnored(path: string, isFolder: boolean, levels: readonly IgnoreLevel[]): boolean {
  let ignored = false;
  for (const { dir, matcher } of levels) {
    const rel = relative(dir, path).split(sep).join('/');
    if (rel === '' || rel === '..' || rel.startsWith('../')) continue;
    const result = matcher.test(isFolder ? `${rel}/` : rel);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

function walk(folder: string, levels: readonly IgnoreLevel[], found: Set<string>, errors: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    errors.push(`${folder}: cannot read folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return;
  }
  const own = readIgnoreLevel(folder);
  const here = own === null ? levels : [...levels, own];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const kind = kindOf(entry, path);
    if (kind === 'folder') {
      if (SKIPPED_FOLDERS.has(entry.name) || isIgnored(path, true, here)) continue;
      walk(path, here, found, errors);
    } else if (kind === 'file' && entry.name.endsWith('.ipynb') && !isIgnored(path, false, here)) {
      found.add(path);
    }
  }
}

/** Symlinked files are followed; symlinked folders are not, which keeps the walk free of cycles. */
function kindOf(entry: Dirent, path: string): 'file' | 'folder' | 'other' {
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (entry.isSymbolicLink()) {
    try {
      return statSync(path).isFile() ? 'file' : 'other';
    } catch {
      return 'other'; // a dangling link
    }
  }
  return 'other';
}
