// NH206 no-manifest: The notebook imports third-party packages and no manifest exists up to the project root.
import { noManifest as check } from './checks';
import { defineRule } from '../rule';

export const noManifest = defineRule({
  code: 'NH206',
  name: 'no-manifest',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: 'The notebook imports third-party packages and no manifest exists up to the project root.',
  docs: `The notebook imports third-party packages and there is no manifest anywhere up to the project
root. *Fix:* add the imports to a new \`requirements.txt\` (NH203's fix creates it).`,
  run: check,
});
