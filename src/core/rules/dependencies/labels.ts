// How the dependencies findings name a manifest, an import and the manifest line a related location points at.
import type { Manifest } from '../../deps/dependency-data';
import { importLabel, type DeclarationRef, type NotebookImport } from '../../deps/notebook-deps';
import { HOW_LABEL } from '../../deps/resolve';
import { relativePath } from '../../paths';
import type { RelatedLocation } from '../../types';
import { cellLabel, type RuleContext } from '../context';

export function manifestLabel(ctx: RuleContext, manifest: Manifest): string {
  if (manifest.cellIndex !== undefined) return `the '# /// script' block in ${cellLabel(manifest.cellIndex)}`;
  return ctx.project ? relativePath(ctx.project.notebookDir, manifest.path) : manifest.path;
}

export function declarationLocation(ref: DeclarationRef, message: string): RelatedLocation {
  const { manifest, declaration } = ref;
  if (manifest.cellIndex !== undefined) return { message, cellIndex: manifest.cellIndex, range: declaration.range };
  return { message, cellIndex: null, file: manifest.path, range: declaration.range };
}

export function howNote(item: NotebookImport): string {
  return `resolved by the ${HOW_LABEL[item.resolved.how]}`;
}

/** `scikit-learn (imported as 'sklearn', resolved by the import map)`. */
export function describeImport(item: NotebookImport, distribution: string): string {
  return `${distribution} (imported as '${importLabel(item)}', ${howNote(item)})`;
}
