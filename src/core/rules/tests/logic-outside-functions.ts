// NH302 logic-outside-functions: A cell holds long or branching code outside any function (off by default).
import { DEFAULT_CONFIG } from '../../config/config';
import type { Finding } from '../../types';
import { makeFinding } from '../context';
import { cellHeadRange } from '../cell-ranges';
import { defineRule } from '../rule';

export const logicOutsideFunctions = defineRule({
  code: 'NH302',
  name: 'logic-outside-functions',
  family: 'tests',
  defaultSeverity: 'info',
  enabledByDefault: false,
  summary: 'A cell holds long or branching code outside any function (off by default).',
  docs: `A cell whose code outside any function has a cyclomatic complexity of 5 or more
(each \`if\`, \`elif\`, \`for\`, \`while\`, \`except\`, \`case\`, \`and\`/\`or\` and conditional expression
adds one) or more than 40 lines of logic (\`max-cell-complexity\` and \`max-cell-lines\` in \`[tool.nbhygiene]\`, or
the editor settings). Such code can only be tested by running the notebook. Function and class bodies are not
counted, so a cell of definitions is never reported. Lines of logic leave out blank lines, comments, docstrings,
\`!shell\` and \`%magic\` lines, the lines inside a multi-line string (a program in a string) and inside a multi-line
literal that names nothing (a data table in a list, set or dict). One finding per cell, on its first non-blank line.

Off by default (turn it on with \`extend-select = ["NH302"]\`): 3 of 20 labelled findings on real notebooks were worth
acting on. Most were training loops and figure cells in books and lectures, where the code at cell level is the
lesson; the size of a cell does not tell that from analysis code a team would extract.
\`\`\`python
for row in rows:            # NH302 (when selected): complexity 5 at cell level
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
      const why = [
        tooComplex ? `cyclomatic complexity ${shape.complexity}` : '',
        tooLong ? `${shape.logicLines} lines` : '',
      ]
        .filter(Boolean)
        .join(' and ');
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
