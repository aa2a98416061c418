// The rules' documentation is written from the registry: docs/rules.md and the README's table must be what
// `npm run docs` writes, and the registry itself must hold together (codes unique, in order, one family per digit).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { README, readmeWithRulesTable, RULES_DOC, rulesMarkdown } from '../../scripts/rules-docs';
import { FAMILIES, RULES } from '../../src/core/rules/registry';

describe('rule docs', () => {
  it('docs/rules.md is what npm run docs writes', () => {
    assert.ok(readFileSync(RULES_DOC, 'utf8') === rulesMarkdown(), `${RULES_DOC} is stale: run npm run docs`);
  });

  it("the README's rule table is what npm run docs writes", () => {
    const readme = readFileSync(README, 'utf8');
    assert.ok(readme === readmeWithRulesTable(readme), `the rule table in ${README} is stale: run npm run docs`);
  });

  it('lists every code once, in order, each with a name, a summary and docs', () => {
    const codes = RULES.map((rule) => rule.code);
    assert.deepEqual(codes, [...new Set(codes)].sort());
    assert.equal(new Set(RULES.map((rule) => rule.name)).size, RULES.length);
    for (const rule of RULES) {
      assert.match(rule.code, /^NH\d{3}$/);
      assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, rule.code);
      assert.ok(rule.summary.endsWith('.') && rule.docs.trim().length > 0, rule.code);
    }
  });

  it('gives each family one hundreds digit', () => {
    for (const family of FAMILIES) {
      const digits = new Set(family.rules.map((rule) => rule.code[2]));
      assert.equal(digits.size, 1, family.id);
    }
  });
});
