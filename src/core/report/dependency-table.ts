// The dependency table of a report: every module the notebook imports (standard library left out), the distribution
// it resolved to and how, where it is declared (manifests, lock files, the notebook's own installs) and whether that
// pins a version. The same facts NH201-NH207 use (src/core/deps/notebook-deps.ts).
import type { NotebookModel } from '../analysis/notebook-model';
import { collectNotebookDependencies, importLabel } from '../deps/notebook-deps';
import type { ProjectContext } from '../deps/project';
import { HOW_LABEL, type ResolvedHow } from '../deps/resolve';
import { relativePath } from '../paths';

export interface DependencyRow {
  /** As imported: `sklearn`, `.utils`. */
  module: string;
  /** 0-based cell of the first import. */
  cellIndex: number;
  /** null for local modules and platform-provided imports. */
  distribution: string | null;
  how: ResolvedHow;
  howLabel: string;
  /** `requirements.txt`, `uv.lock`, `%pip in cell 2`, `# /// script in cell 1`; empty when undeclared. */
  declaredIn: string[];
  pinned: boolean;
  /** The pinned version, else the locked one, else the installed one; null when none is known. */
  version: string | null;
}

export function buildDependencyTable(model: NotebookModel, project: ProjectContext | null): DependencyRow[] {
  const deps = collectNotebookDependencies(model, project);
  const where = (path: string) => (project ? relativePath(project.notebookDir, path) : path);
  const rows: DependencyRow[] = [];
  const seen = new Set<string>();
  for (const item of deps.imports) {
    const { resolved } = item;
    if (resolved.how === 'stdlib') continue;
    const module = importLabel(item);
    const id = `${module}>${resolved.distribution ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const declaredIn: string[] = [];
    let pinned = false;
    let version: string | null = null;
    for (const key of resolved.keys) {
      for (const { manifest, declaration } of deps.declared.get(key) ?? []) {
        declaredIn.push(
          manifest.cellIndex !== undefined ? `# /// script in cell ${manifest.cellIndex + 1}` : where(manifest.path),
        );
        if (declaration.pinned) pinned = true;
        version ??= declaration.version;
      }
      for (const { lock, entry } of deps.locked.get(key) ?? []) {
        declaredIn.push(where(lock.path));
        pinned = true;
        version ??= entry.version;
      }
      for (const { install, request } of deps.installed.get(key) ?? []) {
        declaredIn.push(`${install.via === 'shell' ? '!' : '%'}${install.tool} in cell ${install.cellIndex + 1}`);
        if (request.pinned) pinned = true;
        version ??= request.version;
      }
    }
    version ??= resolved.installed?.version ?? null;
    rows.push({
      module,
      cellIndex: item.cellIndex,
      distribution: resolved.distribution,
      how: resolved.how,
      howLabel: HOW_LABEL[resolved.how],
      declaredIn: [...new Set(declaredIn)],
      pinned,
      version,
    });
  }
  return rows;
}
