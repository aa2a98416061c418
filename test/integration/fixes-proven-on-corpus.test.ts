// Every fix and every extraction the engine offers on the corpus notebooks that run offline here
// (test/corpus/runnable.json, found by scripts/find-runnable-corpus.ts), proven by running the notebook before and
// after in a real Python (test/helpers/run-before-after.ts). Each notebook is checked as a user who turned every rule
// on would check it (`select = ["NH"]` in a pyproject.toml beside it), then:
//   - each fix alone (every fix of every finding, not only the preferred one), applied as the editor applies it;
//   - `nbhygiene fix` (the safe fixes together), then `nbhygiene fix --unsafe`, run as the CLI runs;
//   - `nbhygiene extract NOTEBOOK --cells N` for every code cell the engine accepts, with pytest on the generated tests.
// Each edit must keep every output of every cell that ran cleanly before. Two stated exceptions:
//   - a cell whose outputs differ between two runs of the unedited notebook (unseeded draws, %timeit) cannot judge an
//     edit: it must still run without error, and the test names it;
//   - a fix that seeds randomness (NH401) changes the draws on purpose: it must keep every cell running and make the
//     notebook reproduce itself (two runs after the fix show the same outputs).
// All problems of a notebook are collected and reported together, each naming the edit, the cell and what changed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkWorkspace } from '../../src/cli/commands/report';
import type { CliIO } from '../../src/cli/run';
import { applyPlanToNotebookText, applyFileEdits } from '../../src/core/refactor/apply-plan';
import type { Finding, Fix } from '../../src/core/types';
import { runOutputs } from '../../src/core/verify/cell-outputs';
import { compareOutputs } from '../../src/core/verify/compare-outputs';
import type { NotebookRun } from '../../src/run/run-notebook';
import { runCliCapturing } from '../helpers/cli-fixtures';
import { CORPUS_NOTEBOOKS } from '../helpers/corpus';
import { assertSameOutputs, codeCells, pairCells, runCells, TEST_PYTHON } from '../helpers/run-before-after';

interface Runnable {
  /** Relative to the corpus's notebooks folder. */
  notebook: string;
  /** How many code cells to keep: all of them, or the clean prefix before the first cell that cannot run here. */
  codeCells: number | 'all';
  why: string;
}

interface KnownDefect {
  notebook: string;
  /** The edit's label as this test names it. */
  edit: string;
  defect: string;
}

const { notebooks: RUNNABLE, knownDefects: KNOWN_DEFECTS } = JSON.parse(
  readFileSync('test/corpus/runnable.json', 'utf8'),
) as { notebooks: Runnable[]; knownDefects: KnownDefect[] };

const SELECT_ALL = '[tool.nbhygiene]\nselect = ["NH"]\n';

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

type JsonCell = { cell_type: string };
type JsonNotebook = { cells?: JsonCell[]; worksheets?: { cells?: JsonCell[] }[] };

/** The notebook with every cell after its `keep`-th code cell dropped (the clean prefix a runnable entry names). */
export function notebookPrefix(text: string, keep: number | 'all'): string {
  if (keep === 'all') return text;
  const notebook = JSON.parse(text) as JsonNotebook;
  const cut = (cells: JsonCell[]): JsonCell[] => {
    let seen = 0;
    const end = cells.findIndex((cell) => cell.cell_type === 'code' && ++seen > keep);
    return end < 0 ? cells : cells.slice(0, end);
  };
  if (notebook.cells) notebook.cells = cut(notebook.cells);
  else if (notebook.worksheets?.[0]?.cells)
    notebook.worksheets = [{ ...notebook.worksheets[0], cells: cut(notebook.worksheets[0].cells) }];
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** A fresh copy of the notebook's source repository folder, the notebook (prefix) in it and every rule selected. */
function freshProject(repoFolder: string, name: string, text: string): string {
  const root = mkdtempSync(join(tmpdir(), 'nbhygiene-proof-'));
  made.push(root);
  cpSync(repoFolder, root, { recursive: true });
  writeFileSync(join(root, name), text);
  writeFileSync(join(root, 'pyproject.toml'), SELECT_ALL);
  return root;
}

function quietIO(cwd: string): CliIO {
  return { cwd, env: {}, stdoutIsTTY: false, stderrIsTTY: false, writeStdout: () => {}, writeStderr: () => {} };
}

/** One fix's plan applied as the editor applies it, in a fresh copy of the project (its files moved there). */
function applyAlone(fix: Fix, checkedRoot: string, fresh: string, name: string): string {
  const moved = (path: string) => join(fresh, relative(checkedRoot, path));
  const notebookPath = join(fresh, name);
  const original = readFileSync(notebookPath, 'utf8');
  // The whole plan, cell operations too (an inserted seed cell, a moved cell), as the CLI and the editor apply it.
  const text = applyPlanToNotebookText(original, fix.plan);
  assert.ok(text !== original || fix.plan.fileEdits.length > 0, `${fix.title}: the fix changes nothing`);
  const fileEdits = fix.plan.fileEdits.map((edit) => ({ ...edit, path: moved(edit.path) }));
  const snapshot = new Map<string, string>();
  for (const edit of fileEdits) if (existsSync(edit.path)) snapshot.set(edit.path, readFileSync(edit.path, 'utf8'));
  const { files, conflicts } = applyFileEdits(snapshot, fileEdits);
  assert.deepEqual(conflicts, [], `${fix.title}: file edits conflict`);
  for (const [path, content] of files) writeFileSync(path, content);
  writeFileSync(notebookPath, text);
  return text;
}

interface Edit {
  label: string;
  afterText: string;
  afterCwd: string;
  /** It seeds randomness on purpose: proven by reproducibility instead of equal draws. */
  seeds: boolean;
  /** Generated tests to run with pytest in afterCwd. */
  tests?: string;
}

function describeStatus(run: NotebookRun, index: number): string {
  const cell = run.cells.find((candidate) => candidate.index === index);
  if (!cell) return 'missing';
  return cell.status === 'ok'
    ? 'ok'
    : `${cell.status} (${cell.error ? `${cell.error.ename}: ${cell.error.evalue}` : cell.reason})`;
}

/**
 * A seeding fix: every cell that ran before still runs, and the edited notebook reproduces its own outputs, except the
 * cells that did not reproduce before for another reason than the draws this fix seeds (`%timeit` figures).
 */
async function proveSeeded(
  beforeText: string,
  before: NotebookRun,
  unstable: ReadonlySet<number>,
  edit: Edit,
  seeded: ReadonlySet<number>,
): Promise<void> {
  const pairs = pairCells(codeCells(beforeText), codeCells(edit.afterText));
  const stillUnstable = new Set(
    [...unstable].filter((index) => !seeded.has(index)).flatMap((index) => pairs.get(index) ?? []),
  );
  const { before: first } = await assertSameOutputs(edit.afterText, edit.afterText, {
    cwd: edit.afterCwd,
    unstable: stillUnstable,
  });
  const broken = before.cells
    .filter((cell) => cell.status === 'ok')
    .flatMap((cell) => {
      const partner = pairs.get(cell.index);
      return partner !== undefined && describeStatus(first, partner) === 'ok'
        ? []
        : [
            `cell ${cell.index + 1}: ran before, now ${partner === undefined ? 'gone' : describeStatus(first, partner)}`,
          ];
    });
  assert.deepEqual(broken, [], 'cells that ran before the seeding fix fail after it');
}

/** Cells that ran cleanly both times but showed different outputs: the notebook itself does not reproduce them. */
function unstableCells(first: NotebookRun, second: NotebookRun): Set<number> {
  const unstable = new Set<number>();
  for (const cell of first.cells) {
    const again = second.cells.find((candidate) => candidate.index === cell.index);
    if (cell.status !== 'ok' || again?.status !== 'ok') continue;
    if (compareOutputs(runOutputs(cell), runOutputs(again)).length > 0) unstable.add(cell.index);
  }
  return unstable;
}

function runPytest(cwd: string, tests: string): string | null {
  const result = spawnSync(TEST_PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', tests], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return result.status === 0
    ? null
    : `pytest ${tests} exited ${result.status}:\n${(result.stdout + result.stderr).slice(-1500)}`;
}

/** Every edit the engine and the CLI offer on this notebook. */
async function editsOf(
  repoFolder: string,
  name: string,
  text: string,
  skipped: string[],
  seeded: Set<number>,
): Promise<Edit[]> {
  const edits: Edit[] = [];
  const checkedRoot = freshProject(repoFolder, name, text);
  const { checked } = await checkWorkspace([join(checkedRoot, name)], quietIO(checkedRoot));
  const findings: Finding[] = checked[0]?.result.findings ?? [];
  for (const finding of findings)
    if (finding.code === 'NH401' && finding.cellIndex !== null) seeded.add(finding.cellIndex);
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      const label = `cell ${finding.cellIndex === null ? '-' : finding.cellIndex + 1} ${finding.code} fix "${fix.title}"`;
      if (fix.ask) {
        skipped.push(`${label}: asks the user for a value (${fix.ask.prompt}); the CLI never applies it`);
        continue;
      }
      const fresh = freshProject(repoFolder, name, text);
      edits.push({
        label,
        afterText: applyAlone(fix, checkedRoot, fresh, name),
        afterCwd: fresh,
        seeds: finding.code === 'NH401',
      });
    }
  }
  for (const flags of [[], ['--unsafe']]) {
    const fresh = freshProject(repoFolder, name, text);
    const { code, stderr } = await runCliCapturing(['fix', name, ...flags], fresh);
    const label = `nbhygiene fix ${flags.join(' ')}`.trim();
    const afterText = readFileSync(join(fresh, name), 'utf8');
    if (code === 2) skipped.push(`${label}: exit 2: ${stderr.trim()}`);
    // A fix may write only a file beside the notebook (requirements.txt): the run still proves the notebook is intact.
    if (afterText !== text || /Applied [1-9]/.test(stderr))
      edits.push({ label, afterText, afterCwd: fresh, seeds: /: NH401 /.test(stderr) });
  }
  for (const cell of codeCells(text)) {
    const fresh = freshProject(repoFolder, name, text);
    const { code, stderr } = await runCliCapturing(['extract', name, '--cells', String(cell.index + 1)], fresh);
    if (code !== 0) continue; // refused, with a reason: nothing to prove
    const tests = /; tests: (.+)$/m.exec(stderr)?.[1];
    edits.push({
      label: `nbhygiene extract --cells ${cell.index + 1}`,
      afterText: readFileSync(join(fresh, name), 'utf8'),
      afterCwd: fresh,
      seeds: false,
      ...(tests !== undefined ? { tests } : {}),
    });
  }
  return edits;
}

describe('every fix and extraction, proven by running the corpus notebooks that run offline', () => {
  for (const entry of RUNNABLE) {
    it(`${entry.notebook}: same outputs after each fix, fix, fix --unsafe and every extraction`, async (t) => {
      const file = join(CORPUS_NOTEBOOKS, entry.notebook);
      const repoFolder = dirname(file);
      const name = basename(file);
      const text = notebookPrefix(readFileSync(file, 'utf8'), entry.codeCells);
      const before = await runCells(text, { cwd: repoFolder, timeoutPerCellS: 60 });
      const unstable = unstableCells(before, await runCells(text, { cwd: repoFolder, timeoutPerCellS: 60 }));
      if (unstable.size > 0)
        t.diagnostic(
          `differ between two runs of the unedited notebook: cells ${[...unstable].map((k) => k + 1).join(', ')}`,
        );
      const skipped: string[] = [];
      const seeded = new Set<number>();
      const edits = await editsOf(repoFolder, name, text, skipped, seeded);
      const problems: string[] = [];
      const known = KNOWN_DEFECTS.filter((defect) => defect.notebook === entry.notebook);
      for (const defect of known)
        assert.ok(
          edits.some((edit) => edit.label === defect.edit),
          `known defect "${defect.edit}" is no longer offered on ${entry.notebook}: remove it from runnable.json`,
        );
      for (const edit of edits) {
        const expected = known.find((defect) => defect.edit === edit.label);
        const problemsBefore = problems.length;
        try {
          if (edit.seeds) await proveSeeded(text, before, unstable, edit, seeded);
          else
            await assertSameOutputs(text, edit.afterText, {
              beforeRun: before,
              unstable,
              cwd: repoFolder,
              afterCwd: edit.afterCwd,
            });
          if (edit.tests) {
            const failed = runPytest(edit.afterCwd, edit.tests);
            if (failed) problems.push(`${edit.label}: ${failed}`);
          }
        } catch (error) {
          problems.push(`${edit.label}: ${(error as Error).message}`);
        }
        if (expected) {
          // Strict: the defect must still show, so fixing it makes this fail until the entry is removed.
          if (problems.length === problemsBefore)
            problems.push(
              `${edit.label}: known defect no longer shows (${expected.defect}): remove it from runnable.json`,
            );
          else
            t.diagnostic(
              `known defect, still failing: ${edit.label}: ${problems.splice(problemsBefore).join(' | ').slice(0, 300)}`,
            );
        }
      }
      t.diagnostic(`${edits.length} edits: ${edits.map((edit) => edit.label).join('; ')}`);
      for (const line of skipped) t.diagnostic(`not applied: ${line}`);
      assert.deepEqual(problems, [], `${entry.notebook}:\n${problems.join('\n\n')}`);
    });
  }
});
