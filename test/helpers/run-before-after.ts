// Before-and-after runs in a real Python, for tests that prove an edit (a fix, an extraction, a cell operation) keeps
// what a notebook shows. Everything runs in Debian's /usr/bin/python3 (numpy, pandas, scikit-learn, IPython, pytest;
// see .ci/run), through the product's own scratch kernel (src/run), each notebook in its own temporary folder.
//
//   await assertSameOutputs(beforeJson, afterJson, { files?, afterFiles?, cwd?, match? })
//       Runs both notebooks, pairs their code cells (by cell id when every code cell on both sides has one, else by
//       position among code cells: `match` forces either), and asserts that every cell that ran without error before
//       runs without error after and shows the same outputs (stdout, displayed values, images by presence; see
//       src/core/verify/compare-outputs.ts). A cell only the after notebook has (an inserted seed cell) is not compared;
//       a before cell with no partner after fails. Fails too when no cell ran cleanly before (the test proves nothing).
//       On failure the message lists each cell with what differs, expected and actual. Returns both runs.
//   Cells are named 1-based in messages, as `nbhygiene check` names them. `unstable` cells are not compared.
//   `beforeRun` reuses a run of the before notebook; `afterCwd` is the folder copied for the after run alone.
//   await runCells(notebookJson, { files?, cwd? })  → NotebookRun (src/run/run-notebook.ts), for custom assertions.
//   outputsOf(run, cellIndex) → { status, stdout, values } of one cell, by its index among all cells.
//
// `files` (relative path → text) are written into both folders (data the notebook reads); `afterFiles` only into the
// after one (the module an extraction generated). `cwd` is a folder copied for both runs (never modified).
import assert from 'node:assert/strict';
import type { CellRun } from '../../src/core/verify/cell-outputs';
import { runOutputs } from '../../src/core/verify/cell-outputs';
import { compareOutputs } from '../../src/core/verify/compare-outputs';
import { runNotebook, type NotebookRun } from '../../src/run/run-notebook';

export const TEST_PYTHON = '/usr/bin/python3';

// Python randomises string hashes per process, so a set of strings can iterate in another order in each run: both runs
// of a proof get the same hashes, so only the edit can make them differ. The scratch kernel passes this environment on.
process.env.PYTHONHASHSEED ??= '0';

export interface RunCellsOptions {
  files?: Record<string, string>;
  cwd?: string;
  /** Seconds per cell; default 60. */
  timeoutPerCellS?: number;
}

export interface BeforeAfterOptions extends RunCellsOptions {
  afterFiles?: Record<string, string>;
  /** The before notebook's run, when the test already has it (many edits of one notebook): not run again. */
  beforeRun?: NotebookRun;
  /**
   * Indices of cells whose outputs differ between two runs of the unedited notebook (unseeded draws, timings): an edit
   * cannot be judged on them, so they are only required to keep running without error.
   */
  unstable?: ReadonlySet<number>;
  /** The folder copied for the after run only (the project an edit wrote its module into); default `cwd`. */
  afterCwd?: string;
  match?: 'id' | 'position';
}

export async function runCells(notebookJson: string, options: RunCellsOptions = {}): Promise<NotebookRun> {
  const run = await runNotebook({
    notebookJson,
    python: TEST_PYTHON,
    files: options.files,
    cwd: options.cwd,
    timeoutPerCellS: options.timeoutPerCellS ?? 60,
    timeoutS: 600,
  });
  assert.equal(run.mode, 'ipython', `the scratch kernel did not run under IPython (${run.stopped ?? run.stderr})`);
  return run;
}

export function outputsOf(run: NotebookRun, cellIndex: number): CellRun {
  const cell = run.cells.find((candidate) => candidate.index === cellIndex);
  assert.ok(cell, `no code cell ${cellIndex} in the run (code cells: ${run.cells.map((c) => c.index).join(', ')})`);
  return cell;
}

export interface CodeCell {
  index: number;
  id?: string;
}

type JsonCell = { cell_type: string; id?: unknown };

/** Code cells by index among all cells; nbformat 3 keeps its cells in worksheets, read in order as the loader does. */
export function codeCells(notebookJson: string): CodeCell[] {
  const notebook = JSON.parse(notebookJson) as { cells?: JsonCell[]; worksheets?: { cells?: JsonCell[] }[] };
  const cells = notebook.cells ?? (notebook.worksheets ?? []).flatMap((sheet) => sheet.cells ?? []);
  return cells.flatMap((cell, index) =>
    cell.cell_type === 'code' ? [{ index, ...(typeof cell.id === 'string' ? { id: cell.id } : {}) }] : [],
  );
}

/** before cell index → after cell index (undefined: no partner). */
export function pairCells(
  before: CodeCell[],
  after: CodeCell[],
  match?: 'id' | 'position',
): Map<number, number | undefined> {
  const byId = match === 'id' || (match === undefined && [...before, ...after].every((cell) => cell.id !== undefined));
  const pairs = new Map<number, number | undefined>();
  before.forEach((cell, k) => {
    const partner = byId ? after.find((candidate) => candidate.id === cell.id) : after[k];
    pairs.set(cell.index, partner?.index);
  });
  return pairs;
}

function describeRun(cell: CellRun): string {
  if (cell.status === 'ok') return 'ok';
  return `${cell.status}${cell.error ? ` (${cell.error.ename}: ${cell.error.evalue})` : ''}`;
}

export async function assertSameOutputs(
  beforeJson: string,
  afterJson: string,
  options: BeforeAfterOptions = {},
): Promise<{ before: NotebookRun; after: NotebookRun }> {
  const before = options.beforeRun ?? (await runCells(beforeJson, options));
  const after = await runCells(afterJson, {
    ...options,
    cwd: options.afterCwd ?? options.cwd,
    files: { ...options.files, ...options.afterFiles },
  });
  const pairs = pairCells(codeCells(beforeJson), codeCells(afterJson), options.match);
  const problems: string[] = [];
  let compared = 0;
  for (const cell of before.cells) {
    if (cell.status !== 'ok') continue;
    compared++;
    const partner = pairs.get(cell.index);
    if (partner === undefined) {
      problems.push(`cell ${cell.index + 1}: ran before, has no partner in the after notebook`);
      continue;
    }
    const now = outputsOf(after, partner);
    if (now.status !== 'ok') {
      problems.push(`cell ${cell.index + 1} (after: cell ${partner + 1}): ran before, now ${describeRun(now)}`);
      continue;
    }
    if (options.unstable?.has(cell.index)) continue;
    for (const difference of compareOutputs(runOutputs(cell), runOutputs(now))) {
      problems.push(
        `cell ${cell.index + 1} (after: cell ${partner + 1}): ${difference.message}\n` +
          `  expected: ${JSON.stringify(difference.expected)}\n  actual:   ${JSON.stringify(difference.actual)}`,
      );
    }
  }
  assert.ok(
    compared > 0,
    `no cell ran cleanly before the edit, so the comparison proves nothing:\n${before.cells.map((c) => `  cell ${c.index + 1}: ${describeRun(c)}`).join('\n')}`,
  );
  assert.ok(problems.length === 0, `outputs changed after the edit:\n${problems.join('\n')}`);
  return { before, after };
}
