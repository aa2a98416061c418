// Import → distribution, in a fixed order: the standard library, the project's own modules, the installed
// environment (when one is known), the curated import map (with the project's extensions), then the import name
// itself. Every answer says which step found it.
import { DEFAULT_IMPORT_MAP, extendImportMap, lookUpImportMap, type ImportMap } from './import-map';
import type { InstalledDistribution, InstalledEnvironment } from './dependency-data';
import { normalizeName, topLevelModule } from './normalize';
import { isStdlibModule } from './stdlib';

export type ResolvedHow = 'stdlib' | 'local' | 'installed' | 'import-map' | 'name';

export const HOW_LABEL: Record<ResolvedHow, string> = {
  stdlib: 'standard library',
  local: 'local module',
  installed: 'installed environment',
  'import-map': 'import map',
  name: 'import name',
};

export interface ResolvedImport {
  module: string;
  how: ResolvedHow;
  /** The distribution to declare; null for the standard library, local modules and platform-provided imports. */
  distribution: string | null;
  /** Normalised names of every distribution that provides the module (any one of them declares it). */
  keys: string[];
  /** The installed distribution, when the environment is known and has it. */
  installed: InstalledDistribution | null;
  /** The dotted prefix the installed environment or the import map matched. */
  matched?: string;
}

export interface Resolver {
  resolve(module: string, level: number): ResolvedImport;
}

export interface ResolverInput {
  localModules: Iterable<string>;
  installed: InstalledEnvironment | null;
  importMapExtensions?: Readonly<Record<string, readonly string[]>>;
}

/** Installed distributions by the module prefixes they provide. */
function indexInstalled(env: InstalledEnvironment | null): Map<string, InstalledDistribution[]> {
  const byModule = new Map<string, InstalledDistribution[]>();
  for (const dist of env?.distributions ?? []) {
    for (const module of dist.modules) {
      const list = byModule.get(module) ?? [];
      list.push(dist);
      byModule.set(module, list);
    }
  }
  return byModule;
}

function longestPrefix<T>(map: ReadonlyMap<string, T>, module: string): { prefix: string; value: T } | undefined {
  let prefix = module;
  for (;;) {
    const found = map.get(prefix);
    if (found !== undefined) return { prefix, value: found };
    const dot = prefix.lastIndexOf('.');
    if (dot < 0) return undefined;
    prefix = prefix.slice(0, dot);
  }
}

export function createResolver(input: ResolverInput): Resolver {
  const locals = new Set(input.localModules);
  const installed = indexInstalled(input.installed);
  const map: ImportMap = extendImportMap(DEFAULT_IMPORT_MAP, input.importMapExtensions ?? {});
  const byKey = new Map((input.installed?.distributions ?? []).map((dist) => [dist.key, dist]));

  return {
    resolve(module, level) {
      const none = { distribution: null, keys: [], installed: null };
      if (level > 0 || module === '') return { module, how: 'local', ...none };
      const top = topLevelModule(module);
      if (isStdlibModule(module)) return { module, how: 'stdlib', ...none };
      if (locals.has(top)) return { module, how: 'local', ...none };
      const found = longestPrefix(installed, module);
      const mapped = lookUpImportMap(map, module);
      const dists = found?.value ?? [];
      if (dists.length > 0) {
        // Other builds of the same module (opencv-python-headless for opencv-python) declare it too.
        const keys = [...new Set([...dists.map((d) => d.key), ...(mapped?.distributions ?? []).map(normalizeName)])];
        return {
          module,
          how: 'installed',
          distribution: dists[0]!.name,
          keys,
          installed: dists[0]!,
          matched: found!.prefix,
        };
      }
      if (mapped) {
        const keys = mapped.distributions.map(normalizeName);
        const first = mapped.distributions[0] ?? null;
        return {
          module,
          how: 'import-map',
          distribution: first,
          keys,
          installed: first ? (byKey.get(normalizeName(first)) ?? null) : null,
          matched: mapped.prefix,
        };
      }
      const key = normalizeName(top);
      return { module, how: 'name', distribution: top, keys: [key], installed: byKey.get(key) ?? null };
    },
  };
}
