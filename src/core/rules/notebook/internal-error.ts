// NH000 internal-error: nbhygiene itself failed on this notebook.
import { defineRule } from '../rule';

export const internalError = defineRule({
  code: 'NH000',
  name: 'internal-error',
  family: 'notebook',
  defaultSeverity: 'error',
  summary: 'nbhygiene itself failed on this notebook.',
  docs: `nbhygiene itself failed on this notebook. The CLI exits 2. Please report it with the
notebook (or a part of it that still fails).`,
});
