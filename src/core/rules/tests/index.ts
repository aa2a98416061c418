// The tests rules (NH301–NH304), in code order: the order they run in and the docs list them in.
import { defineFamily } from '../rule';
import { untestedDefinition } from './untested-definition';
import { logicOutsideFunctions } from './logic-outside-functions';
import { inlineCheck } from './inline-check';
import { noTests } from './no-tests';

export const TESTS_FAMILY = defineFamily({
  id: 'tests',
  title: 'Tests',
  intro: `Logic that no test covers. Test files are \`test_*.py\` and \`*_test.py\` in the project's \`tests/\` folder (searched
four levels deep) and beside the notebook or at the project root. The fix for all four is the refactoring
**Extract cells to a module** (code action on a code cell, or \`nbhygiene extract NOTEBOOK --cells 3,5-6\`): the code
moves into a module, the notebook imports and calls it, and \`tests/test_<module>.py\` gets a test per function.`,
  rules: [untestedDefinition, logicOutsideFunctions, inlineCheck, noTests],
});
