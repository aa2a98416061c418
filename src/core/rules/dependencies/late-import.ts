// NH207 late-import: a third-party package first imported below the first cell with imports (off by default).
import type { Finding } from '../../types';
import { cellLabel, makeFinding, type RuleContext } from '../context';
import { depsOf } from './dependency-facts';
import { defineRule } from '../rule';

export const lateImport = defineRule({
  code: 'NH207',
  name: 'late-import',
  family: 'dependencies',
  defaultSeverity: 'info',
  enabledByDefault: false,
  summary: 'A third-party package is first imported below the first code cell that has imports.',
  docs: `A third-party package (one that resolves to a distribution to install) imported for the first time below the
first code cell that has imports: readers see what the notebook needs only by reading all of it. Off by default:
ruff allows an import at the top of any cell, and most late imports hide nothing. Not reported: imports in that first
cell, the standard library, local modules, IPython, a package some earlier cell already imports (\`import sklearn\`
above makes a later \`from sklearn.svm import SVC\` no news), a second late import of the same package, and imports
inside a function or class.

\`\`\`python
# cell 1
import pandas as pd
# cell 2
df = pd.read_csv("sales.csv")
import seaborn as sns   # NH207
\`\`\`
*Fix:* move the import to the imports cell at the top.`,
  run: findLateImports,
});

/** Provided by every Jupyter kernel: importing it late hides no dependency. */
const KERNEL_PACKAGES = new Set(['IPython', 'ipykernel', 'ipywidgets']);

function topLevel(module: string): string {
  return module.split('.')[0]!;
}

function findLateImports(ctx: RuleContext): Finding[] {
  const first = ctx.model.codeCells.find(({ analysis }) => analysis.facts.imports.length > 0);
  if (first === undefined) return [];
  const firstCell = first.cell.index;
  const start = {
    message: 'the imports start here',
    cellIndex: firstCell,
    range: first.analysis.facts.imports[0]!.range,
  };
  const imported = new Set<string>();
  const findings: Finding[] = [];
  for (const { cellIndex, fact, resolved } of depsOf(ctx).imports) {
    const root = topLevel(resolved.module);
    const late =
      cellIndex > firstCell && fact.level === 0 && resolved.distribution !== null && !KERNEL_PACKAGES.has(root);
    if (late && !imported.has(root)) {
      findings.push(
        makeFinding(ctx.notebook, {
          code: 'NH207',
          cellIndex,
          range: fact.range,
          message: `'${fact.module}' is first imported in ${cellLabel(cellIndex)}, below ${cellLabel(firstCell)} where the imports start; imports together at the top show what the notebook needs`,
          related: [start],
        }),
      );
    }
    imported.add(root);
  }
  return findings;
}
