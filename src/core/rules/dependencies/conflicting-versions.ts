// NH205 conflicting-versions: A notebook install pins a version other than the manifest's or the lock file's.
import { conflictingVersions as check } from './checks';
import { defineRule } from '../rule';

export const conflictingVersions = defineRule({
  code: 'NH205',
  name: 'conflicting-versions',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: 'A notebook install pins a version other than the manifest\'s or the lock file\'s.',
  docs: `A notebook install pins a version other than the manifest's or the lock file's:
\`%pip install pandas==2.1.0\` with \`pandas==2.2.2\` in \`requirements.txt\`. *Fix:* keep one version, in the manifest.`,
  run: check,
});
