// The tests a notebook runs itself with ipytest: the functions a `%%ipytest` cell defines (pytest runs them on the
// notebook right after the body) and the `test*` functions of a notebook that imports ipytest (`ipytest.run()`).
// They are tests, not code that lacks tests (NH301), and a notebook holding them has tests (NH304).
import { aliasesOf } from '../../analysis/import-resolution';
import type { NotebookModel } from '../../analysis/notebook-model';

/** pytest collects functions whose names start with `test` (and `Test` classes): python_functions, python_classes. */
export const TEST_NAME = /^(?:test|Test)/;

export interface NotebookTests {
  /** Indices of the cells whose body is a `%%ipytest` test module. */
  cells: Set<number>;
  /** Module-level names the notebook's tests read: what they test. */
  reads: Set<string>;
}

/** The notebook's own tests, or null when it runs none (no `%%ipytest` cell, no ipytest import). */
export function notebookTests(model: NotebookModel): NotebookTests | null {
  const cells = new Set<number>();
  for (const { cell, analysis } of model.codeCells) {
    if (analysis.scanned.escapes.some((e) => e.kind === 'cell-magic' && e.name === 'ipytest' && !e.misplaced))
      cells.add(cell.index);
  }
  const imported = [...aliasesOf(model).values()].some((t) => t === 'ipytest' || t.startsWith('ipytest.'));
  if (!imported && cells.size === 0) return null;
  const reads = new Set<string>();
  for (const { cell, analysis } of model.codeCells) {
    const inTests = cells.has(cell.index);
    for (const event of analysis.facts.events) {
      if (inTests && event.kind === 'read') reads.add(event.name);
      if (event.kind === 'bind' && event.callable && (inTests || TEST_NAME.test(event.name)))
        for (const read of event.callable.reads) reads.add(read.name);
    }
  }
  return { cells, reads };
}
