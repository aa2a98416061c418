// NH205 conflicting-versions: A notebook install pins a version other than the manifest's or the lock file's.
import { eq as versionsEqual, satisfies, validRange } from '@renovatebot/pep440';
import { relativePath } from '../../paths';
import { pinInstallPlan } from '../../refactor/dependency-fixes';
import type { Finding, RelatedLocation } from '../../types';
import { makeFinding, withFixes, type RuleContext } from '../context';
import { defineRule } from '../rule';
import { depsOf } from './dependency-facts';
import { declarationLocation, manifestLabel } from './labels';

export const conflictingVersions = defineRule({
  code: 'NH205',
  name: 'conflicting-versions',
  family: 'dependencies',
  defaultSeverity: 'warning',
  summary: "A notebook install pins a version other than the manifest's or the lock file's.",
  docs: `A notebook install pins a version other than the manifest's or the lock file's:
\`%pip install pandas==2.1.0\` with \`pandas==2.2.2\` in \`requirements.txt\`, or with a range that excludes it
(\`pandas>=2.2\`). Not reported: installs without a pin (NH201), and a range the pinned version satisfies. *Fix:*
install the version the manifest or lock file pins (offered when one pins it), or keep one version, in the manifest.`,
  run: findConflictingVersions,
});

function findConflictingVersions(ctx: RuleContext): Finding[] {
  if (!ctx.project) return [];
  const deps = depsOf(ctx);
  const findings: Finding[] = [];
  for (const install of deps.installs) {
    for (const request of install.packages) {
      const pinned = request.version;
      if (pinned === null) continue;
      const related: RelatedLocation[] = [];
      let wanted: string | null = null;
      for (const ref of deps.declared.get(request.key) ?? []) {
        const { declaration } = ref;
        const conflict =
          declaration.version !== null
            ? !sameVersion(declaration.version, pinned)
            : declaration.ecosystem === 'pypi' &&
              declaration.pinEdit?.style === 'pep508' &&
              declaration.specifier !== '' &&
              !allows(declaration.specifier, pinned);
        if (!conflict) continue;
        wanted ??= declaration.version;
        related.push(
          declarationLocation(
            ref,
            `${manifestLabel(ctx, ref.manifest)} has ${declaration.name} ${declaration.specifier}`,
          ),
        );
      }
      for (const { lock, entry } of deps.locked.get(request.key) ?? []) {
        if (
          sameVersion(entry.version, pinned) ||
          related.some((r) => r.file === lock.path && r.range.start.line === entry.range.start.line)
        )
          continue;
        wanted ??= entry.version;
        related.push({
          message: `${relativePath(ctx.project.notebookDir, lock.path)} locks ${entry.name} ${entry.version}`,
          cellIndex: null,
          file: lock.path,
          range: entry.range,
        });
      }
      if (related.length === 0) continue;
      const finding = makeFinding(ctx.notebook, {
        code: 'NH205',
        cellIndex: install.cellIndex,
        range: request.range,
        message: `${request.name} is installed as ${pinned} here, but ${related.map((r) => r.message).join('; ')}`,
        related,
      });
      const plan = wanted ? pinInstallPlan(request, install.cellIndex, wanted) : null;
      findings.push(
        withFixes(finding, [
          plan && {
            title: `Install ${request.name} ${wanted} as the project declares`,
            safe: false,
            isPreferred: true,
            plan,
          },
        ]),
      );
    }
  }
  return findings;
}

function sameVersion(a: string, b: string): boolean {
  try {
    return versionsEqual(a, b);
  } catch {
    return a === b;
  }
}

function allows(specifier: string, version: string): boolean {
  try {
    return !validRange(specifier) || satisfies(version, specifier);
  } catch {
    return true;
  }
}
