// NH202 shell-install: !pip installs into whatever pip is on the PATH, not the kernel's environment; use %pip.
import { shellToMagicFix } from '../../refactor/dependency-fixes';
import type { Finding } from '../../types';
import { makeFinding, withFixes, type RuleContext } from '../context';
import { defineRule } from '../rule';
import { depsOf } from './dependency-facts';

export const shellInstall = defineRule({
  code: 'NH202',
  name: 'shell-install',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: '!pip installs into whatever pip is on the PATH, not the kernel\'s environment; use %pip.',
  docs: `\`!pip install x\` and \`!python -m pip install x\` run whatever \`pip\` comes first on the \`PATH\`,
which may not be the kernel's environment. Not reported: \`%pip\`, automagic \`pip install\`, \`!conda install\`, and
\`!{sys.executable} -m pip install x\`, which runs the kernel's own Python. *Fix (preferred, safe):* \`%pip install x\`,
which installs into the kernel's own environment; offered when the line runs the install alone (no \`&&\`, no
\`sudo\`, no assignment).`,
  run: findShellInstalls,
});

function findShellInstalls(ctx: RuleContext): Finding[] {
  const deps = depsOf(ctx);
  return deps.installs
    .filter((install) => install.outsideKernel)
    .map((install) =>
      withFixes(
        makeFinding(ctx.notebook, {
          code: 'NH202',
          cellIndex: install.cellIndex,
          range: install.commandRange,
          message: "'!pip install' installs into whatever pip comes first on the PATH, which may not be the kernel's environment; use %pip install",
        }),
        [shellToMagicFix(install)],
      ),
    );
}
