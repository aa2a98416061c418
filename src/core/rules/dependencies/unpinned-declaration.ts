// NH204 unpinned-declaration: An imported distribution is declared in a manifest without a pin and no lock file pins it.
import { unpinnedDeclaration as check } from './checks';
import { defineRule } from '../rule';

export const unpinnedDeclaration = defineRule({
  code: 'NH204',
  name: 'unpinned-declaration',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: 'An imported distribution is declared in a manifest without a pin and no lock file pins it.',
  docs: `Declared in a manifest without a pin (\`pandas>=2.0\`) and pinned by no lock file.
Reported on the import in the notebook, with related information pointing at the manifest line. *Fix:* pin the
declaration, or add a lock file.`,
  run: check,
});
