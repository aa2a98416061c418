// `npm run precision`: per rule, how many of the labelled corpus findings (test/precision/*.tsv) are right, wrong or
// noise, counting only labels whose finding the working tree still reports (artefacts of how the corpus was built are
// left out). `--write` records the figures in test/precision/precision.json, which docs/rules.md prints. A label is
// judged from the notebook, never from what the rule says; relabel when a rule's findings change.
// `--list NH401` prints that rule's findings today, each with its label and reason or `unlabelled`: the list to label from.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCorpus } from '../test/helpers/corpus';
import {
  LABELS_FOLDER,
  PRECISION_FILE,
  labelKey,
  precisionByRule,
  precisionOf,
  readLabels,
} from '../test/helpers/precision';

/** Every label row's label and reason by its place (a later file wins, as in readLabels). */
function labelRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const name of readdirSync(LABELS_FOLDER)
    .filter((file) => file.endsWith('.tsv'))
    .sort()) {
    for (const row of readFileSync(join(LABELS_FOLDER, name), 'utf8').trim().split('\n').slice(1)) {
      const columns = row.split('\t');
      rows.set(columns.slice(0, 5).join('\t'), columns.slice(5).join('\t'));
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const results = await checkCorpus();
  const listed = process.argv[process.argv.indexOf('--list') + 1];
  if (process.argv.includes('--list') && listed) {
    const rows = labelRows();
    for (const result of results.values())
      for (const finding of result.findings)
        if (finding.code === listed) {
          const key = labelKey(finding);
          console.log(`${key}\t${rows.get(key) ?? 'unlabelled'}\t${finding.message.slice(0, 160)}`);
        }
    return;
  }
  const byRule = precisionByRule(results.values(), readLabels());
  console.log('code\tfindings\tlabelled\tright\twrong\tnoise\tprecision\tartefacts\tgone');
  for (const [code, counts] of byRule) {
    const precision = precisionOf(counts);
    const shown = precision === null ? '-' : precision.toFixed(2);
    const { findings, labelled, right, wrong, noise, artefact, gone } = counts;
    console.log(`${code}\t${findings}\t${labelled}\t${right}\t${wrong}\t${noise}\t${shown}\t${artefact}\t${gone}`);
  }
  if (process.argv.includes('--write')) {
    writeFileSync(PRECISION_FILE, `${JSON.stringify(Object.fromEntries(byRule), null, 1)}\n`);
    console.log(`wrote ${PRECISION_FILE}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
