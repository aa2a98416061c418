// The engine on 206 real notebooks nobody here wrote: no crash, a result for every file, ranges inside their cells,
// the per-rule counts kept as a reviewed snapshot so every change in what the rules find shows up in review, and every
// finding kept whole (message, range, related places, fixes and their edits) so a refactoring can prove it changed none.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../src/core/engine';
import { checkCorpus, corpusNotebooks, FINDINGS_SNAPSHOT, snapshotLine } from '../helpers/corpus';
import { rangeProblems } from '../helpers/ranges';

const SNAPSHOT = 'test/corpus/snapshot.json';

interface Snapshot {
  notebooks: number;
  totals: Record<string, number>;
  perNotebook: Record<string, Record<string, number>>;
}

function countByCode(result: CheckResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of result.findings) counts[finding.code] = (counts[finding.code] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function sumCounts(perNotebook: Record<string, Record<string, number>>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const counts of Object.values(perNotebook)) {
    for (const [code, count] of Object.entries(counts)) totals[code] = (totals[code] ?? 0) + count;
  }
  return Object.fromEntries(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b)));
}

/** One notebook per line, so a review diff shows exactly which notebooks changed. */
function formatSnapshot(snapshot: Snapshot): string {
  const lines = Object.entries(snapshot.perNotebook).map(
    ([name, counts]) => `    ${JSON.stringify(name)}: ${JSON.stringify(counts)}`,
  );
  return `{\n  "notebooks": ${snapshot.notebooks},\n  "totals": ${JSON.stringify(snapshot.totals)},\n  "perNotebook": {\n${lines.join(',\n')}\n  }\n}\n`;
}

describe('corpus', () => {
  const files = corpusNotebooks();
  const results = new Map<string, CheckResult>();

  it('has the 206 notebooks the corpus README lists', () => {
    assert.equal(files.length, 206);
  });

  it('gives every notebook a result without crashing', async () => {
    for (const [name, result] of await checkCorpus()) {
      results.set(name, result);
      const internal = result.findings.filter((finding) => finding.code === 'NH000');
      assert.deepEqual(internal, [], `${name}: internal error`);
      if (!result.notebook) {
        assert.ok(
          result.findings.some((finding) => /^NH00[123]$/.test(finding.code)),
          `${name}: not loaded and no NH001-NH003 to say why`,
        );
      }
    }
  });

  it('puts every finding inside its cell', () => {
    for (const [name, result] of results) {
      if (!result.notebook) continue;
      assert.deepEqual(rangeProblems(result.notebook, result.findings), [], name);
    }
  });

  it('matches the reviewed per-rule snapshot (UPDATE_SNAPSHOT=1 rewrites it)', () => {
    const perNotebook = Object.fromEntries([...results].map(([name, result]) => [name, countByCode(result)]));
    const actual = formatSnapshot({ notebooks: results.size, totals: sumCounts(perNotebook), perNotebook });
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(SNAPSHOT, actual);
    assert.equal(
      actual,
      readFileSync(SNAPSHOT, 'utf8'),
      'corpus findings changed: review, then run UPDATE_SNAPSHOT=1 npm test',
    );
  });

  it('gives exactly the reviewed findings, byte for byte (UPDATE_SNAPSHOT=1 rewrites them)', () => {
    // One finding a line, in the engine's order, so a diff (and npm run ecosystem) names each finding a change adds
    // or removes.
    const lines = [...results.values()].flatMap((result) => result.findings.map(snapshotLine));
    const actual = `${lines.join('\n')}\n`;
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(FINDINGS_SNAPSHOT, actual);
    assert.ok(
      actual === readFileSync(FINDINGS_SNAPSHOT, 'utf8'),
      'corpus findings changed: review, then run UPDATE_SNAPSHOT=1 npm test',
    );
  });
});
