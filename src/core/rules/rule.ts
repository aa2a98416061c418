// What a rule is: its code, name, family, default severity, documentation and check, written once in the rule's own
// file. The registry, the docs (docs/rules.md, the README's table), SARIF's rule list and the report read it from there.
import type { Severity } from '../types';
import type { Rule } from './context';

export type RuleFamily = 'notebook' | 'hidden-state' | 'dependencies' | 'tests' | 'reproducibility' | 'data';

export interface RuleDefinition {
  /** Stable: used in config, suppressions, SARIF and the docs' anchors. */
  code: string;
  /** kebab-case, as ruff names its rules. */
  name: string;
  family: RuleFamily;
  defaultSeverity: Severity;
  /**
   * false for a rule that runs only when selected (`extend-select`, or a code or prefix in `select`): one whose findings
   * are too often useless to show everyone.
   */
  enabledByDefault?: boolean;
  /** One sentence: what is wrong. */
  summary: string;
  /** Markdown: what it reports, what it does not, an example and the fix. */
  docs: string;
  /**
   * The check. Absent for the codes the loader and the engine report themselves (invalid JSON, a schema violation,
   * an unsupported format, a non-Python kernel, an internal error).
   */
  run?: Rule;
}

export interface RuleFamilyDefinition {
  id: RuleFamily;
  /** The family's name in the docs, the report and the editor. */
  title: string;
  /** Markdown that the docs put above the family's rules. */
  intro: string;
  rules: readonly RuleDefinition[];
}

export function defineRule(definition: RuleDefinition): RuleDefinition {
  return definition;
}

export function defineFamily(family: RuleFamilyDefinition): RuleFamilyDefinition {
  for (const rule of family.rules) {
    if (rule.family !== family.id)
      throw new Error(`${rule.code} says family '${rule.family}' but is listed in '${family.id}'`);
  }
  return family;
}
