// The notebook's dependency facts (installs, imports, declarations, locks), computed once for the six rules that
// read them, and the questions more than one of those rules asks.
import {
  collectNotebookDependencies,
  firstImportPerDistribution,
  type NotebookDependencies,
  type NotebookImport,
} from '../../deps/notebook-deps';
import type { ProjectContext } from '../../deps/project';
import type { RuleContext } from '../context';

const cache = new WeakMap<object, { project: ProjectContext | null; deps: NotebookDependencies }>();

/** The dependency facts of this notebook, computed once for all the rules that read them. */
export function depsOf(ctx: RuleContext): NotebookDependencies {
  const project = ctx.project ?? null;
  const cached = cache.get(ctx.model);
  if (cached && cached.project === project) return cached.deps;
  const deps = collectNotebookDependencies(ctx.model, project);
  cache.set(ctx.model, { project, deps });
  return deps;
}

export function hasManifest(deps: NotebookDependencies): boolean {
  return deps.manifests.length > 0 || deps.locks.length > 0;
}

export function thirdParty(deps: NotebookDependencies): NotebookImport[] {
  return firstImportPerDistribution(deps.imports);
}
