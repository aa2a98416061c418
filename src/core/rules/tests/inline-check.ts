// NH303 inline-check: Asserts at cell level are ad-hoc tests that belong in pytest (off by default).
import type { Finding } from '../../types';
import { makeFinding } from '../context';
import { defineRule } from '../rule';

/** `assert sys.version_info >= (3, 8)`, `assert tf.__version__.startswith("2")`: a check of the environment, not a test. */
const VERSION_GUARD =
  /__version__|\bversion_info\b|\bpython_version\b|\bversion\.parse\b|\bparse_version\b|\bLooseVersion\b/;

export const inlineCheck = defineRule({
  code: 'NH303',
  name: 'inline-check',
  family: 'tests',
  defaultSeverity: 'info',
  enabledByDefault: false,
  summary: 'Asserts at cell level are ad-hoc tests that belong in pytest (off by default).',
  docs: `\`assert\` statements at a cell's top level: ad-hoc tests that run only when the notebook runs, and
are skipped under \`python -O\`. One finding per cell, on its first assert, saying how many the cell has; one inside a
top-level \`if\` or \`for\` counts, one inside a function or class does not. Version guards are checks of the
environment, not tests, and are not counted (\`assert sys.version_info >= (3, 8)\`, \`assert sklearn.__version__ >=
"1.0"\`, \`version.parse(...)\`).

Off by default (turn it on with \`extend-select = ["NH303"]\`): none of 20 labelled findings on real notebooks was
worth acting on. An assert under the function it checks is how essays and lessons test their code on purpose
(Norvig's pytudes have dozens), and exercise notebooks check answers with them; nothing in the notebook tells such
a check from one a team would rather have in pytest.
\`\`\`python
assert df.shape[0] > 0      # NH303 (when selected)
\`\`\`
*Fix:* move the check into a pytest test (the extracted function's generated test is the place).`,
  run: ({ notebook, model }) => {
    const findings: Finding[] = [];
    for (const { cell, analysis } of model.codeCells) {
      const lines = cell.source.split('\n');
      // The assert's first line; a guard spread over lines names the version there too.
      const checks = analysis.facts.outline.asserts.filter(
        (range) => !VERSION_GUARD.test(lines[range.start.line] ?? ''),
      );
      const first = checks[0];
      if (!first) continue;
      const count = checks.length === 1 ? 'an assert' : `${checks.length} asserts`;
      findings.push(
        makeFinding(notebook, {
          code: 'NH303',
          cellIndex: cell.index,
          range: {
            start: first.start,
            end: { line: first.start.line, character: first.start.character + 'assert'.length },
          },
          message: `cell has ${count} at cell level, ad-hoc tests that run only with the notebook: move ${checks.length === 1 ? 'it' : 'them'} into a pytest test`,
        }),
      );
    }
    return findings;
  },
});
