// NH203 undeclared-import: A third-party import whose distribution no manifest, lock file or notebook install declares.
import { addDependenciesFix, additionFor, knownVersion } from '../../refactor/dependency-fixes';
import type { Finding } from '../../types';
import { makeFinding, withFixes, type RuleContext } from '../context';
import { defineRule } from '../rule';
import { depsOf, hasManifest, thirdParty } from './dependency-facts';
import { describeImport } from './labels';

export const undeclaredImport = defineRule({
  code: 'NH203',
  name: 'undeclared-import',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: 'A third-party import whose distribution no manifest, lock file or notebook install declares.',
  docs: `A third-party import whose distribution no manifest, lock file or notebook install declares:
\`import sklearn\` with only \`pandas\` in \`requirements.txt\`. Reported once per distribution, at its first import.
Not reported: the standard library, local modules and \`%%writefile\` targets, modules the kernel provides
(\`IPython\`, \`google.colab\`), and any import when the project has no manifest or lock file at all (that is NH206).
*Fix:* add it to the manifest the project already uses (its style kept, sorted if it was sorted), pinned when the
version is known; \`requirements.txt\` is created when there is none. A project whose only manifests are
\`environment.yml\`, \`Pipfile\` or \`setup.cfg\` gets no fix.`,
  run: findUndeclaredImports,
});

function findUndeclaredImports(ctx: RuleContext): Finding[] {
  const project = ctx.project;
  if (!project) return [];
  const deps = depsOf(ctx);
  if (!hasManifest(deps)) return [];
  const findings: Finding[] = [];
  for (const item of thirdParty(deps)) {
    const keys = item.resolved.keys;
    if (keys.some((key) => deps.declared.has(key) || deps.locked.has(key) || deps.installed.has(key))) continue;
    const distribution = item.resolved.distribution!;
    const known = knownVersion(project, keys);
    const finding = makeFinding(ctx.notebook, {
      code: 'NH203',
      cellIndex: item.cellIndex,
      range: item.fact.range,
      message: `${describeImport(item, distribution)} is declared by no manifest, lock file or notebook install`,
    });
    findings.push(withFixes(finding, [addDependenciesFix(project, [additionFor(distribution, known)])]));
  }
  return findings;
}
