// `npm run precision`: per rule, how many of the labelled corpus findings (test/precision/*.tsv) were right,
// wrong or noise, counting only labels whose finding the working tree still reports. A label is judged from the
// notebook, never from what the rule says; relabel when a rule's findings change.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCorpus } from '../test/helpers/corpus';
import type { Finding } from '../src/core/types';

const LABELS = 'test/precision';

interface Label {
  key: string;
  label: 'right' | 'wrong' | 'noise';
}

/** The place a label names: code, notebook, 1-based cell (empty for the whole notebook), line and column. */
function keyOf(finding: Finding): string {
  const cell = finding.cellIndex === null ? '' : String(finding.cellIndex + 1);
  return [finding.code, finding.notebook, cell, finding.range.start.line + 1, finding.range.start.character + 1].join(
    '\t',
  );
}

/** Every labels file of the folder (labels.tsv, and one per later review), each with its header line. */
function readLabels(): Label[] {
  const files = readdirSync(LABELS).filter((name) => name.endsWith('.tsv'));
  const rows = files.flatMap((name) => readFileSync(join(LABELS, name), 'utf8').trim().split('\n').slice(1));
  return rows.map((row) => {
    const columns = row.split('\t');
    return { key: columns.slice(0, 5).join('\t'), label: columns[5] as Label['label'] };
  });
}

async function main(): Promise<void> {
  const reported = new Set<string>();
  for (const result of (await checkCorpus()).values())
    for (const finding of result.findings) reported.add(keyOf(finding));
  const perCode = new Map<string, { right: number; wrong: number; noise: number; gone: number }>();
  for (const { key, label } of readLabels()) {
    const code = key.split('\t')[0]!;
    const counts = perCode.get(code) ?? { right: 0, wrong: 0, noise: 0, gone: 0 };
    if (reported.has(key)) counts[label]++;
    else counts.gone++;
    perCode.set(code, counts);
  }
  console.log('code\tlabelled\tright\twrong\tnoise\tprecision\t(labels of findings no longer reported)');
  for (const [code, counts] of [...perCode].sort()) {
    const labelled = counts.right + counts.wrong + counts.noise;
    const precision = labelled === 0 ? '-' : (counts.right / labelled).toFixed(2);
    console.log(
      `${code}\t${labelled}\t${counts.right}\t${counts.wrong}\t${counts.noise}\t${precision}\t(${counts.gone})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
