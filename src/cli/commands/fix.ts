// `nbhygiene fix PATH... [--unsafe] [--diff] [--pin NAME=VERSION]...`: applies the fixes already attached to the
// findings (safe ones only unless --unsafe), with src/core/refactor/apply-plan.ts. Each file is written once, to a
// temporary file renamed over it, so no file is ever half-written; a file that changed since it was read is a
// conflict and stays as it is. A fix that needs a value (the version to pin when nothing installed or locked gives
// it) takes it from --pin; without one it is skipped and listed, never written with its placeholder.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { applyFileEdits, applyPlanToNotebookText } from '../../core/refactor/apply-plan';
import { CellOperationsTaken } from '../../core/refactor/cell-operations';
import {
  bringsControlCharacter,
  findingsWithPins,
  parsePin,
  versionNeeded,
  type GivenPin,
} from '../../core/refactor/fix-values';
import type { CellTextEdit, Finding, Fix, Range } from '../../core/types';
import type { CliIO } from '../run';
import type { Subcommand } from '../subcommands';
import { writeAtomically } from '../write-atomically';
import { checkWorkspace } from './report';

const USAGE = 'nbhygiene fix [PATH...] [--unsafe] [--diff] [--pin NAME=VERSION]...';

/**
 * The fix a finding gets: one that fixes every finding carrying it (reorder all cells), else the preferred safe one,
 * else any safe one; with --unsafe, unsafe ones too. A fix that needs a version counts as safe: once the version is
 * given it is a plain pin.
 */
export function chooseFix(finding: Finding, unsafe: boolean): Fix | null {
  const allowed = finding.fixes.filter((fix) => fix.safe || unsafe || versionNeeded(fix) !== null);
  return (
    allowed.find((fix) => fix.scope === 'notebook') ?? allowed.find((fix) => fix.isPreferred) ?? allowed[0] ?? null
  );
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: CellTextEdit, b: CellTextEdit): boolean {
  if (a.cellIndex !== b.cellIndex) return false;
  // Two insertions at the same point, or ranges that share more than an end point.
  const sameInsert = a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
  return sameInsert || (before(a.range.start, b.range.end) && before(b.range.start, a.range.end));
}

export interface FixSelection {
  fixes: { finding: Finding; fix: Fix }[];
  /** Fixes left for another run: they touch a place another fix already changes. */
  deferred: { finding: Finding; fix: Fix }[];
  /** Fixes skipped because they need a value nobody gave (a version to pin). */
  needValue: { finding: Finding; fix: Fix }[];
  /** Fixes refused because their plan would write a control character. */
  refused: { finding: Finding; fix: Fix }[];
}

/** Fixes that can go together: no two change the same cell text or the same file. */
export function selectFixes(findings: readonly Finding[], unsafe: boolean): FixSelection {
  const selection: FixSelection = { fixes: [], deferred: [], needValue: [], refused: [] };
  const edits: CellTextEdit[] = [];
  const files = new Set<string>();
  const cellOps = new CellOperationsTaken();
  const seen = new Set<Fix>();
  const seenNotebookFixes = new Set<string>();
  for (const finding of findings) {
    const fix = chooseFix(finding, unsafe);
    if (!fix || seen.has(fix)) continue;
    seen.add(fix);
    // Findings carry copies of a notebook-wide fix once they have crossed a worker: its title names it.
    if (fix.scope === 'notebook') {
      if (seenNotebookFixes.has(fix.title)) continue;
      seenNotebookFixes.add(fix.title);
    }
    if (fix.ask) {
      selection.needValue.push({ finding, fix });
      continue;
    }
    if (bringsControlCharacter(fix.plan)) {
      selection.refused.push({ finding, fix });
      continue;
    }
    const clash =
      fix.plan.cellEdits.some((edit) => edits.some((other) => overlaps(edit, other))) ||
      fix.plan.fileEdits.some((edit) => files.has(edit.path)) ||
      cellOps.clashes(fix.plan);
    if (clash) {
      selection.deferred.push({ finding, fix });
      continue;
    }
    edits.push(...fix.plan.cellEdits);
    for (const edit of fix.plan.fileEdits) files.add(edit.path);
    cellOps.take(fix.plan);
    selection.fixes.push({ finding, fix });
  }
  return selection;
}

/** A unified diff of two texts (context 3), for --diff. Trims the common head and tail before comparing lines. */
export function unifiedDiff(path: string, oldText: string, newText: string): string {
  if (oldText === newText) return '';
  const a = oldText.split('\n');
  const b = newText.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const ops: string[] = [];
  if (midA.length * midB.length <= 4_000_000) {
    const n = midA.length;
    const m = midB.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        ops.push(` ${midA[i++]}`);
        j++;
      } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push(`-${midA[i++]}`);
      else ops.push(`+${midB[j++]}`);
    }
  } else {
    ops.push(...midA.map((line) => `-${line}`), ...midB.map((line) => `+${line}`));
  }
  const context = 3;
  const pre = a.slice(Math.max(0, head - context), head).map((line) => ` ${line}`);
  const post = a.slice(a.length - tail, a.length - tail + context).map((line) => ` ${line}`);
  const lines = [...pre, ...ops, ...post];
  const oldStart = Math.max(0, head - context) + 1;
  const oldCount = lines.filter((line) => !line.startsWith('+')).length;
  const newCount = lines.filter((line) => !line.startsWith('-')).length;
  return `--- a/${path}\n+++ b/${path}\n@@ -${oldStart},${oldCount} +${oldStart},${newCount} @@\n${lines.join('\n')}\n`;
}

function where(path: string, finding: Finding): string {
  return finding.cellIndex === null ? path : `${path}:cell ${finding.cellIndex + 1}`;
}

export const fixCommand: Subcommand = {
  synopsis:
    'fix [PATH...] [--unsafe] [--diff] [--pin NAME=VERSION]   apply the safe fixes (--diff: show them, write nothing)',
  async run(argv, io: CliIO) {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        allowPositionals: true,
        strict: true,
        options: {
          unsafe: { type: 'boolean' },
          diff: { type: 'boolean' },
          pin: { type: 'string', multiple: true },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      io.writeStderr(`nbhygiene: ${(error as Error).message}\nUsage: ${USAGE}\n`);
      return 2;
    }
    if (parsed.values.help) {
      io.writeStdout(
        `Usage: ${USAGE}\nApplies the fixes attached to findings: safe ones, and unsafe ones too with --unsafe.\n` +
          '--pin NAME=VERSION gives the version to pin NAME to where nothing installed or locked says it.\n',
      );
      return 0;
    }
    const pins: GivenPin[] = [];
    for (const text of parsed.values.pin ?? []) {
      const pin = parsePin(text);
      if ('error' in pin) {
        io.writeStderr(`nbhygiene: --pin ${pin.error}\nUsage: ${USAGE}\n`);
        return 2;
      }
      pins.push(pin);
    }
    const unsafe = parsed.values.unsafe ?? false;
    const diffOnly = parsed.values.diff ?? false;
    const { checked, unreadable, failed } = await checkWorkspace(parsed.positionals, io);
    for (const item of unreadable) io.writeStderr(`nbhygiene: cannot read ${item.path}: ${item.message}\n`);
    let applied = 0;
    let conflicts = 0;
    let deferred = 0;
    const needValue: string[] = [];
    let problems = failed || unreadable.length > 0;
    for (const { file, path, text, result } of checked) {
      for (const finding of result.findings) {
        if (finding.fixRefusal && chooseFix(finding, unsafe) === null)
          io.writeStderr(
            `not fixed ${path}:cell ${(finding.cellIndex ?? 0) + 1}: ${finding.code}: ${finding.fixRefusal}\n`,
          );
      }
      const selection = selectFixes(findingsWithPins(result.findings, pins), unsafe);
      deferred += selection.deferred.length;
      for (const { finding, fix } of [...selection.needValue, ...selection.refused])
        needValue.push(`${where(path, finding)}: ${finding.code} ${fix.title}`);
      if (selection.refused.length > 0) problems = true;
      if (selection.fixes.length === 0) continue;
      const cellEdits = selection.fixes.flatMap(({ fix }) => fix.plan.cellEdits);
      const cellOps = selection.fixes.flatMap(({ fix }) => fix.plan.cellOps ?? []);
      const fileEdits = selection.fixes.flatMap(({ fix }) => fix.plan.fileEdits);
      // Every file the plans touch, as it is now (null: missing).
      const snapshot = new Map<string, string>();
      for (const edit of fileEdits) {
        if (existsSync(edit.path)) snapshot.set(edit.path, readFileSync(edit.path, 'utf8'));
      }
      const { files, conflicts: conflicted } = applyFileEdits(snapshot, fileEdits);
      for (const conflict of conflicted)
        io.writeStderr(`nbhygiene: conflict: ${conflict} changed since it was read; not written\n`);
      conflicts += conflicted.length;
      let newNotebook: string;
      try {
        newNotebook = applyPlanToNotebookText(text, { cellEdits, cellOps });
      } catch (error) {
        io.writeStderr(`nbhygiene: cannot apply the fixes to ${path}: ${(error as Error).message}\n`);
        problems = true;
        continue;
      }
      const writes: [string, string, string | null][] = [];
      if (newNotebook !== text) writes.push([file, newNotebook, text]);
      for (const [target, content] of files) {
        if (conflicted.includes(target) || snapshot.get(target) === content) continue;
        writes.push([target, content, snapshot.get(target) ?? null]);
      }
      for (const [target, content, old] of writes) {
        if (diffOnly) {
          io.writeStdout(unifiedDiff(target === file ? path : target, old ?? '', content));
          continue;
        }
        // The notebook must still be what was checked: someone may have saved it meanwhile.
        if (target === file && readFileSync(file, 'utf8') !== text) {
          io.writeStderr(`nbhygiene: conflict: ${path} changed while fixing; not written\n`);
          conflicts++;
          continue;
        }
        writeAtomically(target, content);
      }
      applied += selection.fixes.length;
      for (const { finding, fix } of selection.fixes)
        io.writeStderr(`${diffOnly ? 'would fix' : 'fixed'} ${where(path, finding)}: ${finding.code} ${fix.title}\n`);
    }
    for (const line of needValue) io.writeStderr(`needs a version: ${line}\n`);
    if (needValue.length > 0)
      io.writeStderr(
        `${needValue.length} fix${needValue.length === 1 ? ' needs' : 'es need'} a version: run in the editor or pass --pin NAME=VERSION\n`,
      );
    const verb = diffOnly ? 'Would apply' : 'Applied';
    io.writeStderr(
      `${verb} ${applied} fix${applied === 1 ? '' : 'es'}${conflicts > 0 ? `, ${conflicts} conflict${conflicts === 1 ? '' : 's'}` : ''}${deferred > 0 ? `, ${deferred} left for another run (they touch the same place)` : ''}.\n`,
    );
    if (problems) return 2;
    return conflicts > 0 ? 1 : 0;
  },
};
