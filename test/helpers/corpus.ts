// The shared corpus of real notebooks, at ../shared/corpus beside the project (on developer machines and in CI).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { NODE_HOST } from '../../src/cli/node-host';
import { loadProjectContext } from '../../src/core/deps/project';
import type { CheckResult, Engine } from '../../src/core/engine';
import type { Finding } from '../../src/core/types';
import { testEngine } from './notebook';

export const CORPUS_ROOT = resolve(process.cwd(), '../shared/corpus');
export const CORPUS_NOTEBOOKS = join(CORPUS_ROOT, 'notebooks');

/** Every .ipynb under the corpus, sorted, as absolute paths. */
export function corpusNotebooks(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ipynb')) found.push(full);
    }
  };
  walk(CORPUS_NOTEBOOKS);
  return found.sort();
}

/** A corpus notebook's name as the snapshot and reports show it: relative to corpus/notebooks. */
export function corpusName(path: string): string {
  return relative(CORPUS_NOTEBOOKS, path);
}

/** Where the committed findings of the whole corpus are, one finding a line (see snapshotLine). */
export const FINDINGS_SNAPSHOT = 'test/corpus/findings.jsonl';

/**
 * Every corpus notebook checked as the CLI checks a project: each source repository is its own project, its folder
 * the root the manifest search stops at. Results keyed by corpusName, in sorted order.
 */
export async function checkCorpus(engine?: Engine): Promise<Map<string, CheckResult>> {
  engine ??= await testEngine();
  const results = new Map<string, CheckResult>();
  for (const file of corpusNotebooks()) {
    const workspaceRoot = join(CORPUS_NOTEBOOKS, corpusName(file).split('/')[0]!);
    const project = await loadProjectContext(file, NODE_HOST, { workspaceRoot });
    results.set(corpusName(file), engine.check(readFileSync(file, 'utf8'), corpusName(file), undefined, project));
  }
  return results;
}

/** A finding whole, as the snapshot keeps it: paths of files the fixes would write start at the corpus folder. */
export function snapshotLine(finding: Finding): string {
  return JSON.stringify(finding).split(CORPUS_NOTEBOOKS).join('<corpus>');
}

/** `notebook:cell 3:2:5: NH102 message`, as `nbhygiene check` prints it. */
export function findingText(finding: Finding): string {
  const { line, character } = finding.range.start;
  const cell = finding.cellIndex === null ? '' : `:cell ${finding.cellIndex + 1}`;
  return `${finding.notebook}${cell}:${line + 1}:${character + 1}: ${finding.code} ${finding.message.replace(/\s*\n\s*/g, ' ')}`;
}
