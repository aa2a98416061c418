// Which rules run and how loud they are: defaults ← pyproject [tool.nbhygiene] ← editor settings ← CLI flags.
import { parse as parseToml } from 'smol-toml';
import type { Finding, Severity } from '../types';
import { RULES, ruleInfo } from '../rules/registry';

export interface NbhygieneConfig {
  /** Codes or prefixes like 'NH1'; null = the rules on by default. */
  select: string[] | null;
  /** Codes or prefixes run beside `select` (`extend-select`, as in ruff): how a rule that is off by default is turned on. */
  extendSelect: string[];
  /** Codes or prefixes. */
  ignore: string[];
  /** Code (or prefix) → severity override; the longest matching key wins. */
  severity: Record<string, Severity>;
  /** NH302: lines of top-level logic in a cell above which it is reported (`max-cell-lines`). */
  maxCellLines: number;
  /** NH302: cyclomatic complexity of a cell's top-level logic at which it is reported (`max-cell-complexity`). */
  maxCellComplexity: number;
  /** Where tests live, relative to the project root (`tests`): NH301/NH304 look there, extraction writes there. */
  testsFolder: string;
  /** Where extracted modules go, relative to the project root (`module-folder`); null: beside the notebook. */
  moduleFolder: string | null;
  /** Names that exist before any cell runs, beyond Python's, IPython's and the kernel's (`builtins`, as in ruff). */
  builtins: string[];
}

// Frozen because every layer starts from it; mergeConfig always returns fresh objects.
export const DEFAULT_CONFIG: NbhygieneConfig = Object.freeze({
  select: null,
  extendSelect: Object.freeze([]) as unknown as string[],
  ignore: Object.freeze([]) as unknown as string[],
  severity: Object.freeze({}) as Record<string, Severity>,
  maxCellLines: 40,
  maxCellComplexity: 5,
  testsFolder: 'tests',
  moduleFolder: null,
  builtins: Object.freeze([]) as unknown as string[],
});

/** Reported when the file itself can't be used; hiding them would hide the notebook entirely. */
const LOAD_ERROR_CODES = new Set(['NH001', 'NH002', 'NH003']);

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface PyprojectConfigResult {
  config: NbhygieneConfig;
  /** Human-readable messages; the config still holds every entry that was valid. */
  problems: string[];
  /** False when the file has no [tool.nbhygiene] table (a search for the config may then look further up). */
  hasSection: boolean;
}

/** A code like 'NH102' selects NH102; a prefix like 'NH1' selects NH101…NH199, as in ruff. */
export function codeMatches(code: string, selector: string): boolean {
  return code.startsWith(selector);
}

/** True when the selector names at least one rule nbhygiene knows. */
export function isKnownSelector(selector: string): boolean {
  return selector.length > 0 && RULES.some((rule) => codeMatches(rule.code, selector));
}

export function normalizeSelector(selector: string): string {
  return selector.trim().toUpperCase();
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

export function parsePyprojectConfig(text: string): PyprojectConfigResult {
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const firstLine = String((error as Error).message ?? error).split('\n')[0];
    return { config: DEFAULT_CONFIG, problems: [`invalid TOML: ${firstLine}`], hasSection: false };
  }
  const tool = document.tool;
  const section = isTable(tool) ? tool.nbhygiene : undefined;
  if (section === undefined) return { config: DEFAULT_CONFIG, problems: [], hasSection: false };
  if (!isTable(section)) {
    return { config: DEFAULT_CONFIG, problems: ['[tool.nbhygiene] must be a table'], hasSection: true };
  }
  return { ...readSection(section), hasSection: true };
}

function readSection(section: Record<string, unknown>): { config: NbhygieneConfig; problems: string[] } {
  const problems: string[] = [];
  const config: NbhygieneConfig = { ...DEFAULT_CONFIG, select: null, extendSelect: [], ignore: [], severity: {} };
  for (const [key, value] of Object.entries(section)) {
    if (key === 'select') config.select = readSelectors('select', value, problems);
    else if (key === 'extend-select') config.extendSelect = readSelectors('extend-select', value, problems) ?? [];
    else if (key === 'ignore') config.ignore = readSelectors('ignore', value, problems) ?? [];
    else if (key === 'severity') config.severity = readSeverities(value, problems);
    else if (key === 'import-map')
      readImportMap(value, problems); // used by the project context (src/core/deps)
    else if (key === 'max-cell-lines') config.maxCellLines = readPositive(key, value, problems) ?? config.maxCellLines;
    else if (key === 'max-cell-complexity')
      config.maxCellComplexity = readPositive(key, value, problems) ?? config.maxCellComplexity;
    else if (key === 'tests') config.testsFolder = readFolder(key, value, problems) ?? config.testsFolder;
    else if (key === 'module-folder') config.moduleFolder = readFolder(key, value, problems) ?? config.moduleFolder;
    else if (key === 'builtins') config.builtins = readNames(key, value, problems);
    else
      problems.push(
        `[tool.nbhygiene]: unknown key '${key}' (expected select, extend-select, ignore, severity, import-map, max-cell-lines, max-cell-complexity, tests, module-folder, builtins)`,
      );
  }
  return { config, problems };
}

function readNames(key: string, value: unknown, problems: string[]): string[] {
  const names = Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && /^[A-Za-z_]\w*$/.test(item))
    : [];
  if (!Array.isArray(value) || names.length !== value.length)
    problems.push(`[tool.nbhygiene] ${key}: expected a list of Python names like ["spark", "dbutils"]`);
  return names;
}

function readPositive(key: string, value: unknown, problems: string[]): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  problems.push(`[tool.nbhygiene] ${key}: expected a whole number above 0`);
  return null;
}

/** A folder relative to the project root, with '/' separators and no way out of the project. */
function readFolder(key: string, value: unknown, problems: string[]): string | null {
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    !/^([/\\]|[A-Za-z]:)|(^|[/\\])\.\.([/\\]|$)/.test(value.trim())
  )
    return value.trim();
  problems.push(`[tool.nbhygiene] ${key}: expected a folder inside the project, like "tests"`);
  return null;
}

/** `[tool.nbhygiene.import-map]`: import name → distribution name; only checked here, read by the project context. */
function readImportMap(value: unknown, problems: string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push('[tool.nbhygiene.import-map] must be a table like { cv2 = "opencv-python" }');
    return;
  }
  for (const [name, distribution] of Object.entries(value)) {
    if (typeof distribution !== 'string')
      problems.push(`[tool.nbhygiene.import-map] ${name}: expected a distribution name (a string)`);
  }
}

/** Returns null when the value is unusable, so `select` falls back to "all rules". */
function readSelectors(key: string, value: unknown, problems: string[]): string[] | null {
  if (!Array.isArray(value)) {
    problems.push(`[tool.nbhygiene] ${key}: expected a list of rule codes like ["NH1", "NH203"]`);
    return null;
  }
  const selectors: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') {
      problems.push(`[tool.nbhygiene] ${key}: ${JSON.stringify(item)} is not a string`);
      continue;
    }
    const selector = normalizeSelector(item);
    if (!isKnownSelector(selector)) {
      problems.push(`[tool.nbhygiene] ${key}: unknown rule code '${item}'`);
      continue;
    }
    selectors.push(selector);
  }
  return selectors;
}

function readSeverities(value: unknown, problems: string[]): Record<string, Severity> {
  const severities: Record<string, Severity> = {};
  if (!isTable(value)) {
    problems.push('[tool.nbhygiene] severity: expected a table like { NH104 = "error" }');
    return severities;
  }
  for (const [key, level] of Object.entries(value)) {
    const selector = normalizeSelector(key);
    if (!isKnownSelector(selector)) {
      problems.push(`[tool.nbhygiene] severity: unknown rule code '${key}'`);
    } else if (!isSeverity(level)) {
      problems.push(
        `[tool.nbhygiene] severity.${key}: ${JSON.stringify(level)} is not one of "error", "warning", "info"`,
      );
    } else {
      severities[selector] = level;
    }
  }
  return severities;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Layers a more specific source over a less specific one. A layer that sets `select` starts the rule set
 * afresh (its own `ignore` only), as ruff does: `--select NH102` runs NH102 even if pyproject ignores it.
 * Otherwise the `ignore` lists add up. Severity overrides merge key by key.
 */
export function mergeConfig(base: NbhygieneConfig, override: Partial<NbhygieneConfig>): NbhygieneConfig {
  const resets = override.select !== undefined;
  return {
    select: resets ? copyOrNull(override.select ?? null) : copyOrNull(base.select),
    extendSelect: resets
      ? [...(override.extendSelect ?? [])]
      : unique([...base.extendSelect, ...(override.extendSelect ?? [])]),
    ignore: resets ? [...(override.ignore ?? [])] : unique([...base.ignore, ...(override.ignore ?? [])]),
    severity: { ...base.severity, ...(override.severity ?? {}) },
    maxCellLines: override.maxCellLines ?? base.maxCellLines,
    maxCellComplexity: override.maxCellComplexity ?? base.maxCellComplexity,
    testsFolder: override.testsFolder ?? base.testsFolder,
    moduleFolder: override.moduleFolder !== undefined ? override.moduleFolder : base.moduleFolder,
    builtins: unique([...base.builtins, ...(override.builtins ?? [])]),
  };
}

function copyOrNull(list: string[] | null): string[] | null {
  return list === null ? null : [...list];
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

/** Length of the longest selector in the list that matches, -1 when none does. */
function bestMatch(code: string, selectors: readonly string[]): number {
  let best = -1;
  for (const selector of selectors) {
    if (codeMatches(code, selector) && selector.length > best) best = selector.length;
  }
  return best;
}

/**
 * The more specific selector wins (select NH102 + ignore NH1 keeps NH102); on a tie ignore wins.
 * NH001–NH003 stay unless ignored by their exact code: they say the file could not be analysed at all.
 */
export function isCodeEnabled(code: string, config: NbhygieneConfig): boolean {
  if (LOAD_ERROR_CODES.has(code)) return !config.ignore.includes(code);
  // No select: the rules on by default. A prefix in select or extend-select takes in the rules that are off by
  // default too (as ruff's selectors do); the longest matching selector wins against ignore.
  const byDefault = ruleInfo(code)?.enabledByDefault === false ? -1 : 0;
  const selected = Math.max(
    config.select === null ? byDefault : bestMatch(code, config.select),
    bestMatch(code, config.extendSelect),
  );
  if (selected < 0) return false;
  return bestMatch(code, config.ignore) < selected;
}

export function severityFor(code: string, fallback: Severity, config: NbhygieneConfig): Severity {
  let best: string | null = null;
  for (const key of Object.keys(config.severity)) {
    if (codeMatches(code, key) && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? fallback : config.severity[best];
}

export function applyConfig(findings: Finding[], config: NbhygieneConfig): Finding[] {
  const kept: Finding[] = [];
  for (const finding of findings) {
    if (!isCodeEnabled(finding.code, config)) continue;
    const severity = severityFor(finding.code, finding.severity, config);
    kept.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return kept;
}
