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
];

const BY_CODE = new Map(RULES.map((rule) => [rule.code, rule]));

export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

export function ruleDocsUrl(code: string): string {
  return `${DOCS_BASE_URL}#${code.toLowerCase()}`;
}
