// `verify` as plain data: each code cell's fresh run (src/run) set against what the notebook saved, with a verdict and
// the static findings that explain a failure or a difference. Shared by the CLI, the editor and the HTML report.
import type { NbhygieneConfig } from '../config/config';
import type { NotebookModel } from '../analysis/notebook-model';
import type { Notebook } from '../notebook/notebook';
import type { Finding } from '../types';
import type { CellRun } from './cell-outputs';
import { runOutputs, savedNothing, savedOutputs } from './cell-outputs';
import { compareOutputs, type CompareOptions, type OutputDifference } from './compare-outputs';

/**
 * reproduced: shows what it saved (or raised the same exception); differs: ran, shows something else; fails: raised,
 * timed out, or never ran because the run stopped; not-run-before: no saved outputs to compare, ran cleanly now.
 */
export type CellVerdict = 'reproduced' | 'differs' | 'fails' | 'not-run-before';

/** A static finding that accounts for what the run showed, with why in a few words. */
export interface Explanation {
  code: string;
  message: string;
  /** "NameError predicted", "unseeded randomness", "path missing", "saved output came from an out-of-order run". */
  reason: string;
  /**
   * The cell the finding is on: the verified cell, or for unseeded randomness also a cell it depends on (`roll()`
   * here, its unseeded draw in the cell that defines `roll`).
   */
  cellIndex: number;
  /** The finding's 1-based line in that cell, for `cell N:line`. */
  line: number;
}

export interface VerifiedCell {
  /** 0-based index among all cells (findings and VS Code count the same way). */
  cellIndex: number;
  cellId?: string;
  /** The first line of the cell's source, to recognise it. */
  firstLine: string;
  verdict: CellVerdict;
  run: Pick<CellRun, 'status' | 'error' | 'reason' | 'seconds'>;
  differences: OutputDifference[];
  explanations: Explanation[];
  /** For a failure with no finding behind it: the earlier failing cell it most likely follows from. */
  afterFailureOf?: number;
}

export interface VerifyReport {
  notebook: string;
  cells: VerifiedCell[];
  counts: Record<CellVerdict, number>;
  /** How the cells ran: IPython's shell, or plain exec with magics skipped. */
  mode: 'ipython' | 'exec' | 'unknown';
  /** Why the run ended before the last cell, when it did. */
  stopped?: string;
  /** true when every cell reproduced or had nothing saved to compare with: `verify` exits 0. */
  passed: boolean;
}

interface ExplainingRule {
  reason: string;
  applies(cell: Pick<VerifiedCell, 'verdict' | 'run'>): boolean;
  /** Also explains the cells that use what the finding's cell defines (a function with an unseeded draw). */
  reachesUsers?: boolean;
}

const NAME_ERRORS = new Set(['NameError', 'UnboundLocalError']);
const PATH_ERRORS = new Set([
  'FileNotFoundError',
  'NotADirectoryError',
  'IsADirectoryError',
  'PermissionError',
  'OSError',
  'IOError',
]);

const failedWith = (names: Set<string>) => (cell: Pick<VerifiedCell, 'verdict' | 'run'>) =>
  cell.verdict === 'fails' && names.has(cell.run.error?.ename ?? '');
const notReproduced = (cell: Pick<VerifiedCell, 'verdict'>) => cell.verdict === 'differs' || cell.verdict === 'fails';

/** The rules whose findings predict what a re-run shows, and when each applies. */
export const EXPLAINING: Record<string, ExplainingRule> = {
  NH102: { reason: 'NameError predicted', applies: failedWith(NAME_ERRORS) },
  NH103: { reason: 'NameError predicted', applies: failedWith(NAME_ERRORS) },
  NH401: { reason: 'unseeded randomness', applies: (cell) => cell.verdict === 'differs', reachesUsers: true },
  NH402: { reason: 'path missing', applies: (cell) => failedWith(PATH_ERRORS)(cell) || cell.verdict === 'differs' },
  NH101: { reason: 'the saved output came from an out-of-order run', applies: notReproduced },
  NH104: { reason: 'the saved output came from an out-of-order run', applies: notReproduced },
  NH105: { reason: 'the saved output depends on a cell that was never run', applies: notReproduced },
};

/**
 * Codes verify checks with even when they are off by default (NH104, NH401, NH402): alone their findings are too often
 * of no consequence, but beside a cell the run shows differs they are the explanation.
 */
export const EXPLAINING_CODES: readonly string[] = Object.keys(EXPLAINING);

/** What verify adds to the notebook's config before it checks it: the explaining rules, off by default or not. */
export const VERIFY_CONFIG: Partial<NbhygieneConfig> = { extendSelect: [...EXPLAINING_CODES] };

function verdictOf(
  saved: Notebook['cells'][number],
  run: CellRun,
  options: CompareOptions,
): { verdict: CellVerdict; differences: OutputDifference[] } {
  const expected = savedOutputs(saved.outputs);
  if (run.status === 'skipped' || run.status === 'timeout') return { verdict: 'fails', differences: [] };
  const nothingSaved = savedNothing(saved.outputs, saved.executionCount);
  if (run.status === 'error') {
    const sameError = !nothingSaved && expected.error?.ename === run.error?.ename;
    return { verdict: sameError ? 'reproduced' : 'fails', differences: [] };
  }
  if (nothingSaved) return { verdict: 'not-run-before', differences: [] };
  const differences = compareOutputs(expected, runOutputs(run), options);
  return { verdict: differences.length === 0 ? 'reproduced' : 'differs', differences };
}

function firstLineOf(source: string): string {
  const line = source.split('\n').find((text) => text.trim() !== '') ?? '';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/**
 * For each cell, the other cells that last wrote a name it reads before it, at top level or in the body of a function
 * it calls: what its own outputs are made from.
 */
export function inputCells(model: NotebookModel | null): Map<number, Set<number>> {
  const inputs = new Map<number, Set<number>>();
  const add = (cell: number, from: number | undefined) => {
    if (from === undefined || from === cell) return;
    const cellInputs = inputs.get(cell);
    if (cellInputs) cellInputs.add(from);
    else inputs.set(cell, new Set([from]));
  };
  for (const read of model?.reads ?? []) add(read.site.cellIndex, read.provider?.cellIndex);
  for (const read of model?.callReads ?? []) add(read.call.cellIndex, read.provider.cellIndex);
  return inputs;
}

function explanationOf(finding: Finding, reason: string): Explanation {
  return {
    code: finding.code,
    message: finding.message,
    reason,
    cellIndex: finding.cellIndex!,
    line: finding.range.start.line + 1,
  };
}

/**
 * The findings that explain what the run showed of a cell: its own, else those that reach their users (an unseeded
 * draw) on the nearest cells it takes names from, directly or through other cells.
 */
function explain(
  cell: VerifiedCell,
  findings: readonly Finding[],
  inputs: ReadonlyMap<number, ReadonlySet<number>>,
): Explanation[] {
  const own = findings
    .filter((finding) => finding.cellIndex === cell.cellIndex && EXPLAINING[finding.code]?.applies(cell))
    .map((finding) => explanationOf(finding, EXPLAINING[finding.code]!.reason));
  if (own.length > 0) return own;
  const reaching = findings.filter(
    (finding) =>
      finding.cellIndex !== null && EXPLAINING[finding.code]?.reachesUsers && EXPLAINING[finding.code]!.applies(cell),
  );
  const seen = new Set([cell.cellIndex]);
  for (let level = [...(inputs.get(cell.cellIndex) ?? [])]; level.length > 0;) {
    for (const index of level) seen.add(index);
    const found = reaching.filter((finding) => level.includes(finding.cellIndex!));
    if (found.length > 0)
      return found.map((finding) =>
        explanationOf(
          finding,
          `${EXPLAINING[finding.code]!.reason} in cell ${finding.cellIndex! + 1}, which it depends on`,
        ),
      );
    level = [...new Set(level.flatMap((index) => [...(inputs.get(index) ?? [])]))].filter((index) => !seen.has(index));
  }
  return [];
}

/**
 * `checked`: the static check of the notebook as it was run (its findings, and the model that tells which cells each
 * cell takes names from).
 */
export function verifyNotebook(
  notebook: Notebook,
  checked: { findings: readonly Finding[]; model: NotebookModel | null },
  runs: readonly CellRun[],
  outcome: { mode: VerifyReport['mode']; stopped?: string },
  options: CompareOptions = {},
): VerifyReport {
  const { findings } = checked;
  const inputs = inputCells(checked.model);
  const cells: VerifiedCell[] = [];
  let lastFailure: number | undefined;
  for (const run of runs) {
    const saved = notebook.cells[run.index];
    if (!saved) continue;
    const { verdict, differences } = verdictOf(saved, run, options);
    const cell: VerifiedCell = {
      cellIndex: run.index,
      firstLine: firstLineOf(saved.source),
      verdict,
      run: {
        status: run.status,
        ...(run.error ? { error: run.error } : {}),
        ...(run.reason ? { reason: run.reason } : {}),
        ...(run.seconds !== undefined ? { seconds: run.seconds } : {}),
      },
      differences,
      explanations: [],
    };
    if (saved.id) cell.cellId = saved.id;
    cell.explanations = explain(cell, findings, inputs);
    if (verdict === 'fails' && cell.explanations.length === 0 && lastFailure !== undefined) {
      cell.afterFailureOf = lastFailure;
    }
    // A chain of failures points at its first link: the cell whose failure the later ones follow from.
    if (run.status === 'error' || run.status === 'timeout') lastFailure = cell.afterFailureOf ?? run.index;
    cells.push(cell);
  }
  const counts: Record<CellVerdict, number> = { reproduced: 0, differs: 0, fails: 0, 'not-run-before': 0 };
  for (const cell of cells) counts[cell.verdict]++;
  return {
    notebook: notebook.path,
    cells,
    counts,
    mode: outcome.mode,
    ...(outcome.stopped !== undefined ? { stopped: outcome.stopped } : {}),
    passed: counts.differs === 0 && counts.fails === 0,
  };
}
