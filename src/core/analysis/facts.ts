// What one cell does with names, as plain data: the walker that produces it lives in cell-walker.ts.
import type { Range } from '../types';
import type { CellShape } from './cell-shape';
import type { RebindEffect } from './rerun-effects';

export interface NameRef {
  name: string;
  range: Range;
}

/** A function (or a class's methods, or a lambda bound to a name) whose body runs later, where it is used. */
export interface Callable {
  kind: 'function' | 'class' | 'lambda';
  /** Module-level names the body reads when it runs (nested functions included). */
  reads: NameRef[];
  /** Module-level names the body binds when it runs (`global g; g = ...`). */
  globalBinds: NameRef[];
}

export type CellEvent =
  | { kind: 'read'; name: string; range: Range }
  | {
      kind: 'bind';
      name: string;
      range: Range;
      /** Set when the name is bound to a def, a class or a lambda. */
      callable?: Callable;
      /**
       * The statement rebinds the name from its own value, and what a second run does (rerun-effects.ts): 'differs'
       * for `x = x + 1`, `x += 1`, `df = pd.concat([df, more])`, `ds = ds.batch(32)`; 'wraps' for `f = wrap(f)`,
       * which differs when f is a function; 'unknown' for the rest (`y = y.astype(int)`, `x = np.array(x)`, which
       * give the same value again) and for every rebind inside a for or while loop.
       */
      rebindsOwnRead?: RebindEffect;
      /** Bound to a list (`[]`, a list comprehension, `list(...)`) or a deque, whose `.append` adds in place. */
      listValue?: boolean;
    }
  | {
      kind: 'update';
      name: string;
      range: Range;
      /**
       * `name.append(...)`, `.extend`, `.insert` outside a for or while loop: on a list, running the cell again adds
       * again (on a DataFrame `.append` returns a new frame: NH106 asks whether the name is bound to a list).
       */
      accumulates: boolean;
    }
  | { kind: 'delete'; name: string; range: Range }
  /** After this point any unknown name may be defined (star import, %run, %load, exec, globals()). */
  | { kind: 'star'; range: Range; reason: string };

export interface ImportFact {
  /** Dotted module name as written (`os.path`, `sklearn.model_selection`); '' for `from . import x`. */
  module: string;
  /** Leading dots of a relative import. */
  level: number;
  range: Range;
  /** What each bound name stands for: `import numpy as np` → [['np', 'numpy']]; `from a import b` → [['b', 'a.b']]. */
  bindings: [bound: string, target: string][];
}

export interface DefinitionFact {
  name: string;
  kind: 'function' | 'class';
  range: Range;
}

export interface CellFacts {
  /** Module-scope events in evaluation order. */
  events: CellEvent[];
  imports: ImportFact[];
  /** Functions and classes defined at the cell's top level. */
  definitions: DefinitionFact[];
  /** Where tree-sitter found a syntax error (first one per cell is enough to report). */
  syntaxErrors: { range: Range; message: string }[];
  /**
   * Python 2's `print x` and `exec code`, which tree-sitter's grammar accepts: syntax errors in a Python 3 notebook
   * only, so NH004 decides from the notebook's kernel (the facts are cached by cell text alone).
   */
  python2Statements: Range[];
  /** What the tests rules need of the code outside functions and classes, counted during the same walk. */
  outline: CellOutline;
  /**
   * Statements, imports, literal definitions, the displayed expression (the extraction). Computed on first use
   * by a second pass over the cell, which the checks never pay for.
   */
  shape?: CellShape;
}

export interface CellOutline {
  /** McCabe complexity of the code outside functions and classes (1 for straight-line code). */
  complexity: number;
  /** Non-blank, non-comment lines of the top-level statements that are not function or class definitions. */
  logicLines: number;
  /** `assert` statements outside functions and classes. */
  asserts: Range[];
}
