// NH201–NH207: what the notebook installs, imports and declares, checked against the project's manifests, lock
// files and installed environment (ctx.project). Without a project context only NH201, NH202 and NH207 run.
import { eq as versionsEqual, satisfies, validRange } from '@renovatebot/pep440';
import {
  collectNotebookDependencies,
  firstImportPerDistribution,
  importLabel,
  type DeclarationRef,
  type NotebookDependencies,
  type NotebookImport,
} from '../../deps/notebook-deps';
import type { Manifest } from '../../deps/model';
import { relativePath } from '../../paths';
import type { ProjectContext } from '../../deps/project';
import { HOW_LABEL } from '../../deps/resolve';
import {
  addDependenciesFix,
  additionFor,
  askingPinFix,
  knownVersion,
  moveInstallsFix,
  pinDeclarationFix,
  pinDeclarationPlan,
  pinInstallFix,
  pinInstallPlan,
  shellToMagicFix,
  VERSION_PLACEHOLDER,
} from '../../refactor/dependency-fixes';
import type { Finding, RelatedLocation } from '../../types';
import { cellLabel, makeFinding, withFixes, type Rule, type RuleContext } from '../context';

const cache = new WeakMap<object, { project: ProjectContext | null; deps: NotebookDependencies }>();

/** The dependency facts of this notebook, computed once for all seven rules. */
function depsOf(ctx: RuleContext): NotebookDependencies {
  const project = ctx.project ?? null;
  const cached = cache.get(ctx.model);
  if (cached && cached.project === project) return cached.deps;
  const deps = collectNotebookDependencies(ctx.model, project);
  cache.set(ctx.model, { project, deps });
  return deps;
}

function manifestLabel(ctx: RuleContext, manifest: Manifest): string {
  if (manifest.cellIndex !== undefined) return `the '# /// script' block in ${cellLabel(manifest.cellIndex)}`;
  return ctx.project ? relativePath(ctx.project.notebookDir, manifest.path) : manifest.path;
}

function declarationLocation(ref: DeclarationRef, message: string): RelatedLocation {
  const { manifest, declaration } = ref;
  if (manifest.cellIndex !== undefined) return { message, cellIndex: manifest.cellIndex, range: declaration.range };
  return { message, cellIndex: null, file: manifest.path, range: declaration.range };
}

function howNote(item: NotebookImport): string {
  return `resolved by the ${HOW_LABEL[item.resolved.how]}`;
}

/** `scikit-learn (imported as 'sklearn', resolved by the import map)`. */
function describeImport(item: NotebookImport, distribution: string): string {
  return `${distribution} (imported as '${importLabel(item)}', ${howNote(item)})`;
}

function hasManifest(deps: NotebookDependencies): boolean {
  return deps.manifests.length > 0 || deps.locks.length > 0;
}

function lockedKey(deps: NotebookDependencies, key: string): boolean {
  return deps.locked.has(key);
}

export const unpinnedInstall: Rule = (ctx) => {
  const deps = depsOf(ctx);
  const findings: Finding[] = [];
  for (const install of deps.installs) {
    for (const request of install.packages) {
      if (request.pinned || lockedKey(deps, request.key)) continue;
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
          known ? pinInstallFix(request, install.cellIndex, known) : askingPinFix(request.name, pinInstallPlan(request, install.cellIndex, VERSION_PLACEHOLDER)),
          ctx.project ? moveInstallsFix(ctx.model, ctx.project, deps.installs) : null,
        ]),
      );
    }
  }
  return findings;
};

export const shellInstall: Rule = (ctx) => {
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
};

function thirdParty(deps: NotebookDependencies): NotebookImport[] {
  return firstImportPerDistribution(deps.imports);
}

export const undeclaredImport: Rule = (ctx) => {
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
};

export const unpinnedDeclaration: Rule = (ctx) => {
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
        : askingPinFix(pinnable.declaration.name, pinDeclarationPlan(pinnable.manifest, pinnable.declaration, VERSION_PLACEHOLDER));
    findings.push(withFixes(finding, [pinFix]));
  }
  return findings;
};

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

export const conflictingVersions: Rule = (ctx) => {
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
        const conflict = declaration.version !== null ? !sameVersion(declaration.version, pinned) : declaration.ecosystem === 'pypi' && declaration.pinEdit?.style === 'pep508' && declaration.specifier !== '' && !allows(declaration.specifier, pinned);
        if (!conflict) continue;
        wanted ??= declaration.version;
        related.push(declarationLocation(ref, `${manifestLabel(ctx, ref.manifest)} has ${declaration.name} ${declaration.specifier}`));
      }
      for (const { lock, entry } of deps.locked.get(request.key) ?? []) {
        if (sameVersion(entry.version, pinned) || related.some((r) => r.file === lock.path && r.range.start.line === entry.range.start.line)) continue;
        wanted ??= entry.version;
        related.push({ message: `${relativePath(ctx.project.notebookDir, lock.path)} locks ${entry.name} ${entry.version}`, cellIndex: null, file: lock.path, range: entry.range });
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
      findings.push(withFixes(finding, [plan && { title: `Install ${request.name} ${wanted} as the project declares`, safe: false, isPreferred: true, plan }]));
    }
  }
  return findings;
};

export const noManifest: Rule = (ctx) => {
  const project = ctx.project;
  if (!project) return [];
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
    related: imports.map((item) => ({ message: `'${importLabel(item)}' needs ${item.resolved.distribution} (${howNote(item)})`, cellIndex: item.cellIndex, range: item.fact.range })),
  });
  const additions = imports.map((item) => additionFor(item.resolved.distribution!, knownVersion(project, item.resolved.keys)));
  return [withFixes(finding, [addDependenciesFix(project, additions)])];
};

export const lateImport: Rule = (ctx) => {
  const first = ctx.model.codeCells.find(({ analysis }) => analysis.facts.imports.length > 0);
  if (first === undefined) return [];
  const firstCell = first.cell.index;
  const start = { message: 'the imports start here', cellIndex: firstCell, range: first.analysis.facts.imports[0]!.range };
  const findings: Finding[] = [];
  for (const { cell, analysis } of ctx.model.codeCells) {
    if (cell.index <= firstCell) continue;
    for (const fact of analysis.facts.imports) {
      const module = '.'.repeat(fact.level) + fact.module;
      findings.push(
        makeFinding(ctx.notebook, {
          code: 'NH207',
          cellIndex: cell.index,
          range: fact.range,
          message: `'${module}' is imported in ${cellLabel(cell.index)}, below ${cellLabel(firstCell)} where the imports start; imports together at the top show what the notebook needs`,
          related: [start],
        }),
      );
    }
  }
  return findings;
};

