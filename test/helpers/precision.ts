// The labelled precision sample: corpus findings labelled right / wrong / noise / artefact, each with a reason read
// from the notebook (test/precision/*.tsv), matched to what the engine reports now.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../../src/core/engine';
import type { Finding } from '../../src/core/types';

export const LABELS_FOLDER = 'test/precision';
/** The committed per-rule precision that docs/rules.md prints (written by `npm run precision -- --write`). */
export const PRECISION_FILE = 'test/precision/precision.json';

/** artefact: true only because of how the corpus was built (a manifest left out, a fixture invalid on purpose). */
export type Label = 'right' | 'wrong' | 'noise' | 'artefact';

export interface RulePrecision {
  /** Labels of findings reported now, artefacts left out. */
  labelled: number;
  right: number;
  wrong: number;
  noise: number;
  artefact: number;
  /** Labels whose finding is no longer reported. */
  gone: number;
  /** Findings of the rule reported now on the corpus. */
  findings: number;
}

/** The place a label names: code, notebook, 1-based cell (empty for the whole notebook), line and column. */
export function labelKey(finding: Finding): string {
  const cell = finding.cellIndex === null ? '' : String(finding.cellIndex + 1);
  return [finding.code, finding.notebook, cell, finding.range.start.line + 1, finding.range.start.character + 1].join(
    '\t',
  );
}

/** Every label row's label and reason by the place it names; a later file's row of the same place wins. */
export function readLabelRows(): Map<string, { label: Label; reason: string }> {
  const rows = new Map<string, { label: Label; reason: string }>();
  for (const name of readdirSync(LABELS_FOLDER)
    .filter((file) => file.endsWith('.tsv'))
    .sort()) {
    for (const row of readFileSync(join(LABELS_FOLDER, name), 'utf8').trim().split('\n').slice(1)) {
      const columns = row.split('\t');
      rows.set(columns.slice(0, 5).join('\t'), { label: columns[5] as Label, reason: columns.slice(6).join('\t') });
    }
  }
  return rows;
}

/** Every labels file of the folder, each with its header line; a later file's label of the same place wins. */
export function readLabels(): Map<string, Label> {
  return new Map([...readLabelRows()].map(([key, { label }]) => [key, label]));
}

export function precisionByRule(
  results: Iterable<CheckResult>,
  labels: ReadonlyMap<string, Label>,
): Map<string, RulePrecision> {
  const perCode = new Map<string, RulePrecision>();
  const of = (code: string) => {
    let counts = perCode.get(code);
    if (!counts)
      perCode.set(code, (counts = { labelled: 0, right: 0, wrong: 0, noise: 0, artefact: 0, gone: 0, findings: 0 }));
    return counts;
  };
  const reported = new Set<string>();
  for (const result of results) {
    for (const finding of result.findings) {
      reported.add(labelKey(finding));
      of(finding.code).findings++;
    }
  }
  for (const [key, label] of labels) {
    const counts = of(key.split('\t')[0]!);
    if (!reported.has(key)) counts.gone++;
    else {
      counts[label]++;
      if (label !== 'artefact') counts.labelled++;
    }
  }
  return new Map([...perCode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function precisionOf(counts: RulePrecision): number | null {
  return counts.labelled === 0 ? null : counts.right / counts.labelled;
}
