// `nbhygiene check`'s result cache, like ruff's: a second run over unchanged notebooks reads their findings back
// instead of checking them again. One file per folder of notebooks in `.nbhygiene_cache/` (a `.gitignore` inside
// holding `*`), holding for each notebook its findings and the key they were computed under: the notebook's bytes,
// the nbhygiene version, the notebook's config, and the project context its findings depend on (manifests, lock
// files, the environment's versions, the tests folder, the files `%run` runs). Any of those changed, the key differs
// and the notebook is checked again. The thread that checks a notebook makes its entry, keyed by the very bytes it
// checked, with the file's stamp (size, inode, modification and change times) as it read them: as git's index does,
// a later run takes the content's hash from an entry whose stamp the file still has, and reads and hashes only the
// files that changed. A file changed within two seconds of being read gets no stamp (its change time could still be
// equal after another write), nor does one that may hold a `%run` line (its text is read anyway, for the files it
// runs). At the end of the run the main thread writes each folder's file once, merged with what is on disk then
// (entries of notebooks that are gone are dropped), through a temporary file renamed over it: a file per notebook
// cost a file creation each, slow on some disks (~0.2 ms each here, more in /tmp). Concurrent runs never read half a
// file; the last to write a folder's file wins, which costs the other run's entries a check, never a stale result.
// A file that is damaged or not ours is read as empty. The cache only ever costs a check: a folder that cannot be
// written is skipped without a word.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import { dirname, join } from 'node:path';
import { internalError } from '../core/rules/notebook/internal-error';
import type { Finding } from '../core/types';
import type { CheckTask } from './check-file';
import { writeAtomically } from './write-atomically';

export const CACHE_FOLDER = '.nbhygiene_cache';

/** Bumped when the layout changes, so older files are misses rather than misread. */
const ENTRY_FORMAT = 3;

/** What an entry remembers of the file whose bytes it was checked from, as fstat gave it while they were read. */
export interface FileStamp {
  size: string;
  ino: string;
  mtimeNs: string;
  ctimeNs: string;
  /** The hash of those bytes. */
  contentHash: string;
}

/** One notebook's result: what its key was, the stamp of the bytes it came from, and the findings. */
export interface CacheEntry {
  key: string;
  stamp: FileStamp | null;
  findings: Finding[];
}

/** A folder's file: the entries of its notebooks, by the notebook's path. */
interface FolderFile {
  format: number;
  notebooks: Record<string, CacheEntry>;
}

/** A file changed less than this long before it was read may change again with the same stamp (coarse clocks). */
const STAMP_SETTLE_NS = 2_000_000_000n;

type BigStats = Pick<BigIntStats, 'size' | 'ino' | 'mtimeNs' | 'ctimeNs'>;

/** The stamp of bytes read at `readAtNs` from a file with these stats; null when the file changed too recently. */
export function fileStamp(stats: BigStats, content: string, readAtNs: bigint): FileStamp | null {
  if (readAtNs - stats.ctimeNs < STAMP_SETTLE_NS || readAtNs - stats.mtimeNs < STAMP_SETTLE_NS) return null;
  return {
    size: String(stats.size),
    ino: String(stats.ino),
    mtimeNs: String(stats.mtimeNs),
    ctimeNs: String(stats.ctimeNs),
    contentHash: content,
  };
}

function sameStamp(stamp: FileStamp, stats: BigStats): boolean {
  return (
    stamp.size === String(stats.size) &&
    stamp.ino === String(stats.ino) &&
    stamp.mtimeNs === String(stats.mtimeNs) &&
    stamp.ctimeNs === String(stats.ctimeNs)
  );
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

function folderFilePath(location: ResultCacheLocation, notebookFile: string): string {
  return join(location.folder, `${sha256(dirname(notebookFile)).slice(0, 32)}.json`);
}

function isStamp(value: unknown): value is FileStamp {
  const stamp = value as FileStamp;
  return (
    typeof stamp === 'object' &&
    stamp !== null &&
    ['size', 'ino', 'mtimeNs', 'ctimeNs', 'contentHash'].every(
      (field) => typeof stamp[field as keyof FileStamp] === 'string',
    )
  );
}

function isEntry(value: unknown): value is CacheEntry {
  const entry = value as CacheEntry;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.key === 'string' &&
    (entry.stamp === null || isStamp(entry.stamp)) &&
    Array.isArray(entry.findings)
  );
}

/** The entries of a folder's file; none when there is no file, or it is damaged or of another format. */
function readFolderFile(path: string): Map<string, CacheEntry> {
  const entries = new Map<string, CacheEntry>();
  let parsed: FolderFile;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as FolderFile;
  } catch {
    return entries;
  }
  if (typeof parsed !== 'object' || parsed === null || parsed.format !== ENTRY_FORMAT) return entries;
  if (typeof parsed.notebooks !== 'object' || parsed.notebooks === null) return entries;
  for (const [file, entry] of Object.entries(parsed.notebooks)) if (isEntry(entry)) entries.set(file, entry);
  return entries;
}

/** The main thread's view of the cache in a run: each folder's file read once, for stamps and then findings. */
export interface ResultCacheReader {
  /** The hash of the file's bytes when its entry's stamp shows it unchanged since they were checked; else null. */
  unchangedContent(file: string): string | null;
  /** The findings stored for this task, whose bytes hash to `content`, under the key of its current inputs; or null. */
  lookUp(task: CheckTask, content: string): Finding[] | null;
}

export function readResultCache(location: ResultCacheLocation): ResultCacheReader {
  const folders = new Map<string, Map<string, CacheEntry>>();
  const entryOf = (file: string): CacheEntry | undefined => {
    const path = folderFilePath(location, file);
    let entries = folders.get(path);
    if (entries === undefined) folders.set(path, (entries = readFolderFile(path)));
    return entries.get(file);
  };
  return {
    unchangedContent(file) {
      const stamp = entryOf(file)?.stamp;
      if (!stamp) return null;
      let stats: BigStats;
      try {
        stats = statSync(file, { bigint: true });
      } catch {
        return null;
      }
      return sameStamp(stamp, stats) ? stamp.contentHash : null;
    },
    lookUp(task, content) {
      const entry = entryOf(task.file);
      return entry !== undefined && entry.key === keyOf(location, task, content) ? entry.findings : null;
    },
  };
}

/**
 * The entry of the bytes checked (which hash to `content`, with their file's stamp or null); null when the engine
 * crashed on the notebook (NH000: exit 2 until fixed, so never served from the cache).
 */
export function cacheEntry(
  location: ResultCacheLocation,
  task: CheckTask,
  content: string,
  stamp: FileStamp | null,
  findings: Finding[],
): CacheEntry | null {
  if (findings.some((finding) => finding.code === internalError.code)) return null;
  return { key: keyOf(location, task, content), stamp, findings };
}

/**
 * Writes the run's entries (by notebook path) into their folders' files in a folder prepareCacheFolder made, each
 * file once, merged with what it holds now; silently nothing where it cannot write.
 */
export function writeResults(location: ResultCacheLocation, entries: ReadonlyMap<string, CacheEntry>): void {
  const byFolderFile = new Map<string, [string, CacheEntry][]>();
  for (const [file, entry] of entries) {
    const path = folderFilePath(location, file);
    const inFolder = byFolderFile.get(path);
    if (inFolder) inFolder.push([file, entry]);
    else byFolderFile.set(path, [[file, entry]]);
  }
  for (const [path, fresh] of byFolderFile) {
    const merged = readFolderFile(path);
    for (const file of merged.keys()) if (!existsSync(file)) merged.delete(file);
    for (const [file, entry] of fresh) merged.set(file, entry);
    const folderFile: FolderFile = { format: ENTRY_FORMAT, notebooks: Object.fromEntries(merged) };
    try {
      writeAtomically(path, JSON.stringify(folderFile));
    } catch {
      // A full disk or a folder made read-only meanwhile: these notebooks are checked again next time.
    }
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
