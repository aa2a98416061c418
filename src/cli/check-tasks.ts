// The one way `check`, `report` and `fix` get from the command line's paths to notebooks ready to check: find them,
// then give each its config (the nearest pyproject.toml's [tool.nbhygiene], then the command line's overrides) and
// its project context read with that config's tests folder (setUpNotebook, which the editor uses too).
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, mergeConfig, type NbhygieneConfig } from '../core/config/config';
import { createConfigLocator } from '../core/config/locate';
import { setUpNotebook } from '../core/notebook-setup';
import type { CheckTask } from './check-file';
import { discoverNotebooks } from './discover';
import { displayPath } from './display-path';
import { NODE_HOST } from './node-host';
import { createProjectContextCache, memoizingHost } from './project-cache';
import { contentHash, type ResultCacheReader } from './result-cache';
import type { CliIO } from './run';

export interface FoundNotebooks {
  files: string[];
  /** A path was missing or unreadable: already said on stderr. */
  failed: boolean;
}

/** The notebooks under the paths; what went wrong, and finding none, is said on stderr. */
export function findNotebooks(paths: readonly string[], io: CliIO): FoundNotebooks {
  const discovery = discoverNotebooks(paths, io.cwd);
  for (const message of discovery.errors) io.writeStderr(`nbhygiene: ${message}\n`);
  if (discovery.files.length === 0 && discovery.errors.length === 0) {
    io.writeStderr('nbhygiene: warning: no notebooks found under the given paths\n');
  }
  return { files: discovery.files, failed: discovery.errors.length > 0 };
}

/** Reads a notebook's bytes here, once: for its `%run` lines and, with a result cache, the hash of its content. */
function readBytesOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null; // the check reads it again and reports why it cannot
  }
}

/**
 * A task per file, in file order. Every project file is read once per call, whether the config lookup or the
 * project context asks for it; the problems of a pyproject.toml are said once on stderr.
 *
 * With a result cache to look up (`cache`), each task carries the hash of the notebook's bytes: from its entry's
 * stamp when the file is unchanged since (then the notebook is not read here at all: a stamp is only kept for a
 * notebook without a `%run` line), else read here, once, for the hash and the files its `%run` lines run. Without one,
 * `runFilesWhereChecked` leaves those files to the thread that checks the notebook, so no notebook is read here.
 */
export async function checkTasksFor(
  files: readonly string[],
  io: CliIO,
  overrides: Partial<NbhygieneConfig> = {},
  {
    cache = null,
    runFilesWhereChecked = false,
  }: { cache?: ResultCacheReader | null; runFilesWhereChecked?: boolean } = {},
): Promise<CheckTask[]> {
  const host = memoizingHost(NODE_HOST);
  const locator = createConfigLocator(host, (loaded) => {
    const where = displayPath(loaded.path ?? '', io.cwd);
    for (const problem of loaded.problems) io.writeStderr(`nbhygiene: warning: ${where}: ${problem}\n`);
  });
  const projects = createProjectContextCache({ cwd: io.cwd, host });
  const configFor = async (file: string) =>
    mergeConfig(mergeConfig(DEFAULT_CONFIG, (await locator.configFor(file)).config), overrides);
  const leaveRunFiles = cache === null && runFilesWhereChecked;
  const tasks: CheckTask[] = [];
  for (const file of files) {
    const unchanged = cache?.unchangedContent(file) ?? null;
    // Read synchronously: awaiting a read per notebook left the thread idle for most of a cached run's time.
    const bytes = unchanged === null && !leaveRunFiles ? readBytesOrNull(file) : null;
    const { config, project } = await setUpNotebook(file, configFor, (where, testsFolder) =>
      leaveRunFiles ? projects.folderContextFor(where, testsFolder) : projects.contextFor(where, testsFolder, bytes),
    );
    const task: CheckTask = { file, displayPath: displayPath(file, io.cwd), config, project };
    if (leaveRunFiles) task.runFilesPending = true;
    if (unchanged !== null) task.contentHash = unchanged;
    else if (cache && bytes !== null) task.contentHash = contentHash(bytes);
    tasks.push(task);
  }
  return tasks;
}
