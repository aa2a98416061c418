// Cross-cell dataflow: where every name a cell reads comes from, in notebook order (what Restart & Run All does)
// and by the saved execution counts (what actually happened in the kernel).
import type { Notebook } from '../notebook/notebook';
import { kernelFacts, predefinedNames } from '../python/builtins';
import type { Range } from '../types';
import type { Callable, CellEvent } from './facts';
import type {
  CallRead,
  CallTimeRead,
  CodeCell,
  NotebookModel,
  ResolvedRead,
  Site,
  UndefinedBodyRead,
} from './notebook-model';

interface Definition {
  site: Site;
  callable?: Callable;
}

/** Every place a name gets bound, in notebook order: the answer to "does a later cell define it?". */
function collectBindSites(codeCells: CodeCell[]): Map<string, Site[]> {
  const sites = new Map<string, Site[]>();
  const add = (name: string, site: Site) => {
    const list = sites.get(name);
    if (list) list.push(site);
    else sites.set(name, [site]);
  };
  for (const { cell, analysis } of codeCells) {
    for (const event of analysis.facts.events) {
      if (event.kind !== 'bind') continue;
      add(event.name, { cellIndex: cell.index, range: event.range });
      for (const bound of event.callable?.globalBinds ?? [])
        add(bound.name, { cellIndex: cell.index, range: bound.range });
    }
  }
  return sites;
}

function isAfter(site: Site, cellIndex: number, range: Range): boolean {
  if (site.cellIndex !== cellIndex) return site.cellIndex > cellIndex;
  const a = site.range.start;
  const b = range.start;
  return a.line > b.line || (a.line === b.line && a.character > b.character);
}

function collectWriters(codeCells: CodeCell[]): Map<string, number[]> {
  const writers = new Map<string, number[]>();
  for (const { cell, analysis } of codeCells) {
    for (const event of analysis.facts.events) {
      if (event.kind !== 'bind' && event.kind !== 'update') continue;
      const list = writers.get(event.name) ?? [];
      if (list[list.length - 1] !== cell.index) list.push(cell.index);
      writers.set(event.name, list);
    }
  }
  return writers;
}

function withGlobalWriters(writers: Map<string, number[]>, globalWriters: [string, number][]): Map<string, number[]> {
  for (const [name, cellIndex] of globalWriters) {
    const list = writers.get(name) ?? [];
    if (!list.includes(cellIndex))
      writers.set(
        name,
        [...list, cellIndex].sort((a, b) => a - b),
      );
  }
  return writers;
}

/** Replays the cells top to bottom, as Restart & Run All would. */
class NotebookOrderReplay {
  private readonly definitions = new Map<string, Definition>();
  private readonly lastWriters = new Map<string, Site>();
  private readonly deletedIn = new Map<string, number>();
  /** Classes whose methods were already counted as called (at their first use). */
  private readonly usedClasses = new Set<string>();
  private starSeen = false;
  readonly reads: ResolvedRead[] = [];
  readonly callTimeReads: CallTimeRead[] = [];
  readonly callReads: CallRead[] = [];
  /** Cells that bind a name through a function's `global` when they call it (`setup('wordle')` sets reply_for). */
  readonly globalWriters: [name: string, cellIndex: number][] = [];

  constructor(
    private readonly bindSites: Map<string, Site[]>,
    private readonly isPredefined: (name: string) => boolean,
  ) {}

  replay(codeCells: CodeCell[]): void {
    for (const { cell, analysis } of codeCells) {
      for (const event of analysis.facts.events) this.apply(event, cell.index);
    }
  }

  private apply(event: CellEvent, cellIndex: number): void {
    const site = { cellIndex, range: event.range };
    switch (event.kind) {
      case 'read':
        this.read(event.name, site);
        return;
      case 'bind':
        this.definitions.set(event.name, event.callable ? { site, callable: event.callable } : { site });
        this.lastWriters.set(event.name, site);
        this.deletedIn.delete(event.name);
        this.usedClasses.delete(event.name);
        return;
      case 'update':
        if (this.definitions.has(event.name)) this.lastWriters.set(event.name, site);
        return;
      case 'delete':
        this.definitions.delete(event.name);
        this.lastWriters.delete(event.name);
        this.deletedIn.set(event.name, cellIndex);
        return;
      case 'star':
        this.starSeen = true;
        return;
    }
  }

  private laterDefinition(name: string, site: Site): Site | undefined {
    return this.bindSites.get(name)?.find((bind) => isAfter(bind, site.cellIndex, site.range));
  }

  private read(name: string, site: Site): void {
    const definition = this.definitions.get(name);
    if (definition) {
      this.reads.push({ name, site, status: 'defined', provider: this.lastWriters.get(name) ?? definition.site });
      if (definition.callable) this.use(name, definition, site);
      return;
    }
    if (this.isPredefined(name)) {
      this.reads.push({ name, site, status: 'predefined' });
    } else if (this.starSeen) {
      this.reads.push({ name, site, status: 'maybe' });
    } else {
      const later = this.laterDefinition(name, site);
      const deletedIn = this.deletedIn.get(name);
      if (later) this.reads.push({ name, site, status: 'used-before-defined', laterDefinition: later });
      else this.reads.push({ name, site, status: 'undefined', ...(deletedIn !== undefined ? { deletedIn } : {}) });
    }
  }

  /** A function, lambda or class used at top level: its body's reads happen here, and its `global`s get bound. */
  private use(callee: string, definition: Definition, call: Site): void {
    if (definition.callable?.kind === 'class') {
      if (this.usedClasses.has(callee)) return;
      this.usedClasses.add(callee);
    }
    const visited = new Set<Callable>();
    const expand = (name: string, { site: defSite, callable }: Definition) => {
      if (!callable || visited.has(callable)) return;
      visited.add(callable);
      for (const bodyRead of callable.reads) {
        const inner = this.definitions.get(bodyRead.name);
        if (inner) {
          const provider = this.lastWriters.get(bodyRead.name) ?? inner.site;
          this.callReads.push({ name: bodyRead.name, call, callee: name, provider });
          expand(bodyRead.name, inner);
          continue;
        }
        if (this.isPredefined(bodyRead.name) || this.starSeen) continue;
        const later = this.laterDefinition(bodyRead.name, call);
        if (later) {
          const bodySite = { cellIndex: defSite.cellIndex, range: bodyRead.range };
          this.callTimeReads.push({
            name: bodyRead.name,
            call,
            callee: name,
            bodyRead: bodySite,
            laterDefinition: later,
          });
        }
      }
      for (const bound of callable.globalBinds) {
        const boundSite = { cellIndex: defSite.cellIndex, range: bound.range };
        this.definitions.set(bound.name, { site: boundSite });
        this.lastWriters.set(bound.name, call);
        this.globalWriters.push([bound.name, call.cellIndex]);
      }
    };
    expand(callee, definition);
  }
}

/** Body reads that no cell, no builtin and no star import can ever provide: NH103 whether or not the function runs. */
function findUndefinedBodyReads(
  codeCells: CodeCell[],
  bindSites: Map<string, Site[]>,
  isPredefined: (name: string) => boolean,
): UndefinedBodyRead[] {
  const anyStar = codeCells.some(({ analysis }) => analysis.facts.events.some((event) => event.kind === 'star'));
  if (anyStar) return [];
  const found: UndefinedBodyRead[] = [];
  for (const { cell, analysis } of codeCells) {
    for (const event of analysis.facts.events) {
      if (event.kind !== 'bind' || !event.callable) continue;
      for (const read of event.callable.reads) {
        if (isPredefined(read.name) || bindSites.has(read.name)) continue;
        found.push({ name: read.name, site: { cellIndex: cell.index, range: read.range }, callee: event.name });
      }
    }
  }
  return found;
}

/** `projectBuiltins`: names the project's config says exist before any cell runs (`builtins = [...]`). */
export function buildNotebookModel(
  notebook: Notebook,
  codeCells: CodeCell[],
  projectBuiltins: readonly string[] = [],
): NotebookModel {
  const bindSites = collectBindSites(codeCells);
  const isPredefined = predefinedNames(kernelFacts(notebook), projectBuiltins);
  const replay = new NotebookOrderReplay(bindSites, isPredefined);
  replay.replay(codeCells);
  return {
    notebook,
    codeCells,
    reads: replay.reads,
    callTimeReads: replay.callTimeReads,
    callReads: replay.callReads,
    undefinedBodyReads: findUndefinedBodyReads(codeCells, bindSites, isPredefined),
    writers: withGlobalWriters(collectWriters(codeCells), replay.globalWriters),
  };
}

/**
 * The cell whose write the kernel had last applied when a cell with execution count `runCount` ran: the writer
 * with the highest execution count below it. null when no executed writer ran before it.
 */
export function lastWriterByExecution(model: NotebookModel, name: string, runCount: number): number | null {
  let best: number | null = null;
  let bestCount = -Infinity;
  for (const cellIndex of model.writers.get(name) ?? []) {
    const count = model.notebook.cells[cellIndex]?.executionCount;
    if (count !== null && count !== undefined && count < runCount && count > bestCount) {
      best = cellIndex;
      bestCount = count;
    }
  }
  return best;
}
