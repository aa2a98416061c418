// `npm run ecosystem`: what a change does to the findings on the whole shared corpus, like ruff's ecosystem check.
// Checks the 206 notebooks with the working tree's engine and compares every finding with the committed snapshot
// (test/corpus/findings.jsonl): per rule, how many it adds and removes, then the first lines of each so they can be
// opened in the notebooks. `--all` prints every changed finding. Writes nothing; `UPDATE_SNAPSHOT=1 npm test` does.
import { readFileSync } from 'node:fs';
import { checkCorpus, findingText, FINDINGS_SNAPSHOT, snapshotLine } from '../test/helpers/corpus';
import type { Finding } from '../src/core/types';

const SHOWN_PER_RULE = process.argv.includes('--all') ? Infinity : 5;

interface Change {
  added: Finding[];
  removed: Finding[];
}

/** Multiset difference by the whole finding: a finding whose message or fix changed is one removed and one added. */
function diffFindings(before: readonly string[], after: readonly string[]): Change {
  const counts = new Map<string, number>();
  for (const line of before) counts.set(line, (counts.get(line) ?? 0) + 1);
  const added: Finding[] = [];
  for (const line of after) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else added.push(JSON.parse(line) as Finding);
  }
  const removed = [...counts].flatMap(([line, left]) =>
    Array.from({ length: left }, () => JSON.parse(line) as Finding),
  );
  return { added, removed };
}

function byCode(findings: readonly Finding[]): Map<string, Finding[]> {
  const grouped = new Map<string, Finding[]>();
  for (const finding of findings) grouped.set(finding.code, [...(grouped.get(finding.code) ?? []), finding]);
  return grouped;
}

async function main(): Promise<void> {
  const before = readFileSync(FINDINGS_SNAPSHOT, 'utf8').split('\n').filter(Boolean);
  const results = await checkCorpus();
  const after = [...results.values()].flatMap((result) => result.findings.map(snapshotLine));
  const { added, removed } = diffFindings(before, after);
  console.log(
    `${results.size} notebooks: ${before.length} findings in the snapshot, ${after.length} now (+${added.length} -${removed.length})`,
  );
  const addedByCode = byCode(added);
  const removedByCode = byCode(removed);
  const codes = [...new Set([...addedByCode.keys(), ...removedByCode.keys()])].sort();
  if (codes.length === 0) console.log('no finding changed');
  for (const code of codes) {
    const plus = addedByCode.get(code) ?? [];
    const minus = removedByCode.get(code) ?? [];
    console.log(`\n${code}: +${plus.length} -${minus.length}`);
    for (const finding of plus.slice(0, SHOWN_PER_RULE)) console.log(`  + ${findingText(finding)}`);
    if (plus.length > SHOWN_PER_RULE) console.log(`  + ... ${plus.length - SHOWN_PER_RULE} more`);
    for (const finding of minus.slice(0, SHOWN_PER_RULE)) console.log(`  - ${findingText(finding)}`);
    if (minus.length > SHOWN_PER_RULE) console.log(`  - ... ${minus.length - SHOWN_PER_RULE} more`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
