// NH203 undeclared-import: A third-party import whose distribution no manifest, lock file or notebook install declares.
import { undeclaredImport as check } from './checks';
import { defineRule } from '../rule';

export const undeclaredImport = defineRule({
  code: 'NH203',
  name: 'undeclared-import',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: 'A third-party import whose distribution no manifest, lock file or notebook install declares.',
  docs: `A third-party import whose distribution no manifest, lock file or notebook install declares:
\`import sklearn\` with only \`pandas\` in \`requirements.txt\`. *Fix:* add it to the manifest the project already uses
(its style kept, sorted if it was sorted), pinned when the version is known; \`requirements.txt\` is created when
there is none.`,
  run: check,
});
