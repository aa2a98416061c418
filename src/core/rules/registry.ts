// Every rule code nbhygiene can report: the codes are part of the interface (config, suppressions, SARIF).
import type { Severity } from '../types';

export type RuleFamily = 'notebook' | 'hidden-state' | 'dependencies' | 'tests' | 'reproducibility' | 'data';

export interface RuleInfo {
  code: string;
  name: string;
  family: RuleFamily;
  defaultSeverity: Severity;
  /** One sentence: what is wrong. */
  summary: string;
}

export const DOCS_BASE_URL = 'https://github.com/nbhygiene/nbhygiene/blob/main/docs/rules.md';

export const RULES: readonly RuleInfo[] = [
  { code: 'NH000', name: 'internal-error', family: 'notebook', defaultSeverity: 'error', summary: 'nbhygiene itself failed on this notebook.' },
  { code: 'NH001', name: 'invalid-json', family: 'notebook', defaultSeverity: 'error', summary: 'The file is not valid JSON.' },
  { code: 'NH002', name: 'schema-violation', family: 'notebook', defaultSeverity: 'warning', summary: 'The notebook breaks the nbformat schema.' },
  { code: 'NH003', name: 'unsupported-format', family: 'notebook', defaultSeverity: 'error', summary: 'The nbformat version is not supported.' },
  { code: 'NH004', name: 'syntax-error', family: 'notebook', defaultSeverity: 'error', summary: 'A code cell is not valid Python.' },
  { code: 'NH005', name: 'not-analysed', family: 'notebook', defaultSeverity: 'info', summary: 'The kernel language is not Python, so the notebook is not analysed.' },
  { code: 'NH101', name: 'out-of-order-execution', family: 'hidden-state', defaultSeverity: 'warning', summary: 'A cell ran before a cell above it.' },
  { code: 'NH102', name: 'used-before-defined', family: 'hidden-state', defaultSeverity: 'error', summary: 'A name is read before the cell that defines it; Restart & Run All fails.' },
  { code: 'NH103', name: 'undefined-name', family: 'hidden-state', defaultSeverity: 'error', summary: 'A name is defined nowhere in the notebook; it only existed in the kernel.' },
  { code: 'NH104', name: 'hidden-state-output', family: 'hidden-state', defaultSeverity: 'warning', summary: 'A saved output was computed from state a clean run would not have.' },
  { code: 'NH105', name: 'skipped-cell', family: 'hidden-state', defaultSeverity: 'info', summary: 'A code cell between executed cells never ran.' },
  { code: 'NH106', name: 'not-idempotent', family: 'hidden-state', defaultSeverity: 'info', summary: 'Running the cell twice gives a different state.' },
  { code: 'NH201', name: 'unpinned-install', family: 'dependencies', defaultSeverity: 'warning', summary: 'A notebook installs a package without pinning its version.' },
  { code: 'NH202', name: 'shell-install', family: 'dependencies', defaultSeverity: 'warning', summary: '!pip installs into whatever pip is on the PATH, not the kernel\'s environment; use %pip.' },
  { code: 'NH203', name: 'undeclared-import', family: 'dependencies', defaultSeverity: 'warning', summary: 'A third-party import whose distribution no manifest, lock file or notebook install declares.' },
  { code: 'NH204', name: 'unpinned-declaration', family: 'dependencies', defaultSeverity: 'warning', summary: 'An imported distribution is declared in a manifest without a pin and no lock file pins it.' },
  { code: 'NH205', name: 'conflicting-versions', family: 'dependencies', defaultSeverity: 'warning', summary: 'A notebook install pins a version other than the manifest\'s or the lock file\'s.' },
  { code: 'NH206', name: 'no-manifest', family: 'dependencies', defaultSeverity: 'warning', summary: 'The notebook imports third-party packages and no manifest exists up to the project root.' },
  { code: 'NH207', name: 'late-import', family: 'dependencies', defaultSeverity: 'info', summary: 'An import statement below the first code cell that has imports.' },
  { code: 'NH301', name: 'untested-definition', family: 'tests', defaultSeverity: 'info', summary: 'A function or class defined in the notebook is referenced by no test.' },
  { code: 'NH302', name: 'logic-outside-functions', family: 'tests', defaultSeverity: 'info', summary: 'A cell holds long or branching code outside any function.' },
  { code: 'NH303', name: 'inline-check', family: 'tests', defaultSeverity: 'info', summary: 'An assert at cell level is an ad-hoc test that belongs in pytest.' },
  { code: 'NH304', name: 'no-tests', family: 'tests', defaultSeverity: 'warning', summary: 'The notebook defines functions and the project has no tests.' },
  { code: 'NH401', name: 'unseeded-randomness', family: 'reproducibility', defaultSeverity: 'warning', summary: 'Random numbers are drawn with no seed set before them, so every run gives other results.' },
  { code: 'NH402', name: 'machine-specific-path', family: 'reproducibility', defaultSeverity: 'warning', summary: 'An absolute or home path is read or written: it exists only on the author\'s machine.' },
  { code: 'NH403', name: 'hard-coded-secret', family: 'reproducibility', defaultSeverity: 'error', summary: 'A credential (API key, token, password, private key) is written in the notebook or its outputs.' },
  { code: 'NH404', name: 'saved-error-output', family: 'reproducibility', defaultSeverity: 'warning', summary: 'A cell\'s saved outputs contain an error.' },
  { code: 'NH405', name: 'oversized-output', family: 'reproducibility', defaultSeverity: 'info', summary: 'A cell\'s saved outputs (or the whole notebook) are large: noise in review and in git.' },
  { code: 'NH406', name: 'environment-dependent-magic', family: 'reproducibility', defaultSeverity: 'info', summary: 'A magic or call that depends on the working directory, the environment or another notebook (%cd, os.chdir, %env, %run, %load, %store).' },
  { code: 'NH501', name: 'unvalidated-data-load', family: 'data', defaultSeverity: 'warning', summary: 'Data read from a file, URL or database is used without any check of its columns, dtypes or values.' },
  { code: 'NH502', name: 'data-leakage', family: 'data', defaultSeverity: 'warning', summary: 'A preprocessing step is fitted on data before the train/test split, or a model is evaluated on the data it was fitted on.' },
  { code: 'NH503', name: 'no-drift-baseline', family: 'data', defaultSeverity: 'info', summary: 'A model is trained and saved without statistics of its training data to compare live inputs against.' },
];

const BY_CODE = new Map(RULES.map((rule) => [rule.code, rule]));

export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

export function ruleDocsUrl(code: string): string {
  return `${DOCS_BASE_URL}#${code.toLowerCase()}`;
}
