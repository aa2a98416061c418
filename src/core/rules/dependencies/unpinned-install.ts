// NH201 unpinned-install: A notebook installs a package without pinning its version.
import {
  askingPinFix,
  knownVersion,
  moveInstallsFix,
  pinInstallFix,
  pinInstallPlan,
  VERSION_PLACEHOLDER,
} from '../../refactor/dependency-fixes';
import type { Finding } from '../../types';
import { makeFinding, withFixes, type RuleContext } from '../context';
import { defineRule } from '../rule';
import { depsOf } from './dependency-facts';

export const unpinnedInstall = defineRule({
  code: 'NH201',
  name: 'unpinned-install',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: 'A notebook installs a package without pinning its version.',
  docs: `A notebook installs a package without a pin: \`%pip install pandas\`, \`!pip install
"tqdm>=4"\`, \`%conda install scipy=1.13\`. An unquoted \`!pip install pandas>=2\` is one too: the shell reads \`>\` as
a redirection and pip gets no version. Not reported: a package a lock file pins, \`-r requirements.txt\`, local
paths, and words with \`{var}\` or \`$var\`, known only when the cell runs. *Fix:* pin it (\`pandas==2.2.2\`), or move
the notebook's pip installs into \`requirements.txt\` and replace them with \`%pip install -r requirements.txt\`.`,
  run: findUnpinnedInstalls,
});

function findUnpinnedInstalls(ctx: RuleContext): Finding[] {
  const deps = depsOf(ctx);
  const findings: Finding[] = [];
  for (const install of deps.installs) {
    for (const request of install.packages) {
      if (request.pinned || deps.locked.has(request.key)) continue;
      const what = request.redirected
        ? "without a version (the shell read the unquoted '>' or '<' as a redirection: quote the requirement)"
        : request.specifier === ''
          ? 'without a version'
          : `with '${request.specifier}', which is not a pin`;
      const known = knownVersion(ctx.project, [request.key]);
      const finding = makeFinding(ctx.notebook, {
        code: 'NH201',
        cellIndex: install.cellIndex,
        range: request.range,
        message: `${request.name} is installed ${what}: a later run may get another version; pin it with ==`,
      });
      findings.push(
        withFixes(finding, [
          known
            ? pinInstallFix(request, install.cellIndex, known)
            : askingPinFix(request.name, pinInstallPlan(request, install.cellIndex, VERSION_PLACEHOLDER)),
          ctx.project ? moveInstallsFix(ctx.model, ctx.project, deps.installs) : null,
        ]),
      );
    }
  }
  return findings;
}
