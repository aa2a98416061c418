// NH303 inline-check: An assert at cell level is an ad-hoc test that belongs in pytest.
import { inlineChecks as check } from './checks';
import { defineRule } from '../rule';

export const inlineCheck = defineRule({
  code: 'NH303',
  name: 'inline-check',
  family: 'tests',
  defaultSeverity: 'info',
  summary: 'An assert at cell level is an ad-hoc test that belongs in pytest.',
  docs: `An \`assert\` at a cell's top level (not inside a function): an ad-hoc test that runs only when
the notebook runs, and is skipped under \`python -O\`.
\`\`\`python
assert df.shape[0] > 0      # NH303
\`\`\`
*Fix:* move the check into a pytest test (the extracted function's generated test is the place).`,
  run: check,
});
