// NH303 inline-check: An assert at cell level is an ad-hoc test that belongs in pytest.
import type { Finding } from '../../types';
import { makeFinding } from '../context';
import { defineRule } from '../rule';

export const inlineCheck = defineRule({
  code: 'NH303',
  name: 'inline-check',
  family: 'tests',
  defaultSeverity: 'info',
  summary: 'An assert at cell level is an ad-hoc test that belongs in pytest.',
  docs: `An \`assert\` at a cell's top level: an ad-hoc test that runs only when the notebook runs, and is
skipped under \`python -O\`. One finding per assert; one inside a top-level \`if\` or \`for\` counts, one inside a
function or class does not.
\`\`\`python
assert df.shape[0] > 0      # NH303
\`\`\`
*Fix:* move the check into a pytest test (the extracted function's generated test is the place).`,
  run: ({ notebook, model }) => {
    const findings: Finding[] = [];
    for (const { cell, analysis } of model.codeCells) {
      for (const range of analysis.facts.outline.asserts) {
        findings.push(
          makeFinding(notebook, {
            code: 'NH303',
            cellIndex: cell.index,
            range: { start: range.start, end: { line: range.start.line, character: range.start.character + 'assert'.length } },
            message: 'assert at cell level is an ad-hoc test: move it into a pytest test',
          }),
        );
      }
    }
    return findings;
  },
});
