// What a dotted name in a cell stands for, given the notebook's imports: the one answer every rule gets to "is this
// a call of numpy.random?". Built from the walker's import facts (import-statements.ts, the one reading of import
// statements), so `import torch as th` and `from numpy.random import rand` in an earlier cell resolve like `torch` and
// `numpy.random.rand` without any cell being searched or tokenized for module names.
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
 * `th.randn` → `torch.randn`, `rand` → `numpy.random.rand`. A first segment no import binds is kept as written, so
 * `random.random` names the module `random` even when the import is missing.
 */
export function resolveCallee(callee: string, aliases: ReadonlyMap<string, string>): string {
  const dot = callee.indexOf('.');
  const head = dot === -1 ? callee : callee.slice(0, dot);
  const full = aliases.get(head);
  return full === undefined ? callee : full + (dot === -1 ? '' : callee.slice(dot));
}

/** The first name the notebook binds to exactly this module (`np` for `numpy`), or null when it is not imported. */
export function aliasOfModule(aliases: ReadonlyMap<string, string>, module: string): string | null {
  for (const [alias, target] of aliases) if (target === module) return alias;
  return null;
}
