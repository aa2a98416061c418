// NH406 environment-dependent-magic: A magic or call that depends on the working directory, the environment or another notebook (%cd, os.chdir, %env, %run, %load, %store).
import { environmentMagic as check } from './checks';
import { defineRule } from '../rule';

export const environmentDependentMagic = defineRule({
  code: 'NH406',
  name: 'environment-dependent-magic',
  family: 'reproducibility',
  defaultSeverity: 'info',
  summary: 'A magic or call that depends on the working directory, the environment or another notebook (%cd, os.chdir, %env, %run, %load, %store).',
  docs: `\`%cd\` and \`os.chdir\` (every relative path after them depends on the directory the
notebook started in), \`%env\` (environment not declared anywhere), \`%run other.ipynb\` (depends on another notebook's
names), \`%load\` and \`%store\`. *Fix:* pass paths and settings as parameters in the first cell.`,
  run: check,
});
