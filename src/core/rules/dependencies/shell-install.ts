// NH202 shell-install: !pip installs into whatever pip is on the PATH, not the kernel's environment; use %pip.
import type { InstallCommand } from '../../deps/installs';
import { normalizeName } from '../../deps/normalize';
import { shellToMagicFix } from '../../refactor/dependency-fixes';
import type { Finding } from '../../types';
import { makeFinding, withFixes, type RuleContext } from '../context';
import { defineRule } from '../rule';
import { depsOf } from './dependency-facts';
import { savedFromHostedKernel } from './hosted-kernel';

export const shellInstall = defineRule({
  code: 'NH202',
  name: 'shell-install',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: "!pip installs into whatever pip is on the PATH, not the kernel's environment; use %pip.",
  docs: `\`!pip install x\` and \`!python -m pip install x\` run whatever \`pip\` comes first on the \`PATH\`,
which may not be the kernel's environment. Not reported: \`%pip\`, automagic \`pip install\`, \`!conda install\`, and
\`!{sys.executable} -m pip install x\`, which runs the kernel's own Python. Not reported either where the \`PATH\`'s pip
is the kernel's: a notebook saved from Colab (\`colab\` in its metadata, or it imports \`google.colab\`) or from a
Kaggle kernel (\`kaggle\` in its metadata, it reads \`/kaggle/input\` or \`/kaggle/working\`, or it imports
\`kaggle_secrets\`), and an install of command-line tools the notebook then runs with \`!\` (\`!pip install gdown\`, then
\`!gdown ...\`): there the \`PATH\` is what the command needs; and \`!pip install -t DIR x\`, which installs into the folder
it names.
\`\`\`python
!pip install pandas     # NH202 in a local Jupyter notebook
\`\`\`
*Fix (preferred, safe):* \`%pip install x\`, which installs into the kernel's own environment; offered when the line
runs the install alone (no \`&&\`, no \`sudo\`, no assignment).`,
  run: findShellInstalls,
});

function findShellInstalls(ctx: RuleContext): Finding[] {
  const deps = depsOf(ctx);
  const outside = deps.installs.filter((install) => install.outsideKernel);
  if (outside.length === 0 || savedFromHostedKernel(ctx)) return [];
  const commands = shellCommandsRun(ctx);
  return outside
    .filter((install) => !installsOnlyCommands(install, commands) && !TARGET_FOLDER.test(install.escape.args))
    .map((install) =>
      withFixes(
        makeFinding(ctx.notebook, {
          code: 'NH202',
          cellIndex: install.cellIndex,
          range: install.commandRange,
          message:
            "'!pip install' installs into whatever pip comes first on the PATH, which may not be the kernel's environment; use %pip install",
        }),
        [shellToMagicFix(install)],
      ),
    );
}

/** `pip install -t DIR`: the packages go into the folder named, not into the environment of the PATH's pip. */
const TARGET_FOLDER = /(?:^|\s)(?:-t|--target)(?:=|\s|$)/;

/** The command words the notebook runs with `!` (`!gdown ...` gives `gdown`), normalized like package names. */
function shellCommandsRun(ctx: RuleContext): Set<string> {
  const commands = new Set<string>();
  for (const { analysis } of ctx.model.codeCells) {
    for (const escape of analysis.scanned.escapes)
      if (escape.kind === 'shell' && escape.name) commands.add(normalizeName(escape.name));
  }
  return commands;
}

/** Every package of the install is a command-line tool the notebook runs with `!`: the PATH pip is the right one. */
function installsOnlyCommands(install: InstallCommand, commands: ReadonlySet<string>): boolean {
  return install.packages.length > 0 && install.packages.every((request) => commands.has(normalizeName(request.name)));
}
