// The rules the engine runs, in the order their findings are produced.
import type { CodedRule } from './context';
import { DATA_RULES } from './data-validation';
import { DEPENDENCY_RULES } from './dependencies';
import { HIDDEN_STATE_RULES } from './hidden-state';
import { syntaxError } from './notebook-rules';
import { REPRODUCIBILITY_RULES } from './reproducibility';
import { TESTS_RULES } from './tests';

export const ALL_RULES: readonly CodedRule[] = [
  { code: 'NH004', run: syntaxError },
  ...HIDDEN_STATE_RULES,
  ...DEPENDENCY_RULES,
  ...TESTS_RULES,
  ...REPRODUCIBILITY_RULES,
  ...DATA_RULES,
];
