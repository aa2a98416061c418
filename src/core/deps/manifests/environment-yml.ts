// environment.yml: conda specs under `dependencies`, and the nested `- pip:` list of PEP 508 requirements
// (which may hold `-r requirements.txt` and `-e .` too).
import { isMap, isSeq, type Pair } from 'yaml';
import { CONDA_NON_PACKAGES, parseCondaSpec } from '../conda-spec';
import { parseRequirement, pep508PinEdit, requirementFacts } from '../requirement';
import type { Declaration, Include, ManifestParse, ParseProblem, TextIndex } from '../dependency-data';
import { parseYamlDocument, scalarText } from './yaml-common';

export function parseEnvironmentYml(text: string): ManifestParse {
  const { doc, index, problems } = parseYamlDocument(text);
  const declarations: Declaration[] = [];
  const includes: Include[] = [];
  if (!doc || !isMap(doc.contents)) return { declarations, includes, problems };
  const dependencies = doc.contents.get('dependencies', true);
  if (!isSeq(dependencies)) return { declarations, includes, problems };
  for (const item of dependencies.items) {
    const scalar = scalarText(item);
    if (scalar) {
      const declaration = condaDeclaration(scalar, index, problems);
      if (declaration) declarations.push(declaration);
      continue;
    }
    if (!isMap(item)) continue;
    const pip = (item.items as Pair[]).find((pair) => scalarText(pair.key)?.value === 'pip');
    if (!pip || !isSeq(pip.value)) continue;
    for (const entry of pip.value.items) {
      const line = scalarText(entry);
      if (line) pipLine(line, index, declarations, includes, problems);
    }
  }
  return { declarations, includes, problems };
}

function condaDeclaration(
  scalar: { value: string; start: number; end: number },
  index: TextIndex,
  problems: ParseProblem[],
): Declaration | null {
  const spec = parseCondaSpec(scalar.value);
  const range = index.range(scalar.start, scalar.end);
  if (!spec) {
    problems.push({ message: `not a conda package spec: '${scalar.value}'`, range });
    return null;
  }
  if (CONDA_NON_PACKAGES.has(spec.name.toLowerCase())) return null;
  const [from, to] = spec.versionSpan;
  return {
    name: spec.name,
    key: spec.key,
    specifier: scalar.value.slice(from, to).trim(),
    pinned: spec.pinnedVersion !== null,
    version: spec.pinnedVersion,
    range,
    pinEdit: { range: index.range(scalar.start + from, scalar.start + to), style: 'conda' },
    group: 'conda',
    ecosystem: 'conda',
  };
}

function pipLine(
  line: { value: string; start: number; end: number },
  index: TextIndex,
  declarations: Declaration[],
  includes: Include[],
  problems: ParseProblem[],
): void {
  const range = index.range(line.start, line.end);
  const include = /^(-r|--requirement|-c|--constraint)[=\s]+(\S+)/.exec(line.value.trim());
  if (include) {
    const kind = include[1] === '-c' || include[1] === '--constraint' ? 'constraints' : 'requirements';
    includes.push({ kind, target: include[2]!, range });
    return;
  }
  if (line.value.trim().startsWith('-')) return; // -e ., --index-url ...
  const parsed = parseRequirement(line.value);
  if (!parsed.ok) {
    problems.push({ message: parsed.error, range });
    return;
  }
  const req = parsed.requirement;
  declarations.push({
    ...requirementFacts(req),
    range,
    pinEdit: pep508PinEdit(req, (from, to) => index.range(line.start + from, line.start + to)),
    group: 'pip',
    ecosystem: 'pypi',
  });
}
