// Everything about the notebook's project that the dependency rules need, found through the Host: manifests and
// lock files from the notebook's folder up to the project root, the installed environment when there is one, the
// project's own module names and its import-map extensions. Plain data; the rules never read files.
import type { Host } from '../host';
import { ancestors, basenamePath, dirnamePath, joinPath, normalizePath } from '../paths';
import type { Range } from '../types';
import { readDistribution } from './installed-env';
import { lockFromCompiled, lockKindOf, parseLock } from './locks';
import type {
  InstalledDistribution,
  InstalledEnvironment,
  Lock,
  Manifest,
  ManifestKind,
  ManifestParse,
} from './dependency-data';
import { parseEnvironmentYml } from './manifests/environment-yml';
import { parsePipfile } from './manifests/pipfile';
import { parsePyproject } from './manifests/pyproject';
import { parseRequirementsTxt } from './manifests/requirements-txt';
import { parseSetupCfg } from './manifests/setup-cfg';
import { importNameGuess } from './normalize';
import { loadTestsContext, type TestsContext } from '../tests-context';
import { loadRunFiles, runCellSources } from './run-files';

export interface ProjectProblem {
  path: string;
  message: string;
  range: Range;
}

export interface ProjectContext {
  notebookPath: string;
  notebookDir: string;
  /** The folder with `.git`, or the workspace root; the notebook's folder when neither is above it. */
  root: string;
  /** Nearest first. */
  manifests: Manifest[];
  locks: Lock[];
  /** null when no environment was found. */
  installed: InstalledEnvironment | null;
  /** Top-level names of the project's own modules and packages. */
  localModules: string[];
  /** `[tool.nbhygiene.import-map]`, nearer pyproject.toml files winning. */
  importMap: Record<string, string[]>;
  problems: ProjectProblem[];
  /** The project's test files (NH301, NH304); absent when not loaded. */
  tests?: TestsContext;
  /**
   * The files the notebook's `%run` lines run that exist, by path (see deps/run-files.ts); absent when not read,
   * and then every `%run` is a file nobody can see.
   */
  runFiles?: Record<string, string>;
}

export interface LoadOptions {
  workspaceRoot?: string;
  /** A virtual environment (or conda env) to read instead of looking for `.venv`/`venv`. */
  venvPath?: string;
  /** Where the project's tests live, relative to its root (config `tests`). */
  testsFolder?: string;
  /** The notebook's code cells as the editor has them; read from the notebook's file otherwise (its `%run` lines). */
  cellSources?: string[];
}

const MAX_INCLUDE_DEPTH = 8;
const MAX_PACKAGE_PROBES = 200;
const IDENTIFIER = /^[A-Za-z_]\w*$/;

function manifestKindOf(name: string): ManifestKind | null {
  if (/^requirements.*\.txt$/i.test(name)) return 'requirements';
  if (name === 'pyproject.toml') return 'pyproject';
  if (name === 'environment.yml' || name === 'environment.yaml') return 'environment-yml';
  if (name === 'Pipfile') return 'pipfile';
  if (name === 'setup.cfg') return 'setup-cfg';
  return null;
}

function parseManifest(kind: ManifestKind, text: string): ManifestParse & { compiled?: boolean } {
  switch (kind) {
    case 'requirements':
      return parseRequirementsTxt(text);
    case 'pyproject':
      return parsePyproject(text);
    case 'environment-yml':
      return parseEnvironmentYml(text);
    case 'pipfile':
      return parsePipfile(text);
    case 'setup-cfg':
      return parseSetupCfg(text);
    case 'pep723':
      return { declarations: [], includes: [], problems: [] };
  }
}

/** The folders searched, nearest first: up to the first one with `.git` or the workspace root. */
async function projectFolders(
  notebookDir: string,
  host: Host,
  workspaceRoot?: string,
): Promise<{ folders: string[]; listings: Map<string, string[]> }> {
  const listings = new Map<string, string[]>();
  const chain = ancestors(notebookDir, workspaceRoot);
  const folders: string[] = [];
  for (const folder of chain) {
    const entries = (await host.listDir(folder)) ?? [];
    listings.set(folder, entries);
    folders.push(folder);
    if (entries.includes('.git') || (workspaceRoot !== undefined && folder === normalizePath(workspaceRoot))) {
      return { folders, listings };
    }
  }
  return { folders: [notebookDir], listings };
}

class Loader {
  readonly manifests: Manifest[] = [];
  readonly locks: Lock[] = [];
  readonly problems: ProjectProblem[] = [];
  /** Nearest first. */
  readonly importMaps: Record<string, string[]>[] = [];
  readonly projectNames: string[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly host: Host) {}

  async manifest(path: string, kind: ManifestKind, depth = 0): Promise<void> {
    if (this.seen.has(path)) return;
    this.seen.add(path);
    const text = await this.host.readFile(path);
    if (text === null) return;
    const parsed = parseManifest(kind, text);
    for (const problem of parsed.problems) this.problems.push({ path, ...problem });
    if (parsed.importMap) this.importMaps.push(parsed.importMap);
    if (parsed.projectName) this.projectNames.push(parsed.projectName);
    // A pyproject.toml with tool settings only declares nothing: it is no manifest.
    if (kind === 'pyproject' && parsed.declaresDependencies === false) return;
    const manifest: Manifest = { path, kind, text, ...parsed };
    this.manifests.push(manifest);
    if (manifest.compiled) this.locks.push(lockFromCompiled(manifest));
    for (const include of parsed.includes) {
      if (depth >= MAX_INCLUDE_DEPTH) break;
      const target = joinPath(dirnamePath(path), include.target);
      if (include.kind === 'constraints') await this.constraints(target);
      else await this.manifest(target, 'requirements', depth + 1);
    }
  }

  /** A `-c` constraints file pins without declaring: its pinned lines count like a lock. */
  private async constraints(path: string): Promise<void> {
    if (this.seen.has(path)) return;
    this.seen.add(path);
    const text = await this.host.readFile(path);
    if (text === null) return;
    const parsed = parseRequirementsTxt(text);
    this.locks.push(lockFromCompiled({ path, kind: 'requirements', text, ...parsed }));
  }

  async lock(path: string): Promise<void> {
    const kind = lockKindOf(basenamePath(path));
    if (!kind || this.seen.has(path)) return;
    this.seen.add(path);
    const text = await this.host.readFile(path);
    if (text === null) return;
    const lock = parseLock(kind, path, text);
    for (const problem of lock.problems) this.problems.push({ path, ...problem });
    this.locks.push(lock);
  }
}

async function findSitePackages(host: Host, envRoot: string): Promise<string | null> {
  const lib = await host.listDir(joinPath(envRoot, 'lib'));
  for (const entry of (lib ?? [])
    .filter((name) => /^python3\.\d+$/.test(name))
    .sort()
    .reverse()) {
    const site = joinPath(envRoot, 'lib', entry, 'site-packages');
    if ((await host.listDir(site)) !== null) return site;
  }
  const windows = joinPath(envRoot, 'Lib', 'site-packages');
  return (await host.listDir(windows)) !== null ? windows : null;
}

export async function loadInstalledEnvironment(host: Host, envRoot: string): Promise<InstalledEnvironment | null> {
  const sitePackages = await findSitePackages(host, envRoot);
  if (sitePackages === null) return null;
  const entries = ((await host.listDir(sitePackages)) ?? []).filter((name) => name.endsWith('.dist-info')).sort();
  const read = async (folderName: string, withRecord: boolean): Promise<InstalledDistribution | null> => {
    const path = joinPath(sitePackages, folderName);
    const [metadata, topLevel] = await Promise.all([
      host.readFile(joinPath(path, 'METADATA')),
      host.readFile(joinPath(path, 'top_level.txt')),
    ]);
    const record = withRecord || topLevel === null ? await host.readFile(joinPath(path, 'RECORD')) : null;
    return readDistribution({ path, folderName, metadata, topLevel, record });
  };
  const first = await Promise.all(entries.map((name) => read(name, false)));
  // A top-level name several distributions claim is a namespace package: their RECORDs tell them apart.
  const claims = new Map<string, number>();
  for (const dist of first) for (const module of dist?.modules ?? []) claims.set(module, (claims.get(module) ?? 0) + 1);
  const distributions = await Promise.all(
    first.map((dist, k) => (dist && dist.modules.some((m) => claims.get(m)! > 1) ? read(entries[k]!, true) : dist)),
  );
  return { sitePackages, distributions: distributions.filter((d): d is InstalledDistribution => d !== null) };
}

async function findEnvironment(
  host: Host,
  root: string,
  notebookDir: string,
  venvPath?: string,
): Promise<InstalledEnvironment | null> {
  const candidates = venvPath
    ? [normalizePath(venvPath)]
    : [...new Set([notebookDir, root])].flatMap((dir) => [joinPath(dir, '.venv'), joinPath(dir, 'venv')]);
  for (const candidate of candidates) {
    const env = await loadInstalledEnvironment(host, candidate);
    if (env) return env;
  }
  return null;
}

/** Module names the kernel can import from the project: beside the notebook (any folder is a namespace package there), and packages up to the root and under `src/`. */
async function findLocalModules(
  host: Host,
  folders: string[],
  listings: Map<string, string[]>,
  root: string,
): Promise<string[]> {
  const names = new Set<string>();
  let probes = 0;
  const scan = async (folder: string, anyFolder: boolean) => {
    const entries = listings.get(folder) ?? (await host.listDir(folder)) ?? [];
    for (const entry of entries) {
      const module = /^([A-Za-z_]\w*)(?:\.[\w-]+)*\.(py|so|pyd)$/.exec(entry)?.[1];
      if (module) {
        names.add(module);
        continue;
      }
      if (!IDENTIFIER.test(entry) || names.has(entry) || entry.startsWith('.')) continue;
      if (probes++ >= MAX_PACKAGE_PROBES) continue;
      const inner = await host.listDir(joinPath(folder, entry));
      if (inner === null) continue;
      if (inner.includes('__init__.py') || (anyFolder && inner.some((name) => name.endsWith('.py')))) names.add(entry);
    }
  };
  await scan(folders[0]!, true);
  for (const folder of folders.slice(1)) await scan(folder, false);
  await scan(joinPath(root, 'src'), false);
  return [...names].sort();
}

export async function loadProjectContext(
  notebookPath: string,
  host: Host,
  options: LoadOptions = {},
): Promise<ProjectContext> {
  const path = normalizePath(notebookPath);
  const notebookDir = dirnamePath(path);
  const { folders, listings } = await projectFolders(notebookDir, host, options.workspaceRoot);
  const root = folders[folders.length - 1]!;
  const loader = new Loader(host);
  for (const folder of folders) {
    const entries = [...(listings.get(folder) ?? [])].sort();
    for (const entry of entries) {
      const kind = manifestKindOf(entry);
      if (kind) await loader.manifest(joinPath(folder, entry), kind);
      else if (lockKindOf(entry)) await loader.lock(joinPath(folder, entry));
    }
    if (entries.includes('requirements')) {
      const nested = ((await host.listDir(joinPath(folder, 'requirements'))) ?? [])
        .filter((name) => name.endsWith('.txt'))
        .sort();
      for (const name of nested) await loader.manifest(joinPath(folder, 'requirements', name), 'requirements');
    }
  }
  const localModules = await findLocalModules(host, folders, listings, root);
  const importMap: Record<string, string[]> = {};
  for (const map of [...loader.importMaps].reverse()) Object.assign(importMap, map);
  for (const name of loader.projectNames) localModules.push(importNameGuess(name));
  return {
    notebookPath: path,
    notebookDir,
    root,
    manifests: loader.manifests,
    locks: loader.locks,
    installed: await findEnvironment(host, root, notebookDir, options.venvPath),
    localModules: [...new Set(localModules)].sort(),
    importMap,
    problems: loader.problems,
    tests: await loadTestsContext(host, root, notebookDir, options.testsFolder),
    runFiles: await loadRunFiles(
      host,
      notebookDir,
      options.cellSources ?? runCellSources(await host.readFile(path), path),
    ),
  };
}
