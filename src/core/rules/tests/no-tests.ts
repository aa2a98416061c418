// NH304 no-tests: The notebook defines functions and the project has no tests.
import { noTests as check } from './checks';
import { defineRule } from '../rule';

export const noTests = defineRule({
  code: 'NH304',
  name: 'no-tests',
  family: 'tests',
  defaultSeverity: 'warning',
  summary: 'The notebook defines functions and the project has no tests.',
  docs: `The notebook defines functions and the project has no \`tests/\` folder and no \`test_*.py\` /
\`*_test.py\` file. Reported once, on the notebook.
*Fix:* extract the functions to a module: \`nbhygiene extract\` creates \`tests/test_<module>.py\` with a test per
function (characterization tests from the saved outputs where possible, skipped stubs with a TODO otherwise).`,
  run: check,
});
