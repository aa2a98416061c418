// The labelled precision sample (test/precision/*.tsv) against today's corpus findings: the figures docs/rules.md
// prints must be today's, and every rule on by default must be right in 90% of its labelled findings (issue 15).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RULES } from '../../src/core/rules/registry';
import { checkCorpus } from '../helpers/corpus';
import { PRECISION_FILE, precisionByRule, precisionOf, readLabels, type RulePrecision } from '../helpers/precision';

/** Issue 15's bar: on the corpus, every rule on by default is right at least this often in the labelled sample. */
const BAR = 0.9;

describe('precision on the labelled corpus sample', async () => {
  const byRule = precisionByRule((await checkCorpus()).values(), readLabels());

  it('is what test/precision/precision.json records (npm run precision -- --write after a reviewed change)', () => {
    const recorded = JSON.parse(readFileSync(PRECISION_FILE, 'utf8')) as Record<string, RulePrecision>;
    assert.deepEqual(Object.fromEntries(byRule), recorded);
  });

  // A rule that reports nothing on the corpus has nothing to label; one that reports must have 20 of its findings
  // labelled (or all of them), and be right often enough, or be off by default.
  for (const rule of RULES.filter((r) => r.enabledByDefault !== false)) {
    it(`${rule.code}, on by default, is right in at least ${BAR * 100}% of its labelled findings`, () => {
      const counts = byRule.get(rule.code);
      if (!counts || counts.findings === 0) return;
      assert.ok(
        counts.labelled + counts.artefact >= Math.min(20, counts.findings),
        `${rule.code}: ${counts.labelled + counts.artefact} of ${counts.findings} findings labelled`,
      );
      const precision = precisionOf(counts);
      assert.ok(precision === null || precision >= BAR, `${rule.code}: ${counts.right}/${counts.labelled} right`);
    });
  }
});
