// What the extracted code needs and gives, from the engine's facts: parameters (names read before written that
// earlier cells define), return values (names written that later cells read), imports that go to the module
// header, and every reason the extraction would change what the notebook does (then it refuses).
import type { CodeCell, NotebookModel } from '../analysis/notebook-model';
import { emptyCellShape, type CellShape, type ImportRecord } from '../analysis/cell-shape';
import type { Callable, CellEvent } from '../analysis/facts';
import { isPythonBuiltin } from '../python/builtins';
import type { Escape } from '../python/escapes';
import type { PythonParser } from '../python/parser';
import type { Range } from '../types';
import { boundOnEveryPath } from './bound-paths';
import { python2Construct } from './python2';
import type { ImportSpec } from './python-format';

export type RefusalReason =
  | 'not-code'
  | 'empty'
  | 'syntax-error'
  | 'python2'
  | 'ipython-name'
  | 'magic'
  | 'top-level-return'
  | 'global-statement'
  | 'undefined-name'
  | 'dynamic-names'
  | 'hidden-global'
  | 'late-binding'
  | 'conditional-name'
  | 'interleaved-cells'
  | 'name-exists'
  | 'invalid-name'
  | 'internal';

export class ExtractRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly suggestion?: string,
  ) {
    super(message);
  }
}

export interface NameFlow {
  mode: 'verbatim' | 'function';
  /** The extracted code cells, in notebook order. */
  cells: CodeCell[];
  params: string[];
  returns: string[];
  /** Parameters the code changes in place (`df.dropna(inplace=True)`) and does not return: said in the docstring. */
  mutated: string[];
  /** Imports for the module header: the cells' own top-level imports and earlier cells' imports the code reads. */
  headerImports: ImportSpec[];
  /** Imports of the extracted cells that later cells still read: the rewritten cell keeps them. */
  keptImports: ImportSpec[];
  /** Per cell index: statement indices moved to the header (removed from the body). */
  hoisted: Map<number, Set<number>>;
  /**
   * Function mode: per cell index, the `def`/`class` statements moved to module level, out of the function: nested
   * in it they would close over its locals (frozen values), could not be pickled, imported or tested.
   */
  lifted: Map<number, Set<number>>;
  /** Functions and classes the cells define at top level (the notebook imports them back from the module). */
  definitions: { name: string; kind: 'function' | 'class' }[];
  /** The final expression the last cell displays (function mode). */
  display: { cellIndex: number; statement: number; returned?: string } | null;
}

const label = (cellIndex: number) => `cell ${cellIndex + 1}`;

/** IPython's own names that a module can import from IPython; the others (get_ipython, In, Out...) are refused. */
const IPYTHON_IMPORTS: ReadonlyMap<string, ImportSpec> = new Map([
  ['display', { module: 'IPython.display', level: 0, name: 'display', alias: null }],
]);

const DEFINITION_TYPES = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/**
 * Names IPython expands into a shell command or line magic from the user's namespace: `!echo {greeting}`,
 * `!ls $path`, `%run script.py {arg}`. They are reads of the notebook's variables like any other.
 */
export function escapeReads(escape: Escape): string[] {
  if (escape.kind !== 'shell' && escape.kind !== 'line-magic') return [];
  const text = `${escape.name} ${escape.args}`.replace(/\{\{|\}\}|\$\$/g, '');
  const names = new Set<string>();
  for (const match of text.matchAll(/\{([^{}]+)\}/g))
    for (const name of match[1]!.matchAll(/(?<![.\w'"])[A-Za-z_]\w*/g)) names.add(name[0]);
  for (const match of text.matchAll(/\$([A-Za-z_]\w*)/g)) names.add(match[1]!);
  return [...names];
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function shapeOf(codeCell: CodeCell): CellShape {
  return codeCell.analysis.facts.shape ?? emptyCellShape();
}

function toSpec(record: ImportRecord): ImportSpec {
  return { module: record.module, level: record.level, name: record.name, alias: record.alias };
}

/** The import record whose statement holds `range` (a bind site), or null. */
function importAt(codeCell: CodeCell, name: string, range: Range): { record: ImportRecord; statement: number } | null {
  const shape = shapeOf(codeCell);
  for (const record of shape.imports) {
    if (record.bound !== name) continue;
    if (contains(shape.statements[record.statement]!.range, range)) return { record, statement: record.statement };
  }
  return null;
}

const VERBATIM_TYPES = new Set([
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'function_definition',
  'class_definition',
  'decorated_definition',
]);

function checkCell(codeCell: CodeCell): void {
  const { cell, analysis } = codeCell;
  const where = label(cell.index);
  const [error] = analysis.facts.syntaxErrors;
  if (error) throw new ExtractRefusal('syntax-error', `${where} is not valid Python (${error.message}); fix it first`);
  const magics = analysis.scanned.escapes.map((escape) =>
    escape.kind === 'shell'
      ? `!${escape.name}`
      : escape.kind === 'help'
        ? `${escape.name}?`
        : escape.kind === 'cell-magic'
          ? `%%${escape.name}`
          : escape.kind === 'autocall'
            ? `/${escape.name}`
            : escape.kind === 'prompt'
              ? `console prompts (${escape.name})`
              : `%${escape.name}`,
  );
  if (magics.length > 0) {
    throw new ExtractRefusal(
      'magic',
      `${where} uses IPython ${[...new Set(magics)].join(', ')} (line ${analysis.scanned.escapes[0]!.range.start.line + 1}), which a Python module cannot run; move it to a cell of its own first`,
    );
  }
  // `x = # TODO`: no syntax error is reported for a blank left on purpose, but a module cannot hold one.
  const blank = analysis.scanned.blanks[0];
  if (blank)
    throw new ExtractRefusal(
      'syntax-error',
      `${where} is not valid Python (line ${blank.range.start.line + 1}: an assignment without a value); fix it first`,
    );
  const shape = shapeOf(codeCell);
  const suspect = shape.suspectSyntax[0];
  if (suspect)
    throw new ExtractRefusal(
      'syntax-error',
      `${where} is not valid Python (line ${suspect.start.line + 1}: an empty block or an assignment without a value); fix it first`,
    );
  const python2 = shape.python2Statements[0];
  if (python2)
    throw new ExtractRefusal(
      'python2',
      `${where} is Python 2 (line ${python2.start.line + 1}: \`print x\` or \`exec code\`), which a Python 3 module cannot compile; port it to Python 3 first`,
    );
  const ret = shape.returnsOrYields[0];
  if (ret)
    throw new ExtractRefusal(
      'top-level-return',
      `${where} has \`return\`/\`yield\` outside a function (line ${ret.start.line + 1}); inside the extracted function it would mean something else`,
    );
  const decl = shape.globalDecls[0];
  if (decl)
    throw new ExtractRefusal(
      'global-statement',
      `${where} has a \`global\`/\`nonlocal\` statement at cell level (line ${decl.start.line + 1})`,
    );
  const star = analysis.facts.events.find((event) => event.kind === 'star');
  if (star && star.kind === 'star')
    throw new ExtractRefusal(
      'dynamic-names',
      `${where} defines names nobody can see (${star.reason}, line ${star.range.start.line + 1}); the module cannot know them`,
    );
}

/** Non-contiguous cells: the call goes where the last one was, so the cells in between must not depend on them. */
function checkInterleaved(model: NotebookModel, selected: Set<number>, cells: CodeCell[]): void {
  const first = cells[0]!.cell.index;
  const last = cells[cells.length - 1]!.cell.index;
  const touched = new Set<string>();
  const written = new Set<string>();
  for (const codeCell of model.codeCells) {
    const index = codeCell.cell.index;
    if (index < first || index > last) continue;
    const events = codeCell.analysis.facts.events;
    if (selected.has(index)) {
      for (const event of events) {
        if (event.kind === 'star') continue;
        touched.add(event.name);
        if (event.kind !== 'read') written.add(event.name);
      }
      continue;
    }
    const shellReads = codeCell.analysis.scanned.escapes.flatMap((escape) => escapeReads(escape));
    const shell = shellReads.find((name) => written.has(name));
    if (shell !== undefined)
      throw new ExtractRefusal(
        'interleaved-cells',
        `${label(index)}, between the extracted cells, reads '${shell}' (in a shell command) that an extracted cell above it sets; extract it too, or extract contiguous cells`,
      );
    for (const event of events) {
      if (event.kind === 'star') continue;
      const clash = event.kind === 'read' ? written.has(event.name) : touched.has(event.name);
      if (clash) {
        throw new ExtractRefusal(
          'interleaved-cells',
          `${label(index)}, between the extracted cells, ${event.kind === 'read' ? 'reads' : 'changes'} '${event.name}' that an extracted cell above it ${event.kind === 'read' ? 'sets' : 'uses'}; extract it too, or extract contiguous cells`,
        );
      }
    }
  }
}

/** Every callable bound anywhere in the notebook, by name (the last one wins: good enough to follow calls). */
function callablesByName(model: NotebookModel): Map<string, Callable> {
  const map = new Map<string, Callable>();
  for (const { analysis } of model.codeCells) {
    for (const event of analysis.facts.events)
      if (event.kind === 'bind' && event.callable) map.set(event.name, event.callable);
  }
  return map;
}

/** Names later cells read from the extracted cells, directly or through the functions they call (transitively). */
function namesReadLater(model: NotebookModel, after: number, selected: Set<number>): Set<string> {
  const callables = callablesByName(model);
  const names = new Set<string>();
  const expanded = new Set<string>();
  const expand = (name: string) => {
    const callable = callables.get(name);
    if (!callable || expanded.has(name)) return;
    expanded.add(name);
    for (const read of callable.reads) {
      names.add(read.name);
      expand(read.name);
    }
  };
  for (const read of model.reads) {
    const index = read.site.cellIndex;
    if (index <= after || selected.has(index)) continue;
    if (read.status === 'maybe' || (read.provider && selected.has(read.provider.cellIndex))) names.add(read.name);
    expand(read.name);
  }
  for (const { cell, analysis } of model.codeCells) {
    if (cell.index <= after || selected.has(cell.index)) continue;
    for (const escape of analysis.scanned.escapes)
      for (const name of escapeReads(escape)) {
        names.add(name);
        expand(name);
      }
  }
  return names;
}

export function analyseNames(model: NotebookModel, cellIndices: readonly number[], parser: PythonParser): NameFlow {
  const selected = new Set(cellIndices);
  const byIndex = new Map(model.codeCells.map((codeCell) => [codeCell.cell.index, codeCell]));
  for (const index of selected) {
    const cell = model.notebook.cells[index];
    if (!cell)
      throw new ExtractRefusal(
        'not-code',
        `there is no cell ${index + 1} (the notebook has ${model.notebook.cells.length})`,
      );
    if (!byIndex.has(index)) {
      const why = cell.kind !== 'code' ? `a ${cell.kind} cell` : 'not Python (a cell magic makes it another language)';
      throw new ExtractRefusal(
        cell.kind === 'code' ? 'magic' : 'not-code',
        `${label(index)} is ${why}; only Python code cells can be extracted`,
      );
    }
  }
  const cells = [...selected].sort((a, b) => a - b).map((index) => byIndex.get(index)!);
  if (cells.length === 0 || cells.every(({ cell }) => cell.source.trim() === ''))
    throw new ExtractRefusal('empty', 'the selected cells hold no code');
  for (const codeCell of cells) {
    checkCell(codeCell);
    const python2 = python2Construct(parser, codeCell.cell.source);
    if (python2)
      throw new ExtractRefusal(
        'python2',
        `${label(codeCell.cell.index)} is Python 2 (line ${python2.line + 1}: ${python2.what}), which a Python 3 module cannot compile; port it to Python 3 first`,
      );
  }
  const last = cells[cells.length - 1]!.cell.index;

  for (const read of model.reads) {
    if (!selected.has(read.site.cellIndex)) continue;
    if (read.status === 'undefined' || read.status === 'used-before-defined') {
      const code = read.status === 'undefined' ? 'NH103' : 'NH102';
      throw new ExtractRefusal(
        'undefined-name',
        `${label(read.site.cellIndex)} reads '${read.name}' (line ${read.site.range.start.line + 1}), which no cell above defines (${code}); fix that first`,
      );
    }
  }
  for (const read of [...model.undefinedBodyReads]) {
    if (selected.has(read.site.cellIndex))
      throw new ExtractRefusal(
        'undefined-name',
        `'${read.callee}' in ${label(read.site.cellIndex)} reads '${read.name}', which the notebook never defines (NH103); fix that first`,
      );
  }
  for (const read of model.callTimeReads) {
    if (selected.has(read.call.cellIndex))
      throw new ExtractRefusal(
        'undefined-name',
        `${label(read.call.cellIndex)} calls '${read.callee}', which reads '${read.name}' before any cell defines it (NH102); fix that first`,
      );
  }
  checkInterleaved(model, selected, cells);

  const verbatim = cells.every((codeCell) =>
    shapeOf(codeCell).statements.every((statement) => VERBATIM_TYPES.has(statement.type)),
  );
  const mode = verbatim ? 'verbatim' : 'function';

  // Imports the cells make at top level go to the header (those sharing a line with other code stay in the body);
  // in function mode the definitions go to module level, beside the function.
  const hoisted = new Map<number, Set<number>>();
  const lifted = new Map<number, Set<number>>();
  const headerImports: ImportSpec[] = [];
  const hoistedNames = new Set<string>();
  for (const codeCell of cells) {
    const shape = shapeOf(codeCell);
    const moved = new Set<number>();
    const definitions = new Set<number>();
    shape.statements.forEach((statement, k) => {
      const isImport =
        statement.type === 'import_statement' ||
        statement.type === 'import_from_statement' ||
        statement.type === 'future_import_statement';
      if (isImport && (verbatim || !statement.sharesLine)) moved.add(k);
      if (!verbatim && DEFINITION_TYPES.has(statement.type) && !statement.sharesLine) definitions.add(k);
    });
    for (const record of shape.imports) {
      if (!moved.has(record.statement)) continue;
      headerImports.push(toSpec(record));
      hoistedNames.add(record.bound);
    }
    hoisted.set(codeCell.cell.index, moved);
    lifted.set(codeCell.cell.index, definitions);
  }
  const inStatements = (codeCell: CodeCell, statements: ReadonlySet<number>, range: Range) => {
    const shape = shapeOf(codeCell);
    return [...statements].some((k) => contains(shape.statements[k]!.range, range));
  };
  const isHoistedBind = (codeCell: CodeCell, event: CellEvent) =>
    event.kind === 'bind' && inStatements(codeCell, hoisted.get(codeCell.cell.index)!, event.range);

  // One pass over the cells' events in order.
  const order: string[] = [];
  const readFirst = new Map<string, { cellIndex: number; range: Range }>();
  const written = new Set<string>();
  const bound = new Set<string>();
  const updated = new Set<string>();
  /** Names whose last event in the cells is a `del`: nothing to return. */
  const deleted = new Set<string>();
  const definedCallables: { name: string; callable: Callable; cellIndex: number }[] = [];
  /** Function mode: the names of the definitions moved to module level, and what they read when defined. */
  const liftedNames = new Set<string>();
  const definitionReads: { owner: string; name: string; cellIndex: number }[] = [];
  const readBeforeDefinition = new Set<string>();
  const seen = new Set<string>();
  for (const codeCell of cells) {
    const liftedHere = lifted.get(codeCell.cell.index)!;
    const pending: { name: string; cellIndex: number }[] = [];
    for (const event of codeCell.analysis.facts.events) {
      if (event.kind === 'star') continue;
      if (liftedHere.size > 0 && inStatements(codeCell, liftedHere, event.range)) {
        // Decorators, defaults, base classes, class bodies: evaluated when the module defines it.
        if (event.kind === 'read') pending.push({ name: event.name, cellIndex: codeCell.cell.index });
        else if (event.kind === 'bind') {
          if (readFirst.has(event.name) && !liftedNames.has(event.name)) readBeforeDefinition.add(event.name);
          liftedNames.add(event.name);
          seen.add(event.name);
          for (const read of pending.splice(0)) definitionReads.push({ owner: event.name, ...read });
          if (event.callable)
            definedCallables.push({ name: event.name, callable: event.callable, cellIndex: codeCell.cell.index });
        }
        continue;
      }
      if (!seen.has(event.name)) {
        seen.add(event.name);
        order.push(event.name);
        if (event.kind === 'read') readFirst.set(event.name, { cellIndex: codeCell.cell.index, range: event.range });
      }
      if (event.kind === 'read') continue;
      if (event.kind === 'delete') deleted.add(event.name);
      else deleted.delete(event.name);
      if (isHoistedBind(codeCell, event)) continue;
      written.add(event.name);
      if (event.kind === 'bind') bound.add(event.name);
      if (event.kind === 'update') updated.add(event.name);
      if (event.kind === 'bind' && event.callable)
        definedCallables.push({ name: event.name, callable: event.callable, cellIndex: codeCell.cell.index });
    }
  }
  for (const name of liftedNames) {
    if (written.has(name) || readBeforeDefinition.has(name))
      throw new ExtractRefusal(
        'hidden-global',
        `the cells define '${name}' and also ${written.has(name) ? 'assign it' : 'read it before its definition'}; the module would define it once, before the cells' code runs`,
      );
  }

  const params = new Set<string>();
  const lastBindBefore = (name: string): { codeCell: CodeCell; range: Range } | null => {
    let found: { codeCell: CodeCell; range: Range } | null = null;
    for (const codeCell of model.codeCells) {
      if (codeCell.cell.index >= last) break;
      if (selected.has(codeCell.cell.index)) continue;
      for (const event of codeCell.analysis.facts.events) {
        if (event.kind === 'bind' && event.name === name) found = { codeCell, range: event.range };
        if (event.kind === 'delete' && event.name === name) found = null;
      }
    }
    return found;
  };
  const starBefore = model.codeCells.some(
    ({ cell, analysis }) =>
      cell.index < last && !selected.has(cell.index) && analysis.facts.events.some((event) => event.kind === 'star'),
  );
  /** The earlier import that binds `name`, when an import does. */
  const earlierImport = (name: string): ImportRecord | null => {
    const provider = lastBindBefore(name);
    const imported = provider ? importAt(provider.codeCell, name, provider.range) : null;
    return imported && imported.record.level === 0 && imported.record.module !== '__future__' ? imported.record : null;
  };
  /** An earlier cell's name: its import goes to the header, or it becomes a parameter; null when nothing earlier defines it. */
  const fromEarlier = (name: string): 'import' | 'param' | null => {
    const provider = lastBindBefore(name);
    if (!provider) return starBefore ? 'param' : null;
    const record = earlierImport(name);
    if (record) {
      headerImports.push(toSpec(record));
      hoistedNames.add(name);
      return 'import';
    }
    return 'param';
  };
  /** `display` and its kind: imported from IPython in the module. */
  const ipythonImport = (name: string): boolean => {
    const spec = IPYTHON_IMPORTS.get(name);
    if (!spec || lastBindBefore(name)) return false;
    headerImports.push(spec);
    hoistedNames.add(name);
    return true;
  };

  // Top-level reads before any write: earlier cells define them (the undefined ones were refused above).
  for (const [name, site] of readFirst) {
    const status = model.reads.find(
      (read) =>
        read.site.cellIndex === site.cellIndex &&
        read.name === name &&
        read.site.range.start.line === site.range.start.line &&
        read.site.range.start.character === site.range.start.character,
    )?.status;
    if (status === 'predefined' && !isPythonBuiltin(name)) {
      if (ipythonImport(name)) continue;
      throw new ExtractRefusal(
        'ipython-name',
        `${label(site.cellIndex)} reads '${name}', which only IPython or the kernel provides (line ${site.range.start.line + 1}); a Python module has no such name`,
      );
    }
    if (status === 'predefined' || hoistedNames.has(name)) continue;
    if (isPythonBuiltin(name) && !lastBindBefore(name)) continue;
    const source = fromEarlier(name);
    if (source === 'param') {
      if (mode === 'verbatim')
        throw new ExtractRefusal(
          'hidden-global',
          `${label(site.cellIndex)} reads '${name}' at definition time, a notebook variable from an earlier cell; it would be an undefined global in the module: extract the cell that defines it too`,
        );
      params.add(name);
    }
  }

  // What the module-level definitions read: when the module defines them (decorators, defaults, class bodies) and
  // when they run (function bodies). Only the module's own names resolve there: its imports, its definitions, builtins.
  const moduleNames = mode === 'verbatim' ? bound : liftedNames;
  const resolvesInModule = (name: string): boolean => {
    if (moduleNames.has(name) || hoistedNames.has(name)) return true;
    if (ipythonImport(name)) return true;
    if (isPythonBuiltin(name) && !lastBindBefore(name)) return true;
    const source = fromEarlier(name);
    return source === 'import' || (source === null && isPythonBuiltin(name));
  };
  const unresolved = (owner: string, cellIndex: number, name: string): ExtractRefusal => {
    const where =
      mode === 'function' && bound.has(name)
        ? 'which the cell sets outside any function (nested in the extracted function it would keep the value of that one call)'
        : fromEarlier(name) === 'param'
          ? 'a notebook variable from an earlier cell'
          : 'defined only in a later cell';
    return new ExtractRefusal(
      'hidden-global',
      `'${owner}' in ${label(cellIndex)} reads '${name}', ${where}; in the module it would be an undefined global: make it a parameter of '${owner}', or extract the cell that defines it too`,
    );
  };
  for (const { owner, name, cellIndex } of definitionReads)
    if (!resolvesInModule(name)) throw unresolved(owner, cellIndex, name);
  for (const { name: owner, callable, cellIndex } of definedCallables) {
    const assigned = callable.globalBinds[0];
    if (assigned)
      throw new ExtractRefusal(
        'global-statement',
        `'${owner}' in ${label(cellIndex)} assigns the global '${assigned.name}'; in a module that would be the module's global, not the notebook's`,
      );
    if (!liftedNames.has(owner) && mode === 'function') continue;
    for (const read of callable.reads) if (!resolvesInModule(read.name)) throw unresolved(owner, cellIndex, read.name);
  }

  // Late binding: a definition reads its globals when called; a later cell that rebinds one would change what the
  // notebook's definition calls, while the module's keeps calling its own.
  for (const { name: owner, callable, cellIndex } of definedCallables) {
    if (!moduleNames.has(owner)) continue;
    for (const read of callable.reads) {
      const header = headerImports.find((spec) => boundBy(spec) === read.name);
      const earlier = earlierImport(read.name);
      const rebind = laterRebind(model, read.name, last, selected, header ?? (earlier ? toSpec(earlier) : null));
      // The notebook replacing the definition itself first (Advent-style `solve` and its helpers redefined
      // together) means nothing calls the old one after the helper changes.
      const replaced = laterRebind(model, owner, last, selected, null);
      if (rebind !== null && (replaced === null || replaced > rebind))
        throw new ExtractRefusal(
          'late-binding',
          `'${owner}' in ${label(cellIndex)} calls '${read.name}', which ${label(rebind)} redefines; the notebook's '${owner}' would use the new one, the module's the old one: extract ${label(rebind)} too, or pass '${read.name}' to '${owner}'`,
        );
    }
  }

  // Functions of earlier cells that the code calls: they read the notebook's globals, not the function's locals.
  if (mode === 'function') {
    const callables = callablesByName(model);
    for (const name of readFirst.keys()) {
      const provider = lastBindBefore(name);
      if (!provider) continue;
      const callable = callables.get(name);
      const clash = callable?.reads.find((read) => bound.has(read.name));
      if (clash) {
        throw new ExtractRefusal(
          'hidden-global',
          `'${name}' (defined in ${label(provider.codeCell.cell.index)}) reads the global '${clash.name}', which the extracted cells set; inside a function '${clash.name}' is local and '${name}' would see the notebook's old value: extract '${name}' too or pass '${clash.name}' to it`,
        );
      }
    }
  }

  const definitions = cells.flatMap((codeCell) =>
    codeCell.analysis.facts.definitions
      .filter(({ name }) => mode === 'verbatim' || liftedNames.has(name))
      .map(({ name, kind }) => ({ name, kind })),
  );
  const later = namesReadLater(model, last, selected);
  const keptImports: ImportSpec[] = [];
  for (const codeCell of cells) {
    for (const record of shapeOf(codeCell).imports) {
      if (
        hoisted.get(codeCell.cell.index)!.has(record.statement) &&
        later.has(record.bound) &&
        !written.has(record.bound)
      )
        keptImports.push(toSpec(record));
    }
  }
  let returns: string[] = [];
  if (mode === 'function') {
    returns = order.filter((name) => written.has(name) && later.has(name) && !deleted.has(name));
    for (const name of returns) if (!params.has(name) && !readFirst.has(name) && lastBindBefore(name)) params.add(name);
    // A name no earlier cell binds must be bound on every path, or `return` raises UnboundLocalError.
    const everyPath = new Set(cells.flatMap(({ cell }) => [...boundOnEveryPath(parser, cell.source)]));
    // Updates (`os.environ[k] = v`) need the name bound already; only the cells' own bindings can be partial.
    const partial = returns.find(
      (name) => bound.has(name) && !params.has(name) && !hoistedNames.has(name) && !everyPath.has(name),
    );
    if (partial !== undefined)
      throw new ExtractRefusal(
        'conditional-name',
        `the cells bind '${partial}' on some paths only (a branch or an except leaves it unbound) and a later cell reads it; a function could not return it on those paths: bind it on every path first (e.g. \`${partial} = None\` before the branch)`,
      );
  }
  const displayShape = shapeOf(cells[cells.length - 1]!).lastExpression;
  const display =
    mode === 'function' && displayShape && !displayShape.suppressed && !displayShape.isPrint
      ? {
          cellIndex: last,
          statement: displayShape.statement,
          ...(returns.includes(displayShape.text) ? { returned: displayShape.text } : {}),
        }
      : null;
  return {
    mode,
    cells,
    params: [...order.filter((name) => params.has(name)), ...[...params].filter((name) => !seen.has(name))],
    returns,
    mutated: order.filter((name) => params.has(name) && updated.has(name) && !returns.includes(name)),
    headerImports,
    keptImports,
    hoisted,
    lifted,
    definitions,
    display,
  };
}

/** The first cell after the extracted ones that rebinds `name`; re-importing the same thing does not count. */
function laterRebind(
  model: NotebookModel,
  name: string,
  after: number,
  selected: ReadonlySet<number>,
  sameImport: ImportSpec | null,
): number | null {
  for (const codeCell of model.codeCells) {
    if (codeCell.cell.index <= after || selected.has(codeCell.cell.index)) continue;
    for (const event of codeCell.analysis.facts.events) {
      if (event.kind !== 'bind' || event.name !== name) continue;
      const imported = importAt(codeCell, name, event.range)?.record;
      if (!imported || !sameImport || !sameBinding(sameImport, toSpec(imported))) return codeCell.cell.index;
    }
  }
  return null;
}

function boundBy(spec: ImportSpec): string {
  return spec.alias ?? spec.name ?? spec.module.split('.')[0]!;
}

/** Two imports that bind the same object: `import a.b` and `import a.c` both bind the package `a`. */
function sameBinding(a: ImportSpec, b: ImportSpec): boolean {
  if (a.level !== b.level || boundBy(a) !== boundBy(b)) return false;
  if (a.name === null && b.name === null) return a.alias !== null ? a.module === b.module : true;
  return a.module === b.module && a.name === b.name;
}
