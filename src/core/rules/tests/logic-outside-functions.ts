// NH302 logic-outside-functions: A cell holds long or branching code outside any function.
import { DEFAULT_CONFIG } from '../../config/config';
import type { Finding } from '../../types';
import { makeFinding } from '../context';
import { cellHeadRange } from '../hidden-state/cell-ranges';
import { defineRule } from '../rule';

export const logicOutsideFunctions = defineRule({
  code: 'NH302',
  name: 'logic-outside-functions',
  family: 'tests',
  defaultSeverity: 'info',
  summary: 'A cell holds long or branching code outside any function.',
  docs: `A cell whose code outside any function has a cyclomatic complexity of 5 or more
(each \`if\`, \`elif\`, \`for\`, \`while\`, \`except\`, \`case\`, \`and\`/\`or\` and conditional expression
adds one) or more than 40 non-blank, non-comment lines (\`max-cell-complexity\` and \`max-cell-lines\` in
\`[tool.nbhygiene]\`, or the editor settings). Such code can only be tested by running the notebook. Function and
class bodies are not counted, so a cell of definitions is never reported. One finding per cell, on its first
non-blank line.
\`\`\`python
for row in rows:            # NH302: complexity 5 at cell level
    if row.ok and row.n > 0:
        keep.append(row)
    elif row.retry:
        retry.append(row)
\`\`\`
*Fix:* extract the cell into a function (Extract cells to a module): its inputs become parameters, what later
cells read is returned.`,
  run: ({ notebook, model, config = DEFAULT_CONFIG }) => {
    const findings: Finding[] = [];
    for (const { cell, analysis } of model.codeCells) {
      const shape = analysis.facts.outline;
      const tooComplex = shape.complexity >= config.maxCellComplexity;
      const tooLong = shape.logicLines > config.maxCellLines;
      if (!tooComplex && !tooLong) continue;
      const why = [tooComplex ? `cyclomatic complexity ${shape.complexity}` : '', tooLong ? `${shape.logicLines} lines` : ''].filter(Boolean).join(' and ');
      findings.push(
        makeFinding(notebook, {
          code: 'NH302',
          cellIndex: cell.index,
          range: cellHeadRange(cell),
          message: `cell has ${why} of logic outside any function: move it into a function (Extract cells to a module) so it can be tested`,
        }),
      );
    }
    return findings;
  },
});
