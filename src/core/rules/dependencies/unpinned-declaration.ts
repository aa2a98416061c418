// NH204 unpinned-declaration: An imported distribution is declared in a manifest without a pin and no lock file pins it.
import {
  askingPinFix,
  knownVersion,
  pinDeclarationFix,
  pinDeclarationPlan,
  VERSION_PLACEHOLDER,
} from '../../refactor/dependency-fixes';
import type { Finding } from '../../types';
import { makeFinding, withFixes, type RuleContext } from '../context';
import { defineRule } from '../rule';
import { depsOf, thirdParty } from './dependency-facts';
import { declarationLocation, describeImport, manifestLabel } from './labels';

export const unpinnedDeclaration = defineRule({
  code: 'NH204',
  name: 'unpinned-declaration',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: 'An imported distribution is declared in a manifest without a pin and no lock file pins it.',
  docs: `Declared in a manifest without a pin and pinned by no lock file: \`import pandas\` with
\`pandas>=2.0\` in \`requirements.txt\`. Reported on the import in the notebook, with related information pointing at
the manifest lines. Not reported when any manifest pins it, a lock file lists it, or a notebook install pins it
(\`%pip install pandas==2.2.2\`). *Fix:* pin the declaration in the manifest, or add a lock file.`,
  run: findUnpinnedDeclarations,
});

function findUnpinnedDeclarations(ctx: RuleContext): Finding[] {
  const project = ctx.project;
  if (!project) return [];
  const deps = depsOf(ctx);
  const findings: Finding[] = [];
  for (const item of thirdParty(deps)) {
    const keys = item.resolved.keys;
    const refs = keys.flatMap((key) => deps.declared.get(key) ?? []);
    if (refs.length === 0 || refs.some((ref) => ref.declaration.pinned)) continue;
    if (keys.some((key) => deps.locked.has(key))) continue;
    if (keys.some((key) => (deps.installed.get(key) ?? []).some((ref) => ref.request.pinned))) continue;
    const first = refs[0]!;
    const declared = first.declaration.specifier === '' ? 'without a version' : `as '${first.declaration.specifier}'`;
    const known = knownVersion(project, keys);
    const finding = makeFinding(ctx.notebook, {
      code: 'NH204',
      cellIndex: item.cellIndex,
      range: item.fact.range,
      message: `${describeImport(item, first.declaration.name)} is declared in ${manifestLabel(ctx, first.manifest)} ${declared}, and no lock file pins it`,
      related: refs.map((ref) => declarationLocation(ref, `${ref.declaration.name} is declared here without a pin`)),
    });
    const pinnable = refs.find((ref) => ref.declaration.pinEdit !== null);
    const pinFix = !pinnable
      ? null
      : known
        ? pinDeclarationFix(pinnable.manifest, pinnable.declaration, known, manifestLabel(ctx, pinnable.manifest))
        : askingPinFix(
            pinnable.declaration.name,
            pinDeclarationPlan(pinnable.manifest, pinnable.declaration, VERSION_PLACEHOLDER),
          );
    findings.push(withFixes(finding, [pinFix]));
  }
  return findings;
}
