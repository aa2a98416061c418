// What a plan's cell operations make of a notebook's cells, as one list: the CLI writes it into the .ipynb text and the
// editor into one NotebookEdit, so both read the operations the same way.
import type { CellOperation, EditPlan, NewCell } from '../types';

/** A cell of the result that was a cell of the notebook, with what changes in it besides its text. */
export interface KeptCell {
  origin: number;
  clearOutputs: boolean;
  clearExecutionCount: boolean;
  /** Jupyter metadata keys to set (null: remove), in the order the plan sets them. */
  metadata: Map<string, unknown>;
}

export type ResultCell = KeptCell | { created: NewCell };

export function isKept(cell: ResultCell): cell is KeptCell {
  return 'origin' in cell;
}

export class CellOperationError extends Error {}

function checkIndex(index: number, count: number, what: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= count)
    throw new CellOperationError(`${what}: no cell ${index + 1} in a notebook of ${count} cells`);
}

function checkBefore(before: number, count: number): void {
  if (!Number.isInteger(before) || before < 0 || before > count)
    throw new CellOperationError(`no place before cell ${before + 1} in a notebook of ${count} cells`);
}

/**
 * The cells after the operations, in order. Throws CellOperationError on an index outside the notebook or a cell that
 * two operations remove (moved twice, deleted and moved, ...).
 */
export function resultCells(count: number, ops: readonly CellOperation[]): ResultCell[] {
  const kept: (KeptCell | null)[] = Array.from({ length: count }, (_, origin) => ({
    origin,
    clearOutputs: false,
    clearExecutionCount: false,
    metadata: new Map<string, unknown>(),
  }));
  const placedBefore: ResultCell[][] = Array.from({ length: count + 1 }, () => []);
  const taken = new Set<number>();
  const take = (index: number, what: string): KeptCell => {
    checkIndex(index, count, what);
    if (taken.has(index)) throw new CellOperationError(`cell ${index + 1} is moved, deleted or replaced twice`);
    taken.add(index);
    const cell = kept[index]!;
    kept[index] = null;
    return cell;
  };
  const changed = (index: number, what: string): KeptCell => {
    checkIndex(index, count, what);
    const cell = kept[index] ?? findPlaced(placedBefore, index);
    if (!cell) throw new CellOperationError(`${what}: cell ${index + 1} is deleted by the same plan`);
    return cell;
  };
  for (const op of ops) {
    switch (op.op) {
      case 'insert':
        checkBefore(op.before, count);
        placedBefore[op.before]!.push({ created: op.cell });
        break;
      case 'move':
        checkBefore(op.before, count);
        placedBefore[op.before]!.push(take(op.cellIndex, 'move'));
        break;
      case 'delete':
        take(op.cellIndex, 'delete');
        break;
      case 'replace': {
        take(op.cellIndex, 'replace');
        placedBefore[op.cellIndex + 1]!.unshift({ created: op.cell });
        break;
      }
      case 'clearOutputs': {
        const cell = changed(op.cellIndex, 'clear outputs');
        cell.clearOutputs = true;
        cell.clearExecutionCount = true;
        break;
      }
      case 'clearExecutionCount':
        changed(op.cellIndex, 'clear the execution count').clearExecutionCount = true;
        break;
      case 'setMetadata':
        changed(op.cellIndex, 'set metadata').metadata.set(op.key, op.value);
        break;
    }
  }
  const out: ResultCell[] = [];
  for (let index = 0; index <= count; index++) {
    out.push(...placedBefore[index]!);
    const cell = kept[index];
    if (cell) out.push(cell);
  }
  return out;
}

function findPlaced(placedBefore: ResultCell[][], origin: number): KeptCell | null {
  for (const group of placedBefore) for (const cell of group) if (isKept(cell) && cell.origin === origin) return cell;
  return null;
}

/**
 * True when the cell is the notebook's cell `index`, in place and unchanged apart from its text (and its metadata, when
 * the caller writes metadata of cells in place on its own).
 */
export function isUntouched(cell: ResultCell, index: number, metadataApart = false): boolean {
  return (
    isKept(cell) &&
    cell.origin === index &&
    !cell.clearOutputs &&
    !cell.clearExecutionCount &&
    (metadataApart || cell.metadata.size === 0)
  );
}

/**
 * The smallest run of the notebook's cells [start, end) whose replacement by result[start, resultEnd) gives the
 * result: the cells outside it are the notebook's own, in place and unchanged apart from their text (and metadata, with
 * `metadataApart`). Null when the operations change nothing else.
 */
export function changedSpan(
  count: number,
  result: readonly ResultCell[],
  metadataApart = false,
): { start: number; end: number; resultEnd: number } | null {
  let start = 0;
  while (start < count && start < result.length && isUntouched(result[start]!, start, metadataApart)) start++;
  let tail = 0;
  while (
    tail < count - start &&
    tail < result.length - start &&
    isUntouched(result[result.length - 1 - tail]!, count - 1 - tail, metadataApart)
  )
    tail++;
  if (start === count && result.length === count) return null;
  return { start, end: count - tail, resultEnd: result.length - tail };
}

/** The cells a plan's operations touch (for merging plans: two plans that touch one cell do not go together). */
export function cellsTouched(ops: readonly CellOperation[]): Set<number> {
  const cells = new Set<number>();
  for (const op of ops) if (op.op !== 'insert') cells.add(op.cellIndex);
  return cells;
}

/** The cells a plan's operations delete or replace: a text edit of another plan there would be lost. */
export function cellsRemoved(ops: readonly CellOperation[]): Set<number> {
  const cells = new Set<number>();
  for (const op of ops) if (op.op === 'delete' || op.op === 'replace') cells.add(op.cellIndex);
  return cells;
}

function isStructural(ops: readonly CellOperation[]): boolean {
  return ops.some((op) => op.op === 'insert' || op.op === 'move' || op.op === 'delete' || op.op === 'replace');
}

/**
 * Which plans' cell operations can go together in one edit ("fix all", `nbhygiene fix`): no two touch one cell, no
 * text edit goes into a cell another deletes or replaces, and one plan at most moves, inserts or deletes cells (two
 * moves, each right alone, can be wrong together).
 */
export class CellOperationsTaken {
  private readonly touched = new Set<number>();
  private readonly removed = new Set<number>();
  private readonly edited = new Set<number>();
  private structural = false;

  clashes(plan: Pick<EditPlan, 'cellEdits' | 'cellOps'>): boolean {
    const ops = plan.cellOps ?? [];
    return (
      [...cellsTouched(ops)].some((cell) => this.touched.has(cell)) ||
      [...cellsRemoved(ops)].some((cell) => this.edited.has(cell)) ||
      plan.cellEdits.some((edit) => this.removed.has(edit.cellIndex)) ||
      (this.structural && isStructural(ops))
    );
  }

  take(plan: Pick<EditPlan, 'cellEdits' | 'cellOps'>): void {
    const ops = plan.cellOps ?? [];
    for (const cell of cellsTouched(ops)) this.touched.add(cell);
    for (const cell of cellsRemoved(ops)) this.removed.add(cell);
    for (const edit of plan.cellEdits) this.edited.add(edit.cellIndex);
    this.structural ||= isStructural(ops);
  }
}
