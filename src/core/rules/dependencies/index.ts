// The dependencies rules (NH201–NH207), in code order: the order they run in and the docs list them in.
import { defineFamily } from '../rule';
import { unpinnedInstall } from './unpinned-install';
import { shellInstall } from './shell-install';
import { undeclaredImport } from './undeclared-import';
import { unpinnedDeclaration } from './unpinned-declaration';
import { conflictingVersions } from './conflicting-versions';
import { noManifest } from './no-manifest';
import { lateImport } from './late-import';

export const DEPENDENCIES_FAMILY = defineFamily({
  id: 'dependencies',
  title: 'Dependencies',
  intro: `What the notebook needs, and whether next month's run gets the same versions. Declarations come from the
manifests between the notebook's folder and the project root (the folder with \`.git\`, or the workspace):
\`requirements*.txt\` and \`requirements/*.txt\` (with \`-r\`/\`-c\` includes, hashes, markers), \`pyproject.toml\` (PEP 621,
PEP 735 groups, Poetry, PDM, uv), \`environment.yml\` (with its \`pip:\` list), \`Pipfile\`, \`setup.cfg\`, and a PEP 723
\`# /// script\` block in the first code cell. Lock files (\`uv.lock\`, \`poetry.lock\`, \`pdm.lock\`, \`Pipfile.lock\`,
\`pylock.toml\`, \`conda-lock.yml\`, and pip-compile output) pin what they list. **Pinned** means \`==\` without a
wildcard, \`===\`, a \`--hash\`, a direct reference to a file or commit, or a lock entry; \`~=\`, \`>=\`, \`==1.2.*\`, a bare
name and conda's \`numpy=1.26\` are not pinned.

An import resolves to a distribution through, in order: the standard library (3.8–3.13), local modules (\`.py\`
files and packages beside the notebook or under \`src/\`, \`%%writefile\` targets), the installed environment's
\`dist-info\` files (\`top_level.txt\`, \`RECORD\`; never by running Python), a curated map of names that differ
(\`sklearn\` → \`scikit-learn\`, \`cv2\` → \`opencv-python\`, \`PIL\` → \`pillow\`, ...), then the import name itself.
Every message says which one resolved it. Extend the map in \`pyproject.toml\`:

\`\`\`toml
[tool.nbhygiene.import-map]
cv2 = "opencv-python-headless"
\`\`\`

The pin fixes take the version from the installed environment, else from a lock file; in the editor, when
neither knows it, the fix asks for the version (the CLI skips it).`,
  rules: [
    unpinnedInstall,
    shellInstall,
    undeclaredImport,
    unpinnedDeclaration,
    conflictingVersions,
    noManifest,
    lateImport,
  ],
});
