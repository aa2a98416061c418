// Pipfile: `[packages]` and `[dev-packages]` (and any other category table), with `"*"`, `"==1.2"` or tables.
import type { Declaration, ManifestParse } from '../dependency-data';
import { isTable, parseTomlDocument, versionTableMember } from './toml-common';

/** Tables of a Pipfile that are not package categories. */
const NOT_CATEGORIES = new Set(['source', 'requires', 'scripts', 'pipenv']);

export function parsePipfile(text: string): ManifestParse {
  const { data, locations, problems } = parseTomlDocument(text);
  if (!data) return { declarations: [], includes: [], problems };
  const declarations: Declaration[] = [];
  for (const [category, table] of Object.entries(data)) {
    if (NOT_CATEGORIES.has(category) || !isTable(table)) continue;
    const group = category === 'packages' ? 'main' : category === 'dev-packages' ? 'dev' : category;
    for (const [name, value] of Object.entries(table)) {
      const declaration = versionTableMember(name, value, [category, name], locations, group, 'pipfile');
      if (declaration) declarations.push(declaration);
    }
  }
  return { declarations, includes: [], problems };
}
