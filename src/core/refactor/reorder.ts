// NH102's fixes: move a cell so that every name is defined before it is read (one cell, or every cell at once like
// nborder's reorder), as cell operations. A move is offered only when the dependency graph allows it: every read that
// gets its value from a cell today still gets it from that cell afterwards, and no two writers of a name swap.
import type { NotebookModel } from '../analysis/notebook-model';
import type { CellOperation } from '../types';

/** `from` must run before `to`: `to` reads what `from` writes (or must read before `from` overwrites it). */
export interface Constraint {
  from: number;
  to: number;
  name: string;
}

function nextWriter(writers: readonly number[], after: number, except: number): number | undefined {
  return writers.find((cell) => cell > after && cell !== except);
}

/**
 * The order the notebook's code cells must keep, from its dataflow: a cell after the cell whose value it reads; a cell
 * before the next writer of a name it reads; writers of one name in their order. `wanted`: the constraints the
 * notebook breaks today (reads of a name a later cell defines), which a reorder must satisfy.
 */
export function dependencyConstraints(model: NotebookModel): { kept: Constraint[]; wanted: Constraint[] } {
  const kept: Constraint[] = [];
  const wanted: Constraint[] = [];
  const add = (list: Constraint[], from: number, to: number, name: string) => {
    if (from !== to) list.push({ from, to, name });
  };
  const readFrom = (list: Constraint[], name: string, provider: number, reader: number) => {
    add(list, provider, reader, name);
    const next = nextWriter(model.writers.get(name) ?? [], provider, reader);
    if (next !== undefined && next > reader) add(kept, reader, next, name);
  };
  for (const read of model.reads) {
    if (read.status === 'defined' && read.provider)
      readFrom(kept, read.name, read.provider.cellIndex, read.site.cellIndex);
    if (read.status === 'used-before-defined' && read.laterDefinition)
      readFrom(wanted, read.name, read.laterDefinition.cellIndex, read.site.cellIndex);
  }
  for (const read of model.callReads) readFrom(kept, read.name, read.provider.cellIndex, read.call.cellIndex);
  for (const read of model.callTimeReads)
    readFrom(wanted, read.name, read.laterDefinition.cellIndex, read.call.cellIndex);
  for (const [name, writers] of model.writers)
    for (let k = 1; k < writers.length; k++) add(kept, writers[k - 1]!, writers[k]!, name);
  return { kept, wanted };
}

function broken(order: readonly number[], constraints: readonly Constraint[]): Constraint | undefined {
  const position = new Map(order.map((cell, index) => [cell, index]));
  return constraints.find((c) => position.get(c.from)! > position.get(c.to)!);
}

/** Pairs of cells whose saved execution counts run the other way round in `order` (how far it is from history). */
function historyInversions(model: NotebookModel, order: readonly number[]): number {
  const counts = order.map((cell) => model.notebook.cells[cell]?.executionCount ?? null);
  let inversions = 0;
  for (let i = 0; i < counts.length; i++)
    for (let j = i + 1; j < counts.length; j++)
      if (counts[i] !== null && counts[j] !== null && counts[i]! > counts[j]!) inversions++;
  return inversions;
}

function codeOrder(model: NotebookModel): number[] {
  return model.codeCells.map((code) => code.cell.index);
}

/** The notebook's code cells in order with `cell` taken out and put before `before` (a cell index, or the end). */
function moved(order: readonly number[], cell: number, before: number | null): number[] {
  const rest = order.filter((index) => index !== cell);
  const at = before === null ? rest.length : rest.indexOf(before);
  return [...rest.slice(0, at), cell, ...rest.slice(at)];
}

export interface MovePlan {
  title: string;
  ops: CellOperation[];
}

export type Planned = { plan: MovePlan } | { refusal: string };

function describe(c: Constraint): string {
  return `cell ${c.to + 1} reads '${c.name}' from cell ${c.from + 1}`;
}

/**
 * The move that fixes a read in `reader` of what `definer` (a later cell) defines: `definer` above `reader`, or
 * `reader` below `definer`, whichever the dependencies allow; when both do, the one closer to the saved execution
 * order. A refusal says which read a move would break.
 */
export function planMove(model: NotebookModel, reader: number, definer: number): Planned {
  const { kept } = dependencyConstraints(model);
  const order = codeOrder(model);
  const cellCount = model.notebook.cells.length;
  const afterDefiner = order[order.indexOf(definer) + 1];
  const candidates = [
    {
      order: moved(order, definer, reader),
      plan: {
        title: `Move cell ${definer + 1} above cell ${reader + 1}`,
        ops: [{ op: 'move', cellIndex: definer, before: reader }] as CellOperation[],
      },
    },
    {
      order: moved(order, reader, afterDefiner ?? null),
      plan: {
        title: `Move cell ${reader + 1} below cell ${definer + 1}`,
        ops: [
          { op: 'move', cellIndex: reader, before: definer + 1 <= cellCount ? definer + 1 : cellCount },
        ] as CellOperation[],
      },
    },
  ];
  const allowed = candidates.filter((candidate) => !broken(candidate.order, kept));
  if (allowed.length === 0) {
    const reason = broken(candidates[0]!.order, kept)!;
    return {
      refusal: `cell ${definer + 1} cannot move above cell ${reader + 1}, nor cell ${reader + 1} below it: ${describe(reason)} (a cycle)`,
    };
  }
  const best = allowed.reduce((a, b) =>
    historyInversions(model, b.order) < historyInversions(model, a.order) ? b : a,
  );
  return { plan: best.plan };
}

/**
 * Every code cell after the cells it reads from (a stable topological order: cells keep their places unless a read
 * needs them moved), as moves. A refusal names a cycle.
 */
export function planReorder(model: NotebookModel): Planned {
  const { kept, wanted } = dependencyConstraints(model);
  const order = codeOrder(model);
  const constraints = [...kept, ...wanted];
  const incoming = new Map(order.map((cell) => [cell, 0]));
  const outgoing = new Map<number, number[]>(order.map((cell) => [cell, []]));
  for (const c of constraints) {
    if (!incoming.has(c.from) || !incoming.has(c.to)) continue;
    incoming.set(c.to, incoming.get(c.to)! + 1);
    outgoing.get(c.from)!.push(c.to);
  }
  const result: number[] = [];
  const ready = order.filter((cell) => incoming.get(cell) === 0);
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const cell = ready.shift()!;
    result.push(cell);
    for (const next of outgoing.get(cell)!) {
      incoming.set(next, incoming.get(next)! - 1);
      if (incoming.get(next) === 0) ready.push(next);
    }
  }
  if (result.length < order.length) {
    const stuck = new Set(order.filter((cell) => !result.includes(cell)));
    const cycle = constraints.filter((c) => stuck.has(c.from) && stuck.has(c.to));
    return {
      refusal: `no order defines every name before it is read: ${cycle
        .slice(0, 3)
        .map(describe)
        .join(', ')}${cycle.length > 3 ? ', ...' : ''} (a cycle)`,
    };
  }
  const ops = movesFor(order, result, model.notebook.cells.length);
  if (ops.length === 0) return { refusal: 'the cells are already in an order that defines every name first' };
  return {
    plan: {
      title: `Reorder the cells so every name is defined before it is read (${ops.length} move${ops.length === 1 ? '' : 's'})`,
      ops,
    },
  };
}

/** The fewest moves from `before` to `after`: the longest run of cells already in order stays, the others move. */
function movesFor(before: readonly number[], after: readonly number[], cellCount: number): CellOperation[] {
  const stays = longestIncreasing(after);
  const ops: CellOperation[] = [];
  for (let k = 0; k < after.length; k++) {
    const cell = after[k]!;
    if (stays.has(cell)) continue;
    const anchor = after.slice(k + 1).find((next) => stays.has(next));
    const previous = [...after.slice(0, k)].reverse().find((prior) => stays.has(prior));
    const place = anchor ?? (previous !== undefined ? previous + 1 : (before[0] ?? cellCount));
    ops.push({ op: 'move', cellIndex: cell, before: Math.min(place, cellCount) });
  }
  return ops;
}

function longestIncreasing(sequence: readonly number[]): Set<number> {
  const tails: number[] = [];
  const tailAt: number[] = [];
  const parent: number[] = [];
  sequence.forEach((value, index) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = value;
    tailAt[lo] = index;
    parent[index] = lo > 0 ? tailAt[lo - 1]! : -1;
  });
  const out = new Set<number>();
  for (let index = tailAt[tails.length - 1] ?? -1; index >= 0; index = parent[index]!) out.add(sequence[index]!);
  return out;
}
