// One code cell, from source text to facts: mask the IPython escapes, parse, walk, then add what the escapes do.
import { foreignLanguageOf, type ForeignLanguage } from '../python/foreign-language';
import type { PythonParser } from '../python/parser';
import type { Escape, ScannedCell } from '../python/escapes';
import { namesCreatedByMagic } from '../python/magic-outputs';
import { scanCell } from '../python/scanner';
import type { Range } from '../types';
import { cellShape, type CellShape } from './cell-shape';
import { walkCell, type WalkOptions } from './cell-walker';
import { SourceTokens } from './python-tokens';
import type { CellEvent, CellFacts } from './facts';

export interface CellAnalysis {
  scanned: ScannedCell;
  facts: CellFacts;
  /** The tokens of the Python the call facts read (empty when the body is not Python), made on first ask. */
  tokens: SourceTokens;
}

/** Magics that run or paste code nobody can see, so any later unknown name may come from them. */
const HIDDEN_CODE_MAGICS = new Set(['run', 'load', 'loadpy']);

function magicName(escape: Escape): string | null {
  return escape.kind === 'line-magic' || escape.kind === 'automagic' || escape.kind === 'cell-magic'
    ? escape.name
    : null;
}

/** The names and "maybe defined" points that escapes add to a cell, in source order. */
export function escapeEvents(escapes: Escape[], cellSource: string): CellEvent[] {
  const events: CellEvent[] = [];
  for (const escape of escapes) {
    const name = magicName(escape);
    const range = escape.range;
    if (name === null) continue;
    for (const created of namesCreatedByMagic(escape, cellSource)) events.push({ kind: 'bind', name: created, range });
    if (HIDDEN_CODE_MAGICS.has(name)) {
      events.push({ kind: 'star', range, reason: `%${name}` });
    } else if (name === 'pylab') {
      // %pylab is `from pylab import *` plus numpy as np and matplotlib.pyplot as plt.
      events.push({ kind: 'star', range, reason: '%pylab' });
      events.push({ kind: 'bind', name: 'np', range }, { kind: 'bind', name: 'plt', range });
    } else if (name === 'capture' && escape.kind === 'cell-magic') {
      const target = escape.args.split(/\s+/).find((word) => /^[A-Za-z_]\w*$/.test(word));
      if (target) events.push({ kind: 'bind', name: target, range });
    } else if (name === 'store' && /(^|\s)-r\b/.test(escape.args)) {
      const names = escape.args.split(/\s+/).filter((word) => /^[A-Za-z_]\w*$/.test(word));
      if (names.length === 0) events.push({ kind: 'star', range, reason: '%store -r' });
      for (const stored of names) events.push({ kind: 'bind', name: stored, range });
    }
  }
  return events;
}

function startsBefore(a: Range, b: Range): boolean {
  return a.start.line < b.start.line || (a.start.line === b.start.line && a.start.character <= b.start.character);
}

/** Puts each escape event before the first walker event that starts after it. */
function mergeBySource(walked: CellEvent[], fromEscapes: CellEvent[]): CellEvent[] {
  if (fromEscapes.length === 0) return walked;
  const merged: CellEvent[] = [];
  let next = 0;
  for (const event of walked) {
    while (next < fromEscapes.length && startsBefore(fromEscapes[next]!.range, event.range))
      merged.push(fromEscapes[next++]!);
    merged.push(event);
  }
  return merged.concat(fromEscapes.slice(next));
}

/**
 * A bare `x =` is a syntax error the masked text no longer shows; merged in source order. `x = # TODO` is not
 * reported: a blank left on purpose, with its comment, in an exercise template (its readers know it is to be filled).
 */
function withBlanks(
  errors: CellFacts['syntaxErrors'],
  blanks: ScannedCell['blanks'],
  source: string,
): CellFacts['syntaxErrors'] {
  const lines = source.split('\n');
  const bare = blanks.filter((blank) => !blank.commented);
  if (bare.length === 0) return errors;
  const fromBlanks = bare.map(({ range }) => {
    const target = lines[range.start.line]!.slice(range.start.character, range.end.character);
    return { range, message: `syntax error: '${target}' has no value after the '='` };
  });
  return [...errors, ...fromBlanks].sort((a, b) =>
    startsBefore(a.range, b.range) ? (startsBefore(b.range, a.range) ? 0 : -1) : 1,
  );
}

/** What to do with a cell of another language, said in its syntax error. */
const FOREIGN_ADVICE: Record<ForeignLanguage, string> = {
  SQL: 'use %%sql or a raw/markdown cell',
  Scala: 'run it in a Spark kernel or under %%spark',
  'shell commands': 'prefix each line with ! or start the cell with %%bash',
};

const EMPTY_FACTS: CellFacts = {
  events: [],
  imports: [],
  definitions: [],
  syntaxErrors: [],
  python2Statements: [],
  outline: { complexity: 1, logicLines: 0, asserts: [] },
};

/**
 * A walked cell's facts with `shape` parsed again and computed on first read: only the extraction needs it, never
 * a check. A class, so the getter costs nothing per cell (defining it on each object made V8 slow them all down).
 */
class FactsWithLazyShape implements CellFacts {
  readonly events: CellEvent[];
  readonly imports: CellFacts['imports'];
  readonly definitions: CellFacts['definitions'];
  readonly syntaxErrors: CellFacts['syntaxErrors'];
  readonly python2Statements: CellFacts['python2Statements'];
  readonly outline: CellFacts['outline'];
  private computedShape: CellShape | undefined;

  constructor(
    walked: CellFacts,
    events: CellEvent[],
    private readonly python: string,
    private readonly parser: PythonParser,
  ) {
    this.events = events;
    this.imports = walked.imports;
    this.definitions = walked.definitions;
    this.syntaxErrors = walked.syntaxErrors;
    this.python2Statements = walked.python2Statements;
    this.outline = walked.outline;
  }

  /** The same facts with other events (a `%run` whose file is known binds its names instead of a 'star'). */
  withEvents(events: CellEvent[]): FactsWithLazyShape {
    return new FactsWithLazyShape(this, events, this.python, this.parser);
  }

  get shape(): CellShape {
    if (!this.computedShape) {
      const tree = this.parser.parse(this.python);
      try {
        this.computedShape = cellShape(tree.rootNode, this.python);
      } finally {
        tree.delete();
      }
    }
    return this.computedShape;
  }
}

export function analyseCell(source: string, parser: PythonParser, options: WalkOptions): CellAnalysis {
  const scanned = scanCell(source);
  if (!scanned.bodyIsPython) {
    const events = escapeEvents(scanned.escapes, source);
    return { scanned, facts: { ...EMPTY_FACTS, events }, tokens: new SourceTokens('') };
  }
  const tokens = new SourceTokens(scanned.python);
  const tree = parser.parse(scanned.python);
  try {
    const facts = walkCell(tree.rootNode, scanned.python, options, tokens);
    if (scanned.blanks.length > 0) facts.syntaxErrors = withBlanks(facts.syntaxErrors, scanned.blanks, source);
    // What tree-sitter recovers from SQL or Scala are not names or imports any kernel had: such a cell gives its
    // syntax error (NH004) and nothing else. A Python cell with a typo keeps what it recovers: a later cell's reads of
    // its names are no news.
    // The cell as written: the escape filler would hide the shell commands IPython read as automagic (`cd x`).
    const language = facts.syntaxErrors.length > 0 ? foreignLanguageOf(source) : null;
    if (language !== null) {
      const [first, ...rest] = facts.syntaxErrors;
      const named = {
        range: first!.range,
        message: `looks like ${language}: ${FOREIGN_ADVICE[language]} (${first!.message})`,
      };
      return { scanned, facts: { ...EMPTY_FACTS, syntaxErrors: [named, ...rest] }, tokens };
    }
    const events = mergeBySource(facts.events, escapeEvents(scanned.escapes, source));
    return { scanned, facts: new FactsWithLazyShape(facts, events, scanned.python, parser), tokens };
  } finally {
    tree.delete();
  }
}

/** A cell's analysis with other module-level events; the cached analysis is left as it is. */
export function withEvents(analysis: CellAnalysis, events: CellEvent[]): CellAnalysis {
  const { facts } = analysis;
  return {
    scanned: analysis.scanned,
    facts: facts instanceof FactsWithLazyShape ? facts.withEvents(events) : { ...facts, events },
    tokens: analysis.tokens,
  };
}

/**
 * Remembers cell analyses by source text, so an edit re-parses one cell. Bounded: the oldest entries go first;
 * a capacity of 0 remembers nothing.
 */
export class CellAnalysisCache {
  /** By source text, one map per way annotations are read (no key built by joining the source to a flag). */
  private readonly entries = new Map<string, CellAnalysis>();
  private readonly postponedEntries = new Map<string, CellAnalysis>();

  constructor(
    private readonly parser: PythonParser,
    private readonly capacity = 20_000,
  ) {}

  get(source: string, options: WalkOptions): CellAnalysis {
    const entries = options.postponedAnnotations ? this.postponedEntries : this.entries;
    const cached = entries.get(source);
    if (cached) return cached;
    const analysis = analyseCell(source, this.parser, options);
    if (this.capacity === 0) return analysis;
    if (entries.size >= this.capacity) entries.delete(entries.keys().next().value!);
    entries.set(source, analysis);
    return analysis;
  }
}
