// `npm run precision`: per rule, how many of the labelled corpus findings (test/precision/*.tsv) are right, wrong or
// noise, counting only labels whose finding the working tree still reports (artefacts of how the corpus was built are
// left out). `--write` records the figures in test/precision/precision.json, which docs/rules.md prints. A label is
// judged from the notebook, never from what the rule says; relabel when a rule's findings change.
import { writeFileSync } from 'node:fs';
import { checkCorpus } from '../test/helpers/corpus';
import { PRECISION_FILE, precisionByRule, precisionOf, readLabels } from '../test/helpers/precision';

async function main(): Promise<void> {
  const byRule = precisionByRule((await checkCorpus()).values(), readLabels());
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
