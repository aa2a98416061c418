// Small Python code writers for generated code: identifiers, imports sorted like isort's defaults (sections, plain
// imports before from-imports, names ordered by type) and laid out like black (88 columns, exploded with a trailing
// comma when too long), calls and signatures, re-indentation that leaves multi-line strings alone.
import { isStdlibModule } from '../deps/stdlib';
import { compareStrings } from '../compare';
import { PYTHON_KEYWORDS } from '../python/keywords';

export const LINE_LENGTH = 88;

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PYTHON_KEYWORDS.has(name);
}

/** `## Load the Data!` → `load_the_data`; null when nothing usable is left. */
export function snakeCase(text: string): string | null {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return null;
  let name = words.slice(0, 6).join('_');
  if (/^[0-9]/.test(name)) name = `step_${name}`;
  return PYTHON_KEYWORDS.has(name) ? `${name}_` : name;
}

export interface ImportSpec {
  module: string;
  level: number;
  /** null: `import module`. */
  name: string | null;
  alias: string | null;
}

export function importKey(spec: ImportSpec): string {
  return `${'.'.repeat(spec.level)}${spec.module}|${spec.name ?? ''}|${spec.alias ?? ''}`;
}

type Section = 0 | 1 | 2 | 3 | 4;

function sectionOf(spec: ImportSpec, firstParty: ReadonlySet<string>): Section {
  if (spec.level > 0) return 4;
  const top = spec.module.split('.')[0]!;
  if (top === '__future__') return 0;
  if (isStdlibModule(top)) return 1;
  return firstParty.has(top) ? 3 : 2;
}

/** isort's `order_by_type`: CONSTANTS, then Classes, then everything else; case-sensitive inside each group. */
function nameRank(name: string): number {
  if (name.length > 1 && name === name.toUpperCase() && /[A-Z]/.test(name)) return 0;
  return /^[A-Z]/.test(name) ? 1 : 2;
}

function compareNames(a: string, b: string): number {
  return nameRank(a) - nameRank(b) || compareStrings(a.toLowerCase(), b.toLowerCase()) || compareStrings(a, b);
}

function compareModules(a: string, b: string): number {
  return compareStrings(a.toLowerCase(), b.toLowerCase());
}

function aliasText(name: string, alias: string | null): string {
  return alias && alias !== name ? `${name} as ${alias}` : name;
}

/** `from m import a, b` on one line, or exploded one name per line like black when it does not fit. */
function fromLine(module: string, names: string[]): string {
  const flat = `from ${module} import ${names.join(', ')}`;
  if (flat.length <= LINE_LENGTH) return flat;
  return `from ${module} import (\n${names.map((name) => `    ${name},\n`).join('')})`;
}

/** The import block: isort's sections and order, blank line between sections, no trailing newline. */
export function formatImports(specs: readonly ImportSpec[], firstParty: ReadonlySet<string> = new Set()): string {
  const unique = new Map(specs.map((spec) => [importKey(spec), spec]));
  const sections: string[][] = [[], [], [], [], []];
  const bySection = new Map<Section, ImportSpec[]>();
  for (const spec of unique.values()) {
    const section = sectionOf(spec, firstParty);
    bySection.set(section, [...(bySection.get(section) ?? []), spec]);
  }
  for (const [section, list] of bySection) {
    const plain = list
      .filter((spec) => spec.name === null)
      .sort((a, b) => compareModules(a.module, b.module) || compareNames(a.alias ?? '', b.alias ?? ''));
    const lines = plain.map((spec) => `import ${aliasText(spec.module, spec.alias)}`);
    const fromModules = new Map<string, ImportSpec[]>();
    for (const spec of list.filter((s) => s.name !== null)) {
      const module = `${'.'.repeat(spec.level)}${spec.module}`;
      fromModules.set(module, [...(fromModules.get(module) ?? []), spec]);
    }
    const modules = [...fromModules.keys()].sort((a, b) =>
      compareModules(a.replace(/^\.+/, ''), b.replace(/^\.+/, '')),
    );
    for (const module of modules) {
      const entries = fromModules.get(module)!;
      const direct = entries.filter((spec) => !spec.alias || spec.alias === spec.name).map((spec) => spec.name!);
      if (direct.length > 0) lines.push(fromLine(module, [...new Set(direct)].sort(compareNames)));
      const aliased = entries
        .filter((spec) => spec.alias && spec.alias !== spec.name)
        .sort((a, b) => compareNames(a.name!, b.name!));
      for (const spec of aliased) lines.push(`from ${module} import ${aliasText(spec.name!, spec.alias)}`);
    }
    sections[section] = lines;
  }
  return sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n');
}

/** `prefix(a, b)suffix` on one line when it fits, else black's one-argument-per-line layout with a trailing comma. */
export function formatCall(indent: string, prefix: string, args: readonly string[], suffix = ''): string {
  const flat = `${indent}${prefix}(${args.join(', ')})${suffix}`;
  if (flat.length <= LINE_LENGTH || args.length === 0) return flat;
  return `${indent}${prefix}(\n${args.map((arg) => `${indent}    ${arg},\n`).join('')}${indent})${suffix}`;
}

/** `a, b = ` targets for a call (or nothing), laid out like black when the line is long. */
export function formatAssignedCall(
  indent: string,
  targets: readonly string[],
  call: string,
  args: readonly string[],
): string {
  if (targets.length === 0) return formatCall(indent, call, args);
  const left = targets.join(', ');
  const flat = `${indent}${left} = ${call}(${args.join(', ')})`;
  if (flat.length <= LINE_LENGTH) return flat;
  const exploded = formatCall(indent, `${left} = ${call}`, args);
  if (exploded.split('\n')[0]!.length <= LINE_LENGTH) return exploded;
  return `${indent}(\n${targets.map((target) => `${indent}    ${target},\n`).join('')}${indent}) = ${formatCall('', call, args).replace(/\n/g, `\n${indent}`)}`;
}

/** `return a, b` or black's parenthesised form when long. */
export function formatReturn(indent: string, values: readonly string[]): string {
  const flat = `${indent}return ${values.join(', ')}`;
  if (flat.length <= LINE_LENGTH || values.length < 2) return flat;
  return `${indent}return (\n${values.map((value) => `${indent}    ${value},\n`).join('')}${indent})`;
}

/**
 * Indents every line by `prefix`, except blank lines and lines that start inside a multi-line string (their text is
 * part of the string's value). `stringLines` are 0-based line numbers of `text`.
 */
export function indentLines(text: string, prefix: string, stringLines: ReadonlySet<number> = new Set()): string {
  return text
    .split('\n')
    .map((line, k) => (stringLines.has(k) ? line : line.trim() === '' ? '' : `${prefix}${line}`))
    .join('\n');
}

/** A Python string literal with double quotes (black's preference). */
export function pyString(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `"${escaped}"`;
}
