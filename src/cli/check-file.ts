// Checking one notebook file: the same code runs on the main thread and in the worker threads.
import { closeSync, fstatSync, openSync, readFileSync, type BigIntStats } from 'node:fs';
import type { NbhygieneConfig } from '../core/config/config';
import type { ProjectContext } from '../core/deps/project';
import type { CheckResult, Engine, EngineOptions } from '../core/engine';
import type { PythonParser } from '../core/python/parser';
import { loadNotebook, loadWithStandIns, type LoadResult } from '../core/notebook/load';
import type { Finding } from '../core/types';
import { decodeUtf8 } from './speed/decode-utf8';
import { leaveOutImages } from './speed/image-payloads';
import { createCliParser, fallbackNotice } from './native-parser';
import type { Host } from '../core/host';
import { NODE_HOST } from './node-host';
import { mayHoldRunLine, memoizingHost, withRunFilesOf } from './project-cache';
import { cacheEntry, contentHash, fileStamp, type CacheEntry, type ResultCacheLocation } from './result-cache';

/** One file to check: where it is, how to print its path, the config and the project (manifests, env) around it. */
export interface CheckTask {
  file: string;
  displayPath: string;
  config: NbhygieneConfig;
  project: ProjectContext | null;
  /** The hash of the notebook's bytes as read when the task was made (runs that look results up in a cache). */
  contentHash?: string;
  /** The result cache the thread that checks the notebook makes its entry for (runs with a cache). */
  cacheIn?: ResultCacheLocation;
  /**
   * The project has no `runFiles` yet: the thread that checks the notebook reads the files its `%run` lines run, from
   * the text it checks (a run that looks nothing up in a cache need not read every notebook beforehand for them).
   */
  runFilesPending?: boolean;
}

/** A checked notebook's findings, and in a run with a result cache its entry there (none after an engine crash). */
export type CheckOutcome =
  { kind: 'checked'; findings: Finding[]; cacheEntry?: CacheEntry | null } | { kind: 'unreadable'; message: string };

/** Throws like fs.readFileSync when the file can't be read. */
export type ReadTextFile = (path: string) => string;

/** How the command reads notebooks from disk, on the main thread and in the workers alike. */
export const readTextFileFromDisk: ReadTextFile = (path) => decodeUtf8(readFileSync(path));

/** Throws like fs.readFileSync when the file can't be read. */
export type ReadFile = (path: string) => Buffer;

export const readFileFromDisk: ReadFile = (path) => readFileSync(path);

/** A checked file with everything its check built (notebook, cross-cell model), for the commands that use them. */
export type CheckOutcomeWithResult =
  { kind: 'checked'; text: string; result: CheckResult } | { kind: 'unreadable'; message: string };

/**
 * Reads and checks one file. Never throws, so one notebook does not stop the run: an unreadable file is an outcome,
 * and the engine reports its own crash on a notebook as an NH000 finding.
 */
export function checkFileKeepingResult(
  engine: Engine,
  task: CheckTask,
  readTextFile: ReadTextFile,
): CheckOutcomeWithResult {
  let text: string;
  try {
    text = readTextFile(task.file);
  } catch (error) {
    return unreadable(error);
  }
  return { kind: 'checked', text, result: engine.check(text, task.displayPath, task.config, task.project) };
}

/** The file's bytes with its stats as they were while the bytes were read (one descriptor for both). */
function readWithStats(file: string): { bytes: Buffer; stats: BigIntStats; readAtNs: bigint } {
  const fd = openSync(file, 'r');
  try {
    const stats = fstatSync(fd, { bigint: true });
    const readAtNs = BigInt(Date.now()) * 1_000_000n;
    return { bytes: readFileSync(fd), stats, readAtNs };
  } finally {
    closeSync(fd);
  }
}

function unreadable(error: unknown): { kind: 'unreadable'; message: string } {
  const message = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
  return { kind: 'unreadable', message };
}

/**
 * Reads and checks one file: what a worker thread sends back. Never throws. With `runFilesPending` the files the
 * notebook's `%run` lines run are read here; with `cacheIn` the outcome carries the result cache's entry, keyed by the
 * bytes checked (the main thread writes the entries once the run is done).
 */
export async function checkFile(engine: Engine, task: CheckTask, readFile: ReadFile): Promise<CheckOutcome> {
  let read: { bytes: Buffer; stats?: BigIntStats; readAtNs?: bigint };
  try {
    read = task.cacheIn ? readWithStats(task.file) : { bytes: readFile(task.file) };
  } catch (error) {
    return unreadable(error);
  }
  const { loaded, mayRunFiles } = readNotebook(read.bytes, task.displayPath);
  const project =
    task.runFilesPending && task.project
      ? await withRunFilesOf(task.project, mayRunFiles ? codeCellSources(loaded) : [], runFileHost())
      : task.project;
  const { findings } = engine.checkLoaded(loaded, task.displayPath, task.config, project);
  if (task.cacheIn && read.stats && read.readAtNs !== undefined) {
    const content = contentHash(read.bytes);
    // A notebook that may run other files is read on every run anyway (check-tasks.ts), so its stamp would not help.
    const stamp = mayRunFiles ? null : fileStamp(read.stats, content, read.readAtNs);
    return {
      kind: 'checked',
      findings,
      cacheEntry: cacheEntry(task.cacheIn, { ...task, project }, content, stamp, findings),
    };
  }
  return { kind: 'checked', findings };
}

/**
 * The notebook in a file's bytes: from the bytes without their images when that text can stand for the file (see
 * speed/image-payloads.ts), else from all of them. And whether the bytes may hold a `%run` line (mayHoldRunLine),
 * asked of the smaller text: an image holds none.
 */
export function readNotebook(bytes: Buffer, path: string): { loaded: LoadResult; mayRunFiles: boolean } {
  const withoutImages = leaveOutImages(bytes);
  const loaded = withoutImages && loadWithStandIns(decodeUtf8(withoutImages.bytes), path, withoutImages.leftOut);
  return {
    loaded: loaded ?? loadNotebook(decodeUtf8(bytes), path),
    mayRunFiles: mayHoldRunLine(withoutImages?.bytes ?? bytes),
  };
}

function codeCellSources(loaded: LoadResult): string[] {
  return loaded.notebook?.cells.filter((cell) => cell.kind === 'code').map((cell) => cell.source) ?? [];
}

/** One per thread: the files `%run` lines run are read once however many notebooks of the run run them. */
let runFiles: Host | null = null;
function runFileHost(): Host {
  return (runFiles ??= memoizingHost(NODE_HOST));
}

/**
 * The engine `nbhygiene check` creates, on the main thread and in each worker. No cell cache: a check reads each
 * notebook once, and remembering every cell of a corpus only gives the garbage collector more to copy.
 */
export async function checkEngineOptions(writeStderr?: (text: string) => void): Promise<EngineOptions> {
  return { parser: await cliParser(writeStderr), cellCacheCapacity: 0 };
}

let fallbackSaid = false;

/**
 * The native parser, or the wasm one with a one-line notice on `writeStderr` (once per process: the worker threads,
 * which pass none, fall back the same way as the main thread).
 */
export async function cliParser(writeStderr?: (text: string) => void): Promise<PythonParser> {
  const { parser, fallbackReason } = await createCliParser();
  if (fallbackReason !== undefined && writeStderr && !fallbackSaid) {
    fallbackSaid = true;
    writeStderr(fallbackNotice(fallbackReason));
  }
  return parser;
}
