// The labelled precision sample (test/precision/*.tsv) against today's corpus findings: the figures docs/rules.md
// prints must be today's, and a rule on by default whose precision reached 0.9 must not fall back below it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ruleInfo } from '../../src/core/rules/registry';
import { checkCorpus } from '../helpers/corpus';
import { PRECISION_FILE, precisionByRule, precisionOf, readLabels, type RulePrecision } from '../helpers/precision';

/**
 * Rules on by default whose labelled precision is at least 0.9 with at least 20 labelled findings (or all of them).
 * Issue 15 wants every rule on by default here; a rule joins once its findings earn it.
 */
const AT_THE_BAR = ['NH002', 'NH005', 'NH101', 'NH102', 'NH201', 'NH202', 'NH206', 'NH404', 'NH405', 'NH501', 'NH502'];

describe('precision on the labelled corpus sample', async () => {
  const byRule = precisionByRule((await checkCorpus()).values(), readLabels());

  it('is what test/precision/precision.json records (npm run precision -- --write after a reviewed change)', () => {
    const recorded = JSON.parse(readFileSync(PRECISION_FILE, 'utf8')) as Record<string, RulePrecision>;
    assert.deepEqual(Object.fromEntries(byRule), recorded);
  });

  for (const code of AT_THE_BAR) {
    it(`${code} stays at 0.9 or above, on enough labelled findings`, () => {
      assert.notEqual(ruleInfo(code)?.enabledByDefault, false, `${code} is off by default`);
      const counts = byRule.get(code)!;
      assert.ok(counts.labelled + counts.artefact >= Math.min(20, counts.findings), `${code}: too few labels`);
      assert.ok((precisionOf(counts) ?? 0) >= 0.9, `${code}: ${counts.right}/${counts.labelled}`);
    });
  }
});
