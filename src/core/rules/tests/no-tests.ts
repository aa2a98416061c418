// NH304 no-tests: The notebook defines functions and the project has no tests.
import { ZERO_RANGE } from '../../types';
import { makeFinding } from '../context';
import { defineRule } from '../rule';

export const noTests = defineRule({
  code: 'NH304',
  name: 'no-tests',
  family: 'tests',
  defaultSeverity: 'warning',
  summary: 'The notebook defines functions and the project has no tests.',
  docs: `The notebook defines functions and the project has no \`tests/\` folder and no \`test_*.py\` /
\`*_test.py\` file. Reported once, on the notebook. Not reported when the tests folder exists, even empty (it is
\`tests/\` unless \`tests\` in \`[tool.nbhygiene]\` names another), or when the notebook defines only classes.
\`\`\`
project/
  analysis.ipynb      # def clean(text): ...   <- NH304
  requirements.txt    # and no tests/, no test_*.py
\`\`\`
*Fix:* extract the functions to a module: \`nbhygiene extract\` creates \`tests/test_<module>.py\` with a test per
function (characterization tests from the saved outputs where possible, skipped stubs with a TODO otherwise).`,
  run: ({ notebook, model, project }) => {
    const tests = project?.tests;
    if (!tests || tests.folder !== null || tests.files.length > 0) return [];
    const defines = model.codeCells.some(({ analysis }) => analysis.facts.definitions.some((definition) => definition.kind === 'function'));
    if (!defines) return [];
    return [
      makeFinding(notebook, {
        code: 'NH304',
        cellIndex: null,
        range: ZERO_RANGE,
        message: 'the notebook defines functions and the project has no tests (no tests/ folder, no test_*.py): extract them to a module and add tests',
      }),
    ];
  },
});
