// The rules the engine runs, in the order their findings are produced.
import type { Rule } from './context';
import { DEPENDENCY_RULES } from './dependencies';
import { HIDDEN_STATE_RULES } from './hidden-state';
import { syntaxError } from './notebook-rules';

export const ALL_RULES: readonly Rule[] = [syntaxError, ...HIDDEN_STATE_RULES, ...DEPENDENCY_RULES];
