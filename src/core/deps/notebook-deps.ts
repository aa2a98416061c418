// What the notebook itself says about dependencies: its installs, a PEP 723 block in the first code cell, the
// modules it writes with %%writefile, and its imports resolved to distributions.
import type { NotebookModel } from '../analysis/notebook-model';
import type { ImportFact } from '../analysis/facts';
import { kernelFacts } from '../python/builtins';
import { findInstalls, type InstallCommand, type PackageRequest } from './installs';
import { parsePep723 } from './manifests/pep723';
import type { Declaration, Lock, LockEntry, Manifest } from './dependency-data';
import type { ProjectContext } from './project';
import { createResolver, type ResolvedImport, type Resolver } from './resolve';

export interface NotebookImport {
  cellIndex: number;
  fact: ImportFact;
  resolved: ResolvedImport;
}

export interface DeclarationRef {
  manifest: Manifest;
  declaration: Declaration;
}

export interface LockRef {
  lock: Lock;
  entry: LockEntry;
}

export interface InstallRef {
  install: InstallCommand;
  request: PackageRequest;
}

export interface NotebookDependencies {
  installs: InstallCommand[];
  /** The project's manifests, and the notebook's PEP 723 block first when it has one. */
  manifests: Manifest[];
  locks: Lock[];
  imports: NotebookImport[];
  declared: Map<string, DeclarationRef[]>;
  locked: Map<string, LockRef[]>;
  installed: Map<string, InstallRef[]>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `%%writefile helpers.py` (or `pkg/mod.py`) makes `helpers` (or `pkg`) importable. */
export function writtenModules(model: NotebookModel): string[] {
  const names: string[] = [];
  for (const { analysis } of model.codeCells) {
    for (const escape of analysis.scanned.escapes) {
      if (escape.kind !== 'cell-magic' || (escape.name !== 'writefile' && escape.name !== 'file')) continue;
      const target = escape.args
        .split(/\s+/)
        .filter((word) => word !== '' && !word.startsWith('-'))
        .pop();
      const m = target ? /^(?:\.\/)?([A-Za-z_]\w*)(?:\/|\.py$)/.exec(target.replace(/^["']|["']$/g, '')) : null;
      if (m) names.push(m[1]!);
    }
  }
  return names;
}

export function pep723Manifest(model: NotebookModel): Manifest | null {
  const first = model.codeCells[0];
  if (!first) return null;
  const parsed = parsePep723(first.cell.source);
  if (!parsed) return null;
  return { path: model.notebook.path, kind: 'pep723', text: first.cell.source, cellIndex: first.cell.index, ...parsed };
}

export function collectNotebookDependencies(
  model: NotebookModel,
  project: ProjectContext | null,
): NotebookDependencies {
  const installs = model.codeCells.flatMap(({ cell, analysis }) =>
    findInstalls(cell.index, cell.source, analysis.scanned.escapes),
  );
  const pep723 = pep723Manifest(model);
  const manifests = [...(pep723 ? [pep723] : []), ...(project?.manifests ?? [])];
  const locks = project?.locks ?? [];
  const resolver = createResolver({
    localModules: [...(project?.localModules ?? []), ...writtenModules(model)],
    installed: project?.installed ?? null,
    importMapExtensions: project?.importMap ?? {},
  });
  // Under a sparkmagic kernel the cells import from the Spark cluster's Python: no local manifest or install serves them.
  const remote = kernelFacts(model.notebook).livy;
  const imports = (remote ? [] : model.codeCells).flatMap(({ cell, analysis }) =>
    analysis.facts.imports.flatMap((fact) =>
      resolveFact(resolver, fact).map((resolved) => ({ cellIndex: cell.index, fact, resolved })),
    ),
  );
  const declared = new Map<string, DeclarationRef[]>();
  for (const manifest of manifests)
    for (const declaration of manifest.declarations) push(declared, declaration.key, { manifest, declaration });
  const locked = new Map<string, LockRef[]>();
  for (const lock of locks) for (const entry of lock.entries) push(locked, entry.key, { lock, entry });
  const installed = new Map<string, InstallRef[]>();
  for (const install of installs)
    for (const request of install.packages) push(installed, request.key, { install, request });
  return { installs, manifests, locks, imports, declared, locked, installed };
}

/**
 * The names after `import` in `from X import a, b as c`: ['a', 'b'], from the walker's bindings (`c` → `X.b`), so the
 * import statement is read once, by the parser. Empty for `import X` (its binding names X itself or its first part)
 * and for `from X import *`.
 */
export function importedNames(fact: ImportFact): string[] {
  const prefix = `${'.'.repeat(fact.level)}${fact.module}.`;
  return fact.bindings
    .filter(([, target]) => target.startsWith(prefix))
    .map(([, target]) => target.slice(prefix.length));
}

/**
 * `from google.cloud import storage` names a namespace package by its parent: when `X.name` is what the installed
 * environment or the import map knows (more precisely than X), each imported name gets its own distribution.
 */
function resolveFact(resolver: Resolver, fact: ImportFact): ResolvedImport[] {
  const whole = resolver.resolve(fact.module, fact.level);
  if (
    fact.level > 0 ||
    whole.how === 'stdlib' ||
    whole.how === 'local' ||
    (whole.matched !== undefined && whole.matched !== fact.module.split('.')[0])
  )
    return [whole];
  const deeper = importedNames(fact)
    .map((name) => resolver.resolve(`${fact.module}.${name}`, 0))
    .filter((r) => r.matched !== undefined && r.matched.length > fact.module.length);
  if (deeper.length === 0) return [whole];
  const seen = new Set<string>();
  return deeper.filter((r) => {
    const id = r.keys[0] ?? r.module;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Third-party imports, the first import of each distribution only, in notebook order. */
export function firstImportPerDistribution(imports: readonly NotebookImport[]): NotebookImport[] {
  const seen = new Set<string>();
  const out: NotebookImport[] = [];
  for (const item of imports) {
    const { distribution, keys } = item.resolved;
    if (distribution === null || keys.length === 0) continue;
    const id = keys[0]!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(item);
  }
  return out;
}

/** The module as the import statement wrote it (`.utils` for a relative import), or the submodule it resolved by (`google.cloud.storage`). */
export function importLabel(item: NotebookImport): string {
  if (item.resolved.module.startsWith(`${item.fact.module}.`)) return item.resolved.module;
  return '.'.repeat(item.fact.level) + item.fact.module;
}
