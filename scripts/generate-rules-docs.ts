// `npm run docs`: rewrites docs/rules.md and the README's rule table from the rule registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { README, readmeWithRulesTable, RULES_DOC, rulesMarkdown } from './rules-docs';

writeFileSync(RULES_DOC, rulesMarkdown());
writeFileSync(README, readmeWithRulesTable(readFileSync(README, 'utf8')));
console.log(`wrote ${RULES_DOC} and the rule table in ${README}`);
