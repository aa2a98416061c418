// NH000 internal-error: nbhygiene itself failed on this notebook.
import { defineRule } from '../rule';

export const internalError = defineRule({
  code: 'NH000',
  name: 'internal-error',
  family: 'notebook',
  defaultSeverity: 'error',
  summary: 'nbhygiene itself failed on this notebook.',
  docs: `nbhygiene itself failed on this notebook: \`nbhygiene failed on this notebook (<the error>); please
report it\`. The check stopped there, so the notebook's other findings are missing; other notebooks are still
checked. The CLI exits 2. *Fix:* please report it with the notebook (or a part of it that still fails).`,
});
