// Every rule nbhygiene has, gathered from the family indexes: the codes are part of the interface (config,
// suppressions, SARIF), so the list is in code order and a code is never reused.
import { DATA_FAMILY } from './data';
import { DEPENDENCIES_FAMILY } from './dependencies';
import { HIDDEN_STATE_FAMILY } from './hidden-state';
import { NOTEBOOK_FAMILY } from './notebook';
import { REPRODUCIBILITY_FAMILY } from './reproducibility';
import type { Rule } from './context';
import type { RuleDefinition, RuleFamily, RuleFamilyDefinition } from './rule';
import { TESTS_FAMILY } from './tests';

export type { RuleDefinition, RuleFamily, RuleFamilyDefinition } from './rule';
/** The registry's entries: a rule's definition is all there is to know about it. */
export type RuleInfo = RuleDefinition;

export const DOCS_BASE_URL = 'https://github.com/nbhygiene/nbhygiene/blob/main/docs/rules.md';

export const FAMILIES: readonly RuleFamilyDefinition[] = [
  NOTEBOOK_FAMILY,
  HIDDEN_STATE_FAMILY,
  DEPENDENCIES_FAMILY,
  TESTS_FAMILY,
  REPRODUCIBILITY_FAMILY,
  DATA_FAMILY,
];

export const RULES: readonly RuleDefinition[] = FAMILIES.flatMap((family) => family.rules);

/** The rules that have a check, in code order, which is the order their findings are produced in. */
export const CHECKED_RULES: readonly { code: string; run: Rule }[] = RULES.flatMap(({ code, run }) =>
  run ? [{ code, run }] : [],
);

const BY_CODE = new Map(RULES.map((rule) => [rule.code, rule]));
const FAMILY_TITLE = new Map(FAMILIES.map((family) => [family.id, family.title]));

export function ruleInfo(code: string): RuleDefinition | undefined {
  return BY_CODE.get(code);
}

export function familyTitle(family: RuleFamily): string {
  return FAMILY_TITLE.get(family) ?? family;
}

export function ruleDocsUrl(code: string): string {
  return `${DOCS_BASE_URL}#${code.toLowerCase()}`;
}
