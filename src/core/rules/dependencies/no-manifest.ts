// NH206 no-manifest: The notebook imports third-party packages and no manifest exists up to the project root.
import { importLabel } from '../../deps/notebook-deps';
import { addDependenciesFix, additionFor, knownVersion } from '../../refactor/dependency-fixes';
import type { Finding } from '../../types';
import { makeFinding, withFixes, type RuleContext } from '../context';
import { defineRule } from '../rule';
import { depsOf, hasManifest, thirdParty } from './dependency-facts';
import { savedFromHostedKernel } from './hosted-kernel';
import { howNote } from './labels';

export const noManifest = defineRule({
  code: 'NH206',
  name: 'no-manifest',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: 'The notebook imports third-party packages and no manifest exists up to the project root.',
  docs: `The notebook imports third-party packages and there is no manifest or lock file anywhere up to
the project root: \`import pandas\` with no \`requirements.txt\`, \`pyproject.toml\`, \`environment.yml\`, \`Pipfile\` or
\`setup.cfg\` between the notebook and the folder with \`.git\`. Reported once, on the notebook, with related
information pointing at each import. Not reported when a PEP 723 \`# /// script\` block in the first code cell
declares the dependencies, when every import is standard library, local or provided by the kernel, or for a
notebook saved from Colab or Kaggle (\`colab\` or \`kaggle\` in its metadata, an \`import google.colab\`): the hosted
runtime is its environment, and its install cells say what it adds. Notebook installs do not count as a manifest. *Fix:* create \`requirements.txt\` at the project root with every imported
distribution, pinned when the version is known.`,
  run: findNoManifest,
});

function findNoManifest(ctx: RuleContext): Finding[] {
  const project = ctx.project;
  if (!project || savedFromHostedKernel(ctx)) return [];
  const deps = depsOf(ctx);
  if (hasManifest(deps)) return [];
  const imports = thirdParty(deps);
  if (imports.length === 0) return [];
  const names = imports.map((item) => item.resolved.distribution!);
  const listed = names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
  const finding = makeFinding(ctx.notebook, {
    code: 'NH206',
    cellIndex: null,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `the notebook imports ${listed}, but no requirements.txt, pyproject.toml, environment.yml, Pipfile, setup.cfg or lock file exists between it and the project root`,
    related: imports.map((item) => ({
      message: `'${importLabel(item)}' needs ${item.resolved.distribution} (${howNote(item)})`,
      cellIndex: item.cellIndex,
      range: item.fact.range,
    })),
  });
  const additions = imports.map((item) =>
    additionFor(item.resolved.distribution!, knownVersion(project, item.resolved.keys)),
  );
  return [withFixes(finding, [addDependenciesFix(project, additions)])];
}
