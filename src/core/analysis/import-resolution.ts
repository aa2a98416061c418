// What a dotted name in a cell stands for, given the notebook's imports: the one answer every rule gets to "is this
// a call of numpy.random?". Built from the walker's import facts (import-statements.ts, the one reading of import
// statements), so `import torch as th` and `from numpy.random import rand` in an earlier cell resolve like `torch` and
// `numpy.random.rand` without any cell being searched or tokenized for module names.
import { callFactsOf, type CallFact } from './call-facts';
import type { NotebookModel } from './notebook-model';

const notebookAliases = new WeakMap<NotebookModel, Map<string, string>>();

/**
 * Every name the notebook's imports bind, and the dotted module or object it stands for: `np` → `numpy`,
 * `train_test_split` → `sklearn.model_selection.train_test_split`. Module-level imports of every code cell in notebook
 * order (a later import of the same name wins, as in a run from the top); cached per model.
 */
export function aliasesOf(model: NotebookModel): Map<string, string> {
  let aliases = notebookAliases.get(model);
  if (!aliases) {
    aliases = new Map();
    for (const { analysis } of model.codeCells) {
      for (const fact of analysis.facts.imports)
        for (const [bound, target] of fact.bindings) aliases.set(bound, target);
    }
    notebookAliases.set(model, aliases);
  }
  return aliases;
}

/**
 * The dotted name with its first segment replaced by what it was imported as: `np.random.seed` → `numpy.random.seed`,
 * `th.randn` → `torch.randn`, `rand` → `numpy.random.rand`, `expon().rvs` → `scipy.stats.expon().rvs`. A first segment no import binds is kept as written, so
 * `random.random` names the module `random` even when the import is missing.
 */
export function resolveCallee(callee: string, aliases: ReadonlyMap<string, string>): string {
  // The head ends at the first `.` or at the `()` of a chain: `expon().rvs` after `from scipy.stats import expon`.
  const head = /^[^.(]*/.exec(callee)![0];
  const full = aliases.get(head);
  return full === undefined ? callee : full + callee.slice(head.length);
}

/** The first name the notebook binds to exactly this module (`np` for `numpy`), or null when it is not imported. */
export function aliasOfModule(aliases: ReadonlyMap<string, string>, module: string): string | null {
  for (const [alias, target] of aliases) if (target === module) return alias;
  return null;
}

const notebookBindings = new WeakMap<NotebookModel, Map<string, ObjectBinding>>();

/** What a name bound once by a top-level assignment stands for (see objectBindingsOf). */
export interface ObjectBinding {
  /**
   * The dotted module (`tfd = tfp.distributions` → `tensorflow_probability.distributions`) or the resolved call it is
   * the result of, written with `()` like a chain (`d = tfd.Normal(0., 1.)` → `tensorflow_probability.distributions.Normal()`).
   */
  value: string;
  /** The call the name is the result of, for its arguments (`multivariate_normal(m, c, seed=1)`); null for a module. */
  call: CallFact | null;
  cellIndex: number;
  /** Line of the assignment in its cell. */
  line: number;
}

/**
 * Names that one top-level `name = dotted.name` or `name = dotted.call(...)` binds and nothing else in the notebook
 * binds (no other assignment, loop, import, def, parameter or assignment in a function body), so every read of the
 * name after that statement is that value: `tfd = tfp.distributions`, `d = tfd.Normal(0., 1.)`. A name bound twice is
 * left out whatever the values: which one a read sees depends on the order the cells ran. Cached per model.
 */
export function objectBindingsOf(model: NotebookModel): Map<string, ObjectBinding> {
  let bindings = notebookBindings.get(model);
  if (bindings) return bindings;
  bindings = new Map();
  notebookBindings.set(model, bindings);
  const aliases = aliasesOf(model);
  // How often each name is bound: module-level binds of every kind (the walker's events) and, from the token pass,
  // assignments inside function bodies and parameters.
  const binds = new Map<string, number>();
  const count = (name: string) => binds.set(name, (binds.get(name) ?? 0) + 1);
  for (const { analysis } of model.codeCells) {
    for (const event of analysis.facts.events) if (event.kind === 'bind' || event.kind === 'delete') count(event.name);
    const facts = callFactsOf(analysis);
    for (const statement of facts.statements) if (statement.fn !== null) statement.targets.forEach(count);
    for (const fn of facts.functions.values()) fn.params.forEach(count);
  }
  for (const { cell, analysis } of model.codeCells) {
    const facts = callFactsOf(analysis);
    facts.statements.forEach((statement, index) => {
      const tokens = statement.tokens;
      const name = tokens[0]?.text;
      // Indented statements are left out: a class body binds its own name, and a branch may not run.
      if (statement.fn !== null || statement.indent !== 0 || tokens[1]?.text !== '=' || name === undefined) return;
      if (statement.targets.length !== 1 || statement.targets[0] !== name || binds.get(name) !== 1) return;
      if (aliases.has(name)) return;
      const value = tokens.slice(2);
      const resolve = (dotted: string): string | null => {
        const head = dotted.split(/[.(]/)[0]!;
        const bound = bindings!.get(head);
        if (bound) return bound.value + dotted.slice(head.length);
        return aliases.has(head) ? resolveCallee(dotted, aliases) : null;
      };
      if (
        value.every((t, k) => (k % 2 === 0 ? t.kind === 'name' : t.kind === 'op' && t.text === '.')) &&
        value.length % 2 === 1
      ) {
        const resolved = resolve(value.map((t) => t.text).join(''));
        if (resolved)
          bindings!.set(name, { value: resolved, call: null, cellIndex: cell.index, line: statement.range.start.line });
        return;
      }
      // The whole value is one call: its callee starts at the value's first token and it closes on the last one.
      const call = facts.calls.find(
        (c) =>
          c.statement === index && c.open === value.find((t) => t.text === '(') && c.close === value[value.length - 1],
      );
      if (!call || call.callee.includes('(') || value[0]!.text !== call.root) return;
      const resolved = resolve(call.callee);
      if (resolved)
        bindings!.set(name, { value: `${resolved}()`, call, cellIndex: cell.index, line: statement.range.start.line });
    });
  }
  return bindings;
}

/**
 * resolveCallee, and through a name objectBindingsOf knows: `d.sample` → `tensorflow_probability.distributions.Normal().sample`
 * when `d = tfd.Normal(0., 1.)` ran before the call. `at`: where a top-level call is (a name read before its one
 * assignment is not that value); null for a call in a function body, which runs when the function is called.
 */
export function resolveBoundCallee(
  callee: string,
  aliases: ReadonlyMap<string, string>,
  bindings: ReadonlyMap<string, ObjectBinding>,
  at: { cellIndex: number; line: number } | null,
): { resolved: string; binding: ObjectBinding | null } {
  const head = /^[A-Za-z_]\w*/.exec(callee)?.[0];
  const binding = head === undefined || aliases.has(head) ? undefined : bindings.get(head);
  const after =
    binding !== undefined &&
    (at === null || binding.cellIndex < at.cellIndex || (binding.cellIndex === at.cellIndex && binding.line < at.line));
  if (!after) return { resolved: resolveCallee(callee, aliases), binding: null };
  return { resolved: binding.value + callee.slice(head!.length), binding };
}
