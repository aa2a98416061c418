// Several fixes applied as one edit ("fix all", "pin dependencies"): their plans merged, no two cell edits
// overlapping. A file edit replaces the file's whole text, so two fixes of the same manifest (three additions to
// requirements.txt, pins on four of its lines) are merged by the one contiguous change each makes to the text they
// both started from; a plan whose change would overlap another's is left for the next round.
import type { CellOperation, CellTextEdit, EditPlan, FileEdit, Fix, Position } from '../types';
import { CellOperationsTaken } from './cell-operations';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function overlaps(a: CellTextEdit, b: CellTextEdit): boolean {
  return a.cellIndex === b.cellIndex && !before(a.range.end, b.range.start) && !before(b.range.end, a.range.start);
}

/** The one contiguous change from `base` to `text`: offsets in base it replaces, and what goes there. */
interface Span {
  start: number;
  end: number;
  newText: string;
}

export function changedSpan(base: string, text: string): Span {
  let head = 0;
  const shortest = Math.min(base.length, text.length);
  while (head < shortest && base[head] === text[head]) head++;
  let tail = 0;
  while (tail < shortest - head && base[base.length - 1 - tail] === text[text.length - 1 - tail]) tail++;
  return { start: head, end: base.length - tail, newText: text.slice(head, text.length - tail) };
}

function clash(a: Span, b: Span): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  // An insertion at the point where a replacement starts: which goes first is not known.
  return a.start === b.start && (a.start !== a.end || b.start !== b.end);
}

/** Insertions at one point, in name order (as a sorted manifest keeps them); a line break two of them add is kept once. */
function joinInsertions(texts: string[]): string {
  let out = '';
  for (const text of [...texts].sort((x, y) => x.trim().toLowerCase().localeCompare(y.trim().toLowerCase()))) {
    out += out.endsWith('\n') && text.startsWith('\n') ? text.slice(1) : text;
  }
  return out;
}

function applySpans(base: string, spans: readonly Span[]): string {
  const byStart = new Map<number, Span[]>();
  for (const span of spans) byStart.set(span.start, [...(byStart.get(span.start) ?? []), span]);
  let out = base;
  for (const start of [...byStart.keys()].sort((a, b) => b - a)) {
    const group = byStart.get(start)!;
    const end = Math.max(...group.map((span) => span.end));
    out = out.slice(0, start) + joinInsertions(group.map((span) => span.newText)) + out.slice(end);
  }
  return out;
}

/** The changes made so far to one file: all made against the same text. */
interface FileChanges {
  path: string;
  base: string | null;
  spans: Span[];
  results: Set<string>;
}

/** The spans a file edit adds to what is taken; null when it cannot go with it. */
function fileSpans(taken: FileChanges | undefined, edit: FileEdit): Span[] | null {
  if (!taken) return [changedSpan(edit.expectedOldText ?? '', edit.newText)];
  if (taken.base !== edit.expectedOldText) return null;
  if (taken.results.has(edit.newText)) return []; // the same change again (one fix offered by two findings)
  const span = changedSpan(edit.expectedOldText ?? '', edit.newText);
  return taken.spans.some((other) => clash(span, other)) ? null : [span];
}

export interface MergedPlans {
  plan: EditPlan;
  merged: number;
  /** The indices of the plans merged, in order. */
  mergedIndices: number[];
}

export function mergePlans(plans: readonly EditPlan[]): MergedPlans {
  const cellEdits: CellTextEdit[] = [];
  const cellOps: CellOperation[] = [];
  const opsTaken = new CellOperationsTaken();
  const files = new Map<string, FileChanges>();
  const mergedIndices: number[] = [];
  plans.forEach((candidate, index) => {
    if (candidate.cellEdits.some((edit) => cellEdits.some((taken) => overlaps(edit, taken)))) return;
    if (opsTaken.clashes(candidate)) return;
    const added = candidate.fileEdits.map((edit) => fileSpans(files.get(edit.path), edit));
    if (added.some((spans) => spans === null)) return;
    // Two edits of one file inside the same plan never happen; if they did, the second would have to clash-check.
    cellEdits.push(...candidate.cellEdits);
    opsTaken.take(candidate);
    cellOps.push(...(candidate.cellOps ?? []));
    candidate.fileEdits.forEach((edit, k) => {
      const taken = files.get(edit.path) ?? {
        path: edit.path,
        base: edit.expectedOldText,
        spans: [],
        results: new Set(),
      };
      taken.spans.push(...added[k]!);
      taken.results.add(edit.newText);
      files.set(edit.path, taken);
    });
    mergedIndices.push(index);
  });
  const fileEdits: FileEdit[] = [...files.values()].map((changes) => ({
    path: changes.path,
    expectedOldText: changes.base,
    newText: applySpans(changes.base ?? '', changes.spans),
  }));
  const plan: EditPlan = cellOps.length > 0 ? { cellEdits, fileEdits, cellOps } : { cellEdits, fileEdits };
  return { plan, merged: mergedIndices.length, mergedIndices };
}

/** The first safe fix of each finding (a notebook-wide one first, taken once), merged; `titles` says what each merged fix does. */
export function safeFixesPlan(findings: readonly { fixes: readonly Fix[] }[]): {
  plan: EditPlan;
  count: number;
  titles: string[];
} {
  const notebookFixes = new Set<string>();
  const fixes = findings.flatMap((finding) => {
    const safe = finding.fixes.filter((candidate) => candidate.safe && !candidate.ask);
    const fix = safe.find((candidate) => candidate.scope === 'notebook') ?? safe[0];
    if (fix?.scope === 'notebook') {
      if (notebookFixes.has(fix.title)) return [];
      notebookFixes.add(fix.title);
    }
    return fix ? [fix] : [];
  });
  const { plan, mergedIndices } = mergePlans(fixes.map((fix) => fix.plan));
  return { plan, count: mergedIndices.length, titles: mergedIndices.map((index) => fixes[index]!.title) };
}
