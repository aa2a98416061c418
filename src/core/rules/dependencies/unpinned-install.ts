// NH201 unpinned-install: A notebook installs a package without pinning its version.
import { unpinnedInstall as check } from './checks';
import { defineRule } from '../rule';

export const unpinnedInstall = defineRule({
  code: 'NH201',
  name: 'unpinned-install',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: 'A notebook installs a package without pinning its version.',
  docs: `A notebook installs a package without a pin: \`%pip install pandas\`, \`!pip install
"tqdm>=4"\`, \`%conda install scipy=1.13\`. *Fix:* pin it (\`pandas==2.2.2\`), or move the notebook's installs into the
manifest and replace them with \`%pip install -r requirements.txt\`.`,
  run: check,
});
