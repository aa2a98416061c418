// Dependency fixes as EditPlans: pin an install or a declaration, add distributions to the project's manifest
// (or create requirements.txt), rewrite `!pip install` as `%pip install`, move the notebook's installs into
// requirements.txt. Planners take the version to pin; the rules pass the installed or locked one, and the editor
// can ask the user for one when neither is known.
import type { NotebookModel } from '../analysis/notebook-model';
import type { InstallCommand, PackageRequest } from '../deps/installs';
import type { Declaration, Manifest, PinStyle } from '../deps/dependency-data';
import { normalizeName } from '../deps/normalize';
import { joinPath, relativePath } from '../paths';
import type { ProjectContext } from '../deps/project';
import type { CellTextEdit, EditPlan, Fix, Range } from '../types';
import { applyTextEdits } from './apply-plan';
import { addToPyprojectText, addToRequirementsText, inManifestOrder, type Addition } from './manifest-edits';

export interface KnownVersion {
  version: string;
  from: 'installed' | 'lock';
}

/** The version to pin: the installed one when the environment is known, else the one a lock file has. */
export function knownVersion(project: ProjectContext | null | undefined, keys: readonly string[]): KnownVersion | null {
  const dist = project?.installed?.distributions.find((d) => keys.includes(d.key));
  if (dist) return { version: dist.version, from: 'installed' };
  for (const lock of project?.locks ?? []) {
    const entry = lock.entries.find((e) => keys.includes(e.key));
    if (entry) return { version: entry.version, from: 'lock' };
  }
  return null;
}

function pinText(style: PinStyle, version: string): string {
  return style === 'poetry' ? version : `==${version}`;
}

function versionNote(known: KnownVersion): string {
  return known.from === 'installed' ? 'the installed version' : 'the locked version';
}

const EMPTY_PLAN: EditPlan = { cellEdits: [], fileEdits: [] };

export function pinInstallPlan(request: PackageRequest, cellIndex: number, version: string): EditPlan | null {
  if (!request.pinEdit) return null;
  return {
    ...EMPTY_PLAN,
    cellEdits: [{ cellIndex, range: request.pinEdit.range, newText: pinText(request.pinEdit.style, version) }],
  };
}

export function pinInstallFix(request: PackageRequest, cellIndex: number, known: KnownVersion): Fix | null {
  const plan = pinInstallPlan(request, cellIndex, known.version);
  return (
    plan && {
      title: `Pin ${request.name} to ${known.version} (${versionNote(known)})`,
      safe: true,
      isPreferred: true,
      plan,
    }
  );
}

/** Stands for the version in the plan of a pin fix that asks for it. */
export const VERSION_PLACEHOLDER = '\u0000VERSION\u0000';

/** "Pin x to a version…": for the editor, which asks the user which version (nothing installed or locked knows it). */
export function askingPinFix(name: string, plan: EditPlan | null): Fix | null {
  return (
    plan && {
      title: `Pin ${name} to a version…`,
      safe: false,
      isPreferred: false,
      plan,
      ask: { prompt: `Version of ${name} to pin (as in ==X.Y.Z)`, placeholder: VERSION_PLACEHOLDER, versionOf: name },
    }
  );
}

export function pinDeclarationPlan(manifest: Manifest, declaration: Declaration, version: string): EditPlan | null {
  if (!declaration.pinEdit) return null;
  const edit = { range: declaration.pinEdit.range, newText: pinText(declaration.pinEdit.style, version) };
  if (manifest.cellIndex !== undefined)
    return { ...EMPTY_PLAN, cellEdits: [{ cellIndex: manifest.cellIndex, ...edit }] };
  return {
    cellEdits: [],
    fileEdits: [
      { path: manifest.path, expectedOldText: manifest.text, newText: applyTextEdits(manifest.text, [edit]) },
    ],
  };
}

export function pinDeclarationFix(
  manifest: Manifest,
  declaration: Declaration,
  known: KnownVersion,
  label: string,
): Fix | null {
  const plan = pinDeclarationPlan(manifest, declaration, known.version);
  return (
    plan && {
      title: `Pin ${declaration.name} to ${known.version} in ${label} (${versionNote(known)})`,
      safe: true,
      isPreferred: true,
      plan,
    }
  );
}

/** `!pip install x` / `!python -m pip install x` → `%pip install x`, which installs into the kernel's environment. */
export function shellToMagicFix(install: InstallCommand): Fix | null {
  if (!install.outsideKernel || install.tool !== 'pip' || !install.alone) return null;
  return {
    title: "Use %pip install (installs into the kernel's environment)",
    safe: true,
    isPreferred: true,
    plan: {
      ...EMPTY_PLAN,
      cellEdits: [{ cellIndex: install.cellIndex, range: install.commandRange, newText: '%pip' }],
    },
  };
}

export type ManifestTarget =
  { kind: 'requirements' | 'pyproject'; manifest: Manifest } | { kind: 'create'; path: string };

function isPlainRequirements(manifest: Manifest): boolean {
  return manifest.kind === 'requirements' && !manifest.compiled;
}

function hasProjectTable(manifest: Manifest): boolean {
  return manifest.kind === 'pyproject' && /^\s*\[(project|tool\.poetry\.dependencies)\]\s*$/m.test(manifest.text);
}

/**
 * The manifest the project already uses: requirements.txt (nearest first), else pyproject.toml's dependencies,
 * else another plain requirements*.txt; a new requirements.txt at the project root when there is no manifest at
 * all; null when the project declares its dependencies some other way (environment.yml, Pipfile, setup.cfg).
 */
export function chooseManifestTarget(project: ProjectContext): ManifestTarget | null {
  const files = project.manifests.filter((m) => m.cellIndex === undefined);
  const requirements = files.find((m) => isPlainRequirements(m) && /(^|\/)requirements\.txt$/.test(m.path));
  if (requirements) return { kind: 'requirements', manifest: requirements };
  const pyproject = files.find(hasProjectTable);
  if (pyproject) return { kind: 'pyproject', manifest: pyproject };
  const other = files.find(isPlainRequirements) ?? files.find((m) => m.kind === 'requirements');
  if (other) return { kind: 'requirements', manifest: other };
  if (files.length === 0) return { kind: 'create', path: joinPath(project.root, 'requirements.txt') };
  return null;
}

export function targetLabel(project: ProjectContext, target: ManifestTarget): string {
  const path = target.kind === 'create' ? target.path : target.manifest.path;
  return relativePath(project.notebookDir, path);
}

export function addDependenciesPlan(target: ManifestTarget, additions: readonly Addition[]): EditPlan | null {
  if (additions.length === 0) return null;
  if (target.kind === 'create') {
    return {
      cellEdits: [],
      fileEdits: [{ path: target.path, expectedOldText: null, newText: addToRequirementsText('', additions) }],
    };
  }
  const { manifest } = target;
  const newText =
    target.kind === 'pyproject'
      ? addToPyprojectText(manifest.text, additions)
      : addToRequirementsText(manifest.text, additions);
  if (newText === null) return null;
  return { cellEdits: [], fileEdits: [{ path: manifest.path, expectedOldText: manifest.text, newText }] };
}

export function additionFor(name: string, known: KnownVersion | null): Addition {
  return { name, requirement: known ? `${name}==${known.version}` : name, version: known?.version ?? null };
}

export function addDependenciesFix(project: ProjectContext, additions: readonly Addition[]): Fix | null {
  const target = chooseManifestTarget(project);
  if (!target) return null;
  const plan = addDependenciesPlan(target, additions);
  if (!plan) return null;
  const names = inManifestOrder(additions)
    .map((a) => a.requirement)
    .join(', ');
  const where = targetLabel(project, target);
  const title = target.kind === 'create' ? `Create ${where} with ${names}` : `Add ${names} to ${where}`;
  return { title, safe: true, isPreferred: true, plan };
}

/** Removes an install escape: the whole line when nothing else is on it, `pass` where a block needs a statement. */
function removalEdit(model: NotebookModel, install: InstallCommand): CellTextEdit {
  const source = model.notebook.cells[install.cellIndex]!.source;
  const lines = source.split('\n');
  const { start, end } = install.escape.range;
  const before = lines[start.line]!.slice(0, start.character);
  const after = lines[end.line]!.slice(end.character);
  if (before.trim() !== '' || after.trim() !== '')
    return { cellIndex: install.cellIndex, range: install.escape.range, newText: '' };
  if (before.length > 0) return { cellIndex: install.cellIndex, range: install.escape.range, newText: 'pass' };
  const range: Range =
    end.line + 1 < lines.length
      ? { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } }
      : { start: { line: start.line, character: 0 }, end: { line: end.line, character: lines[end.line]!.length } };
  return { cellIndex: install.cellIndex, range, newText: '' };
}

/**
 * Moves the notebook's pip installs into requirements.txt (the nearest one, or a new one beside the notebook) and
 * replaces the first install with `%pip install -r requirements.txt`; the other install lines go.
 */
export function moveInstallsFix(
  model: NotebookModel,
  project: ProjectContext,
  installs: readonly InstallCommand[],
): Fix | null {
  const movable = installs.filter(
    (i) => i.tool !== 'conda' && i.alone && i.requirementFiles.length === 0 && i.packages.length > 0,
  );
  if (movable.length === 0) return null;
  const target = chooseManifestTarget(project);
  const manifest = target?.kind === 'requirements' ? target.manifest : null;
  const path = manifest?.path ?? joinPath(project.notebookDir, 'requirements.txt');
  if (!manifest && project.manifests.some((m) => m.path === path)) return null;
  const declared = new Set(manifest?.declarations.map((d) => d.key) ?? []);
  const additions: Addition[] = [];
  for (const install of movable) {
    for (const request of install.packages) {
      const key = normalizeName(request.name);
      if (declared.has(key)) continue;
      declared.add(key);
      const written = request.raw.replace(/^(["'])(.*)\1$/, '$2');
      additions.push({ name: request.name, requirement: written, version: request.version });
    }
  }
  const fileEdits =
    additions.length === 0
      ? []
      : [
          {
            path,
            expectedOldText: manifest?.text ?? null,
            newText: addToRequirementsText(manifest?.text ?? '', additions),
          },
        ];
  const relative = relativePath(project.notebookDir, path);
  const quiet = movable.some((i) => i.flags.some((f) => /^-q+$|^--quiet$/.test(f))) ? ' -q' : '';
  const [first, ...rest] = movable;
  const cellEdits: CellTextEdit[] = [
    { cellIndex: first!.cellIndex, range: first!.escape.range, newText: `%pip install${quiet} -r ${relative}` },
    ...rest.map((install) => removalEdit(model, install)),
  ];
  return {
    title: `Move the notebook's installs into ${relative} and install it with %pip install -r ${relative}`,
    safe: false,
    isPreferred: false,
    plan: { cellEdits, fileEdits },
  };
}
