// NH207 late-import: An import statement below the first code cell that has imports.
import type { Finding } from '../../types';
import { cellLabel, makeFinding, type RuleContext } from '../context';
import { defineRule } from '../rule';

export const lateImport = defineRule({
  code: 'NH207',
  name: 'late-import',
  family: 'dependencies',
  defaultSeverity: 'info',
  summary: 'An import statement below the first code cell that has imports.',
  docs: `An import statement below the first code cell that has imports (magics and comments above them
are fine): readers see what the notebook needs only by reading all of it. Not reported: imports anywhere in that
first cell, and imports inside a function or class.

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

function findLateImports(ctx: RuleContext): Finding[] {
  const first = ctx.model.codeCells.find(({ analysis }) => analysis.facts.imports.length > 0);
  if (first === undefined) return [];
  const firstCell = first.cell.index;
  const start = { message: 'the imports start here', cellIndex: firstCell, range: first.analysis.facts.imports[0]!.range };
  const findings: Finding[] = [];
  for (const { cell, analysis } of ctx.model.codeCells) {
    if (cell.index <= firstCell) continue;
    for (const fact of analysis.facts.imports) {
      const module = '.'.repeat(fact.level) + fact.module;
      findings.push(
        makeFinding(ctx.notebook, {
          code: 'NH207',
          cellIndex: cell.index,
          range: fact.range,
          message: `'${module}' is imported in ${cellLabel(cell.index)}, below ${cellLabel(firstCell)} where the imports start; imports together at the top show what the notebook needs`,
          related: [start],
        }),
      );
    }
  }
  return findings;
}
