// pyproject.toml: PEP 621 `dependencies` and `optional-dependencies`, PEP 735 `dependency-groups`, Poetry
// (`[tool.poetry.dependencies]`, groups, dev-dependencies), PDM `dev-dependencies`, `[tool.uv] dev-dependencies`,
// and nbhygiene's own `[tool.nbhygiene.import-map]`.
import type { Declaration, ManifestParse, ParseProblem } from '../dependency-data';
import { ZERO_RANGE } from '../../types';
import { getPath, isTable, parseTomlDocument, pep508List, versionTableMember, type Table } from './toml-common';
import type { TomlLocations } from './toml-locate';

const DEPENDENCY_TABLES: readonly string[][] = [
  ['project', 'dependencies'],
  ['project', 'optional-dependencies'],
  ['dependency-groups'],
  ['tool', 'poetry', 'dependencies'],
  ['tool', 'poetry', 'group'],
  ['tool', 'pdm', 'dev-dependencies'],
  ['tool', 'uv', 'dev-dependencies'],
];

export function parsePyproject(text: string): ManifestParse {
  const { data, locations, problems } = parseTomlDocument(text);
  if (!data) return { declarations: [], includes: [], problems };
  const declarations: Declaration[] = [
    ...pep508List(getPath(data, ['project', 'dependencies']), ['project', 'dependencies'], locations, 'main', problems),
    ...tableOfLists(
      getPath(data, ['project', 'optional-dependencies']),
      ['project', 'optional-dependencies'],
      locations,
      'optional',
      problems,
    ),
    ...tableOfLists(data['dependency-groups'], ['dependency-groups'], locations, 'group', problems),
    ...tableOfLists(
      getPath(data, ['tool', 'pdm', 'dev-dependencies']),
      ['tool', 'pdm', 'dev-dependencies'],
      locations,
      'dev',
      problems,
    ),
    ...pep508List(
      getPath(data, ['tool', 'uv', 'dev-dependencies']),
      ['tool', 'uv', 'dev-dependencies'],
      locations,
      'dev',
      problems,
    ),
    ...poetry(data, locations),
  ];
  const name = getPath(data, ['project', 'name']) ?? getPath(data, ['tool', 'poetry', 'name']);
  const declaresDependencies = DEPENDENCY_TABLES.some((path) => getPath(data, path) !== undefined);
  return {
    declarations,
    includes: [],
    problems,
    projectName: typeof name === 'string' ? name : null,
    importMap: importMap(getPath(data, ['tool', 'nbhygiene', 'import-map']), problems),
    declaresDependencies,
  };
}

function tableOfLists(
  value: unknown,
  path: string[],
  locations: TomlLocations,
  prefix: string,
  problems: ParseProblem[],
): Declaration[] {
  if (!isTable(value)) return [];
  return Object.entries(value).flatMap(([group, list]) =>
    pep508List(list, [...path, group], locations, `${prefix}:${group}`, problems),
  );
}

function poetryTable(table: unknown, path: string[], locations: TomlLocations, group: string): Declaration[] {
  if (!isTable(table)) return [];
  return Object.entries(table).flatMap(([name, value]) => {
    if (name.toLowerCase() === 'python') return [];
    const declaration = versionTableMember(name, value, [...path, name], locations, group, 'poetry');
    return declaration ? [declaration] : [];
  });
}

function poetry(data: Table, locations: TomlLocations): Declaration[] {
  const base = ['tool', 'poetry'];
  const found = [
    ...poetryTable(getPath(data, [...base, 'dependencies']), [...base, 'dependencies'], locations, 'main'),
    ...poetryTable(getPath(data, [...base, 'dev-dependencies']), [...base, 'dev-dependencies'], locations, 'dev'),
  ];
  const groups = getPath(data, [...base, 'group']);
  if (isTable(groups)) {
    for (const [group, body] of Object.entries(groups)) {
      if (!isTable(body)) continue;
      found.push(
        ...poetryTable(body.dependencies, [...base, 'group', group, 'dependencies'], locations, `group:${group}`),
      );
    }
  }
  return found;
}

function importMap(value: unknown, problems: ParseProblem[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  if (value === undefined) return map;
  if (!isTable(value)) {
    problems.push({
      message: '[tool.nbhygiene.import-map] must be a table like { cv2 = "opencv-python" }',
      range: ZERO_RANGE,
    });
    return map;
  }
  for (const [module, dists] of Object.entries(value)) {
    if (typeof dists === 'string') map[module] = [dists];
    else if (Array.isArray(dists) && dists.every((d) => typeof d === 'string')) map[module] = dists as string[];
    else
      problems.push({
        message: `[tool.nbhygiene.import-map] ${module}: expected a distribution name or a list of them`,
        range: ZERO_RANGE,
      });
  }
  return map;
}
