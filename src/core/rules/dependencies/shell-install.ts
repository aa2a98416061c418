// NH202 shell-install: !pip installs into whatever pip is on the PATH, not the kernel's environment; use %pip.
import { shellInstall as check } from './checks';
import { defineRule } from '../rule';

export const shellInstall = defineRule({
  code: 'NH202',
  name: 'shell-install',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: '!pip installs into whatever pip is on the PATH, not the kernel\'s environment; use %pip.',
  docs: `\`!pip install x\` and \`!python -m pip install x\` run whatever \`pip\` comes first on the \`PATH\`,
which may not be the kernel's environment. *Fix (preferred, safe):* \`%pip install x\`, which installs into the
kernel's own environment.`,
  run: check,
});
