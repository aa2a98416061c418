// The CLI's project contexts: one per notebook folder, read through the Node host with every file and folder read
// at most once per run (notebooks in ten folders of one project share the manifests and the .venv reads).
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { loadProjectContext, type ProjectContext } from '../core/deps/project';
import { loadRunFiles, runCellSources } from '../core/deps/run-files';
import type { Host } from '../core/host';
import { NODE_HOST } from './node-host';
import { decodeUtf8 } from './speed/decode-utf8';

export interface ProjectContextCache {
  /**
   * The context of the notebook at this path (absolute, or relative to the cwd), without the files its `%run` lines
   * run: the one of its folder (read once per folder), for this notebook.
   */
  folderContextFor(notebookFile: string, testsFolder?: string): Promise<ProjectContext>;
  /**
   * The whole context, with the files the notebook's `%run` lines run. `notebookBytes`, when the caller has read the
   * file (the command line, null when it could not): they are tested for a `%run` line before they are decoded. Without
   * them the notebook is read through the host.
   */
  contextFor(notebookFile: string, testsFolder?: string, notebookBytes?: Buffer | null): Promise<ProjectContext>;
}

export interface ProjectCacheOptions {
  cwd: string;
  /** An environment to read instead of looking for `.venv` / `venv` (a `--venv` flag). */
  venvPath?: string;
  host?: Host;
}

/** Core paths use '/' on every platform. */
function toCorePath(path: string): string {
  return sep === '\\' ? path.replace(/\\/g, '/') : path;
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Remembers every read, so the same manifest or dist-info file is read once per run. */
export function memoizingHost(host: Host): Host {
  const files = new Map<string, Promise<string | null>>();
  const folders = new Map<string, Promise<string[] | null>>();
  return {
    readFile(path) {
      let found = files.get(path);
      if (!found) files.set(path, (found = host.readFile(path)));
      return found;
    },
    listDir(path) {
      let found = folders.get(path);
      if (!found) folders.set(path, (found = host.listDir(path)));
      return found;
    },
  };
}

export function createProjectContextCache(options: ProjectCacheOptions): ProjectContextCache {
  const direct = options.host ?? NODE_HOST;
  const host = memoizingHost(direct);
  const byFolder = new Map<string, Promise<ProjectContext>>();
  const folderContextFor = async (notebookFile: string, testsFolder?: string): Promise<ProjectContext> => {
    const file = resolve(options.cwd, notebookFile);
    const folder = dirname(file);
    const key = `${folder}\n${testsFolder ?? ''}`;
    let loading = byFolder.get(key);
    if (!loading) {
      // The cwd is the workspace when the notebook is under it: the search for manifests stops there at the latest.
      const workspaceRoot = isInside(options.cwd, file) ? toCorePath(options.cwd) : undefined;
      const venvPath = options.venvPath === undefined ? undefined : toCorePath(resolve(options.cwd, options.venvPath));
      loading = loadProjectContext(toCorePath(file), host, {
        ...(workspaceRoot ? { workspaceRoot } : {}),
        ...(venvPath ? { venvPath } : {}),
        ...(testsFolder ? { testsFolder } : {}),
        // Each notebook's own `%run` files are read by withRunFiles.
        cellSources: [],
      });
      byFolder.set(key, loading);
    }
    // The folder's context was read for its first notebook: the files `%run` runs are this notebook's own.
    const { runFiles: _none, ...context } = await loading;
    return { ...context, notebookPath: toCorePath(file) };
  };
  return {
    folderContextFor,
    async contextFor(notebookFile, testsFolder, notebookBytes) {
      const context = await folderContextFor(notebookFile, testsFolder);
      // The notebook's text is read past the memo (every notebook once; kept, they would all stay in memory).
      const text =
        notebookBytes !== undefined ? textIfItMayRun(notebookBytes) : await direct.readFile(context.notebookPath);
      return withRunFiles(context, text, host);
    },
  };
}

/** The context with the files the notebook's `%run` lines run, found in its text (none when null), read through `host`. */
async function withRunFiles(context: ProjectContext, text: string | null, host: Host): Promise<ProjectContext> {
  return withRunFilesOf(context, runCellSources(text, context.notebookPath), host);
}

/** The context with the files the `%run` lines of the notebook's code cells (`cellSources`) run, read through `host`. */
export async function withRunFilesOf(
  context: ProjectContext,
  cellSources: string[],
  host: Host,
): Promise<ProjectContext> {
  return { ...context, runFiles: await loadRunFiles(host, context.notebookDir, cellSources) };
}

const RUN = Buffer.from('run');
const BACKSLASH = 0x5c;

/** JSON's whitespace: the bytes that can stand raw between a notebook's tokens (inside a string only the space can). */
export function isJsonSpaceByte(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * Whether the .ipynb bytes may hold a `%run` line, as runCellSources' own test reads the text: `run` and a blank,
 * after `%`, `"` (a source line starting with automagic `run`) or an escaped newline, blanks between. Most notebooks
 * hold none, and this spares decoding them a second time (the check reads them again in its thread).
 */
export function mayHoldRunLine(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(RUN); at !== -1; at = bytes.indexOf(RUN, at + 1)) {
    if (!isJsonSpaceByte(bytes[at + 3])) continue;
    let before = at - 1;
    while (before >= 0 && (bytes[before] === 0x20 || bytes[before] === 0x09)) before--;
    const byte = bytes[before];
    if (byte === 0x25 || byte === 0x22 || (byte === 0x6e && bytes[before - 1] === BACKSLASH)) return true;
  }
  return false;
}

/** The notebook's text when it may hold a `%run` line; null, with no decoding, when it cannot (or is unreadable). */
function textIfItMayRun(bytes: Buffer | null): string | null {
  return bytes !== null && mayHoldRunLine(bytes) ? decodeUtf8(bytes) : null;
}
