// `nbhygiene check`: discover, configure, check, report, and turn it all into an exit code.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { version } from '../../package.json';
import { createEngine, type Engine, type EngineOptions } from '../core/engine';
import { internalError } from '../core/rules/notebook/internal-error';
import { SEVERITY_ORDER, type Severity } from '../core/types';
import { HELP, parseCommandLine, type CheckOptions } from './args';
import { checkTasksFor, findNotebooks } from './check-tasks';
import { formatCheckOutput } from './format-report';
import type { CheckedNotebook, UnreadableFile } from '../core/report/json';
import { checkEngineOptions, checkFile, readFileFromDisk, type CheckOutcome, type CheckTask } from './check-file';
import { defaultJobs, workersAvailable } from './speed/check-workers';
import { PARALLEL_MIN_FILES, startParallelCheck, type CheckHere, type ParallelCheck } from './speed/parallel';
import { codeFingerprint } from './code-fingerprint';
import {
  prepareCacheFolder,
  readResultCache,
  writeResults,
  type CacheEntry,
  type ResultCacheLocation,
} from './result-cache';
import { SUBCOMMANDS } from './subcommands';
import { decodeUtf8 } from './speed/decode-utf8';
import { withWasmCompiledOnThisThread } from './speed/wasm-compile';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Everything the command touches outside the file system, so tests can run it in-process. */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

export interface CliDeps {
  createEngine(options: EngineOptions): Promise<Engine>;
  /** Throws like fs.readFileSync when the file can't be read. */
  readFile(path: string): Buffer;
}

const NODE_DEPS: CliDeps = { createEngine, readFile: readFileFromDisk };

/** Progress appears only when a person is watching a long run. */
const PROGRESS_THRESHOLD = 20;

export function nodeIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    writeStdout: (text) => void process.stdout.write(text),
    writeStderr: (text) => void process.stderr.write(text),
  };
}

export async function runCli(argv: readonly string[], io: CliIO, overrides: Partial<CliDeps> = {}): Promise<number> {
  const deps: CliDeps = { ...NODE_DEPS, ...overrides };
  const subcommand = argv[0] !== undefined && Object.hasOwn(SUBCOMMANDS, argv[0]) ? SUBCOMMANDS[argv[0]] : undefined;
  if (subcommand) {
    try {
      return await subcommand.run(argv.slice(1), io);
    } catch (error) {
      io.writeStderr(`nbhygiene: internal error: ${describe(error)}\n`);
      return EXIT_ERROR;
    }
  }
  const command = parseCommandLine(argv);
  switch (command.kind) {
    case 'help':
      io.writeStdout(helpText());
      return EXIT_OK;
    case 'version':
      io.writeStdout(`nbhygiene ${version}\n`);
      return EXIT_OK;
    case 'usage-error':
      io.writeStderr(`nbhygiene: ${command.message}\nRun 'nbhygiene --help' for usage.\n`);
      return EXIT_ERROR;
    case 'check':
      try {
        return await check(command.options, io, deps);
      } catch (error) {
        io.writeStderr(`nbhygiene: internal error: ${describe(error)}\n`);
        return EXIT_ERROR;
      }
  }
}

/** The help of `check` with one line per other command. */
function helpText(): string {
  const others = Object.values(SUBCOMMANDS)
    .map((command) => `  nbhygiene ${command.synopsis}\n`)
    .join('');
  return HELP.replace('  nbhygiene --help | --version\n', `${others}  nbhygiene --help | --version\n`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function wantsColour(options: CheckOptions, io: CliIO): boolean {
  const noColor = io.env.NO_COLOR;
  return options.output === null && io.stdoutIsTTY && (noColor === undefined || noColor === '');
}

async function check(options: CheckOptions, io: CliIO, deps: CliDeps): Promise<number> {
  const found = findNotebooks(options.paths, io);
  let failed = found.failed; // a path missing or unreadable, or a notebook the engine crashed on: exit 2 at the end
  const cache = usesNodeDeps(deps) ? resultCacheFor(options, io) : null;
  // Without a cache folder yet every file is checked, and the workers boot while the configs are read. With one, how
  // many files need checking is known only once their keys are: most often none, and then no engine or worker starts.
  let parallel = cache?.exists ? null : startParallelIfWorthIt(found.files.length, options, deps, io);
  const reader = cache?.exists ? readResultCache(cache.location) : null;
  let tasks: CheckTask[];
  try {
    tasks = await checkTasksFor(found.files, io, options.overrides, {
      cache: reader,
      runFilesWhereChecked: usesNodeDeps(deps),
    });
  } catch (error) {
    await parallel?.stop();
    throw error;
  }
  const cached = tasks.map((task) =>
    reader && task.contentHash !== undefined ? reader.lookUp(task, task.contentHash) : null,
  );
  let toCheck = tasks.filter((_, index) => cached[index] === null);
  if (cache?.exists) parallel = startParallelIfWorthIt(toCheck.length, options, deps, io);
  // Whichever thread checks a notebook makes its cache entry (hashing the bytes it read); this one writes them all.
  const caching = cache !== null && toCheck.length > 0 && prepareCacheFolder(cache.location.folder);
  if (caching) toCheck = toCheck.map((task) => ({ ...task, cacheIn: cache.location }));
  const progress = createProgress(toCheck.length, io);
  const checkedNow = await checkAll(toCheck, parallel, deps, progress, io);
  // The workers exit while the results are written and printed.
  try {
    if (caching) writeResults(cache.location, cacheEntries(toCheck, checkedNow));
    let next = 0;
    const outcomes = tasks.map((_, index): CheckOutcome => {
      const findings = cached[index];
      return findings ? { kind: 'checked', findings } : checkedNow[next++]!;
    });
    const reports: CheckedNotebook[] = [];
    const unreadable: UnreadableFile[] = [];
    outcomes.forEach((outcome, index) => {
      const path = tasks[index]!.displayPath;
      if (outcome.kind === 'unreadable') {
        unreadable.push({ path, message: outcome.message });
        io.writeStderr(`nbhygiene: cannot read ${path}: ${outcome.message}\n`);
        failed = true;
      } else {
        reports.push({ path, findings: outcome.findings });
        const crash = outcome.findings.find((finding) => finding.code === internalError.code);
        if (crash !== undefined) {
          io.writeStderr(`nbhygiene: internal error while checking ${path}: ${crash.message}\n`);
          failed = true;
        }
      }
    });

    const sources = new Map(tasks.map((task) => [task.displayPath, { file: task.file, project: task.project }]));
    const report = await formatCheckOutput(options.format, reports, unreadable, {
      colours: wantsColour(options, io),
      env: io.env,
      sources,
      readTextFile: (path) => decodeUtf8(deps.readFile(path)),
    });
    if (options.output === null) {
      io.writeStdout(report);
    } else {
      try {
        writeFileSync(resolve(io.cwd, options.output), report);
      } catch (error) {
        io.writeStderr(`nbhygiene: cannot write ${options.output}: ${describe(error)}\n`);
        return EXIT_ERROR;
      }
    }
    if (failed) return EXIT_ERROR;
    if (options.exitZero) return EXIT_OK;
    return hasFindingAtLeast(reports, options.failOn) ? EXIT_FINDINGS : EXIT_OK;
  } finally {
    await parallel?.closed();
  }
}

function usesNodeDeps(deps: CliDeps): boolean {
  return deps.readFile === NODE_DEPS.readFile && deps.createEngine === NODE_DEPS.createEngine;
}

/** Where the run's results are cached, unless `--no-cache`; `exists` when an earlier run made its folder. */
function resultCacheFor(options: CheckOptions, io: CliIO): { location: ResultCacheLocation; exists: boolean } | null {
  if (!options.cache) return null;
  const folder = resolve(io.cwd, options.cacheDir);
  return { location: { folder, version: `${version} ${codeFingerprint()}` }, exists: existsSync(folder) };
}

/** The cache entries the checking threads made, by notebook path. */
function cacheEntries(tasks: readonly CheckTask[], outcomes: readonly CheckOutcome[]): Map<string, CacheEntry> {
  const entries = new Map<string, CacheEntry>();
  outcomes.forEach((outcome, index) => {
    if (outcome.kind === 'checked' && outcome.cacheEntry) entries.set(tasks[index]!.file, outcome.cacheEntry);
  });
  return entries;
}

/**
 * The main thread and worker threads when there are enough files and more than one job, started as soon as the
 * files are known so the workers boot while the configs are read; null to check on the main thread alone.
 */
function startParallelIfWorthIt(files: number, options: CheckOptions, deps: CliDeps, io: CliIO): ParallelCheck | null {
  const jobs = options.jobs ?? defaultJobs();
  const parallel =
    usesNodeDeps(deps) &&
    workersAvailable() &&
    jobs > 1 &&
    files > 1 &&
    (options.jobs !== null || files >= PARALLEL_MIN_FILES);
  if (!parallel) return null;
  return startParallelCheck(Math.min(jobs, files) - 1, checkerHere(deps, io.writeStderr));
}

/** The engine on this thread, ready to check one file at a time. */
async function checkerHere(deps: CliDeps, writeStderr: (text: string) => void): Promise<CheckHere> {
  const engine = await withWasmCompiledOnThisThread(async () =>
    deps.createEngine(await checkEngineOptions(writeStderr)),
  );
  return (task) => checkFile(engine, task, deps.readFile);
}

/** In parallel if it was started, else here, one file after another. */
async function checkAll(
  tasks: CheckTask[],
  parallel: ParallelCheck | null,
  deps: CliDeps,
  progress: Progress,
  io: CliIO,
): Promise<CheckOutcome[]> {
  let done = 0;
  if (parallel) {
    try {
      return await parallel.check(tasks, () => progress.update(++done));
    } finally {
      progress.clear();
    }
  }
  if (tasks.length === 0) return [];
  const checkHere = await checkerHere(deps, io.writeStderr);
  const outcomes: CheckOutcome[] = [];
  for (const task of tasks) {
    progress.update(done++);
    outcomes.push(await checkHere(task));
  }
  progress.clear();
  return outcomes;
}

export function hasFindingAtLeast(reports: readonly CheckedNotebook[], level: Severity): boolean {
  const threshold = SEVERITY_ORDER[level];
  return reports.some((report) => report.findings.some((finding) => SEVERITY_ORDER[finding.severity] >= threshold));
}

interface Progress {
  update(done: number): void;
  clear(): void;
}

/** `checked 120/400` on one rewritten stderr line; silent for short runs and when stderr is not a terminal. */
function createProgress(total: number, io: CliIO): Progress {
  if (total <= PROGRESS_THRESHOLD || !io.stderrIsTTY) return { update() {}, clear() {} };
  let shown = false;
  return {
    update(done) {
      io.writeStderr(`\rchecked ${done}/${total}`);
      shown = true;
    },
    clear() {
      if (shown) io.writeStderr('\r\x1b[K');
      shown = false;
    },
  };
}
