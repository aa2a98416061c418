// Runs a notebook's code cells top to bottom in a fresh Python process (src/run/scratch_kernel.py), in a temporary copy
// of its folder, with a timeout per cell and for the whole notebook. The kernel reports each cell as one JSON line,
// so a run that has to be killed still returns every cell that finished.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadNotebook } from '../core/notebook/load';
import type { Notebook } from '../core/notebook/notebook';
import type { CellRun } from '../core/verify/cell-outputs';
import { makeScratchFolder } from './scratch-folder';

export interface RunNotebookOptions {
  /** The notebook's .ipynb text; read from `path` when absent. */
  notebookJson?: string;
  /** The notebook file: its folder is the one copied (unless `cwd` says otherwise) and it names the notebook in errors. */
  path?: string;
  /** The folder to copy and run in; default the notebook's folder, or an empty folder for `notebookJson` alone. */
  cwd?: string;
  /** Files (relative path → text) written into the copy before the run: a generated module, a data file. */
  files?: Record<string, string>;
  /** The interpreter; default `python3`. */
  python?: string;
  /** Seconds one cell may take; default 60. 0 = no limit. */
  timeoutPerCellS?: number;
  /** Seconds the whole notebook may take; default 600. 0 = no limit. */
  timeoutS?: number;
  /** Stop at the first failing cell (Jupyter's Run All); default false: every cell runs, as nbval does. */
  stopOnError?: boolean;
  /** false forces plain `exec` (magics skipped) even where IPython is installed. */
  ipython?: boolean;
  /** Largest folder copied, in bytes (see scratch-folder.ts). */
  copyLimitBytes?: number;
  /** Called as each cell finishes (progress). */
  onCell?: (run: CellRun) => void;
  /** Aborting kills the run; cells not finished are reported as skipped. */
  signal?: AbortSignal;
}

export interface NotebookRun {
  /** One entry per code cell, in notebook order. */
  cells: CellRun[];
  /** How the cells ran: IPython's shell, or plain exec (IPython not installed). */
  mode: 'ipython' | 'exec' | 'unknown';
  /** Why the run ended early (time ran out, aborted, Python died); absent when every cell was run. */
  stopped?: string;
  /** What the Python process itself wrote to stderr (not the cells: theirs is in each CellRun). */
  stderr: string;
}

/** A cell may overrun its own timer by this much (a C extension ignoring the signal) before the process is killed. */
const KILL_GRACE_S = 5;

/** The kernel program: beside the bundle in dist/, or beside this file when running from source. */
export function scratchKernelPath(): string {
  const folder = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (const candidate of [join(folder, 'scratch_kernel.py'), join(folder, '..', 'run', 'scratch_kernel.py')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot find scratch_kernel.py beside ${folder}: the install is broken`);
}

/** The notebook as the kernel reads it: nbformat-4-shaped cells (older formats upgraded by the loader), sources only. */
function kernelInput(notebook: Notebook): string {
  return JSON.stringify({
    cells: notebook.cells.map((cell) => ({ cell_type: cell.kind, source: cell.kind === 'code' ? cell.source : '' })),
  });
}

export function loadForRun(text: string, path: string): Notebook {
  const loaded = loadNotebook(text, path);
  if (!loaded.notebook) {
    const reason = loaded.findings[0]?.message ?? 'not a notebook';
    throw new Error(`${path}: cannot run: ${reason}`);
  }
  return loaded.notebook;
}

export async function runNotebook(options: RunNotebookOptions): Promise<NotebookRun> {
  if (options.notebookJson === undefined && options.path === undefined) {
    throw new Error('runNotebook needs a notebook: notebookJson or path');
  }
  const path = options.path ?? 'notebook.ipynb';
  const text = options.notebookJson ?? readFileSync(path, 'utf8');
  const notebook = loadForRun(text, path);
  const source = options.cwd ?? (options.path !== undefined ? dirname(options.path) : undefined);
  const folder = makeScratchFolder(source, options.files, options.copyLimitBytes);
  try {
    return await runInFolder(notebook, folder.root, options);
  } finally {
    folder.remove();
  }
}

function runInFolder(notebook: Notebook, cwd: string, options: RunNotebookOptions): Promise<NotebookRun> {
  const perCell = options.timeoutPerCellS ?? 60;
  const total = options.timeoutS ?? 600;
  const args = [scratchKernelPath(), '--timeout-cell', String(perCell)];
  if (options.stopOnError) args.push('--stop-on-error');
  if (options.ipython === false) args.push('--no-ipython');
  const codeCells = notebook.cells.filter((cell) => cell.kind === 'code').map((cell) => cell.index);

  return new Promise((resolve, reject) => {
    const child = spawn(options.python ?? 'python3', args, {
      cwd,
      // Its own process group, so a kill also ends what the cells started (`!sleep 100`, a server). Not on Windows,
      // where a detached child gets a console window of its own.
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' },
    });
    const finished = new Map<number, CellRun>();
    let running: number | undefined;
    let mode: NotebookRun['mode'] = 'unknown';
    let stopped: string | undefined;
    let stderr = '';
    let pending = '';
    let cellTimer: NodeJS.Timeout | undefined;

    const kill = (why: string) => {
      if (stopped === undefined) stopped = why;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const notebookTimer =
      total > 0 ? setTimeout(() => kill(`the notebook did not finish in ${total}s`), total * 1000) : undefined;
    const onAbort = () => kill('the run was cancelled');
    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted) onAbort();

    const onLine = (line: string) => {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not the protocol (should not happen: the kernel redirects everything else)
      }
      if (record.event === 'start') {
        running = record.index as number;
        clearTimeout(cellTimer);
        if (perCell > 0) {
          cellTimer = setTimeout(
            () => kill(`cell ${running! + 1} did not stop ${KILL_GRACE_S}s after its ${perCell}s timeout`),
            (perCell + KILL_GRACE_S) * 1000,
          );
        }
      } else if (record.event === 'cell') {
        clearTimeout(cellTimer);
        running = undefined;
        const run = cellRunFrom(record);
        finished.set(run.index, run);
        options.onCell?.(run);
      } else if (record.event === 'done') {
        mode = record.mode === 'exec' ? 'exec' : 'ipython';
      }
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let newline;
      while ((newline = pending.indexOf('\n')) >= 0) {
        onLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 20_000) stderr += chunk;
    });
    child.stdin.on('error', () => {}); // the process may die before reading all of it; the exit says why
    child.stdin.end(kernelInput(notebook));

    child.on('error', (error) => {
      clearTimeout(notebookTimer);
      clearTimeout(cellTimer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(new Error(`cannot start Python (${options.python ?? 'python3'}): ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(notebookTimer);
      clearTimeout(cellTimer);
      options.signal?.removeEventListener('abort', onAbort);
      if (pending) onLine(pending);
      if (stopped === undefined && finished.size < codeCells.length) {
        const last = stderr.trim().split('\n').slice(-1)[0] ?? '';
        stopped = `Python exited (${signal ?? `code ${code}`}) before the last cell${last ? `: ${last}` : ''}`;
      }
      const cells = codeCells.map(
        (index): CellRun =>
          finished.get(index) ?? unfinished(index, index === running ? (stopped ?? '') : undefined, stopped),
      );
      resolve({ cells, mode, stderr, ...(stopped !== undefined ? { stopped } : {}) });
    });
  });
}

/** A cell the process never reported: the one running when it was stopped times out, later ones are skipped. */
function unfinished(index: number, runningReason: string | undefined, stopped: string | undefined): CellRun {
  const base = { index, stdout: '', stderr: '', outputs: [] };
  if (runningReason !== undefined) {
    return {
      ...base,
      status: 'timeout',
      error: { ename: 'TimeoutError', evalue: runningReason, traceback: [] },
      reason: runningReason,
    };
  }
  return { ...base, status: 'skipped', reason: stopped ?? 'not run' };
}

function cellRunFrom(record: Record<string, unknown>): CellRun {
  const run: CellRun = {
    index: record.index as number,
    status: record.status as CellRun['status'],
    stdout: typeof record.stdout === 'string' ? record.stdout : '',
    stderr: typeof record.stderr === 'string' ? record.stderr : '',
    outputs: Array.isArray(record.outputs) ? (record.outputs as CellRun['outputs']) : [],
  };
  if (record.error) run.error = record.error as CellRun['error'];
  if (typeof record.reason === 'string') run.reason = record.reason;
  if (typeof record.seconds === 'number') run.seconds = record.seconds;
  return run;
}
