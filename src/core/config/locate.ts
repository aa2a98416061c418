// Finds the pyproject.toml that configures a notebook: the nearest one with [tool.nbhygiene], like ruff. The
// search stops at the repository's root (the folder holding .git). Used by the CLI and the editor alike.
import type { Host } from '../host';
import { dirnamePath as dirname, isRoot, joinPath } from '../paths';
import { DEFAULT_CONFIG, parsePyprojectConfig, type NbhygieneConfig } from './config';

export interface LoadedConfig {
  config: NbhygieneConfig;
  /** The pyproject.toml it came from; null when none applies (defaults). */
  path: string | null;
  /** Problems found in that file; the same array for every notebook it configures. */
  problems: string[];
}

const NO_CONFIG: LoadedConfig = { config: DEFAULT_CONFIG, path: null, problems: [] };

export interface ConfigLocator {
  /** The configuration for a notebook at this absolute path. */
  configFor(notebookPath: string): Promise<LoadedConfig>;
}

/**
 * Each folder is looked up once per locator, so 400 notebooks in one folder read one file. `onLoaded` is called
 * once per pyproject.toml that has a [tool.nbhygiene] table (to report its problems once).
 */
export function createConfigLocator(host: Host, onLoaded?: (loaded: LoadedConfig) => void): ConfigLocator {
  const byFolder = new Map<string, Promise<LoadedConfig>>();

  async function loadFrom(folder: string): Promise<LoadedConfig | null> {
    const path = joinPath(folder, 'pyproject.toml');
    const text = await host.readFile(path);
    if (text === null) return null;
    const parsed = parsePyprojectConfig(text);
    // A pyproject.toml without our table (only [project], say) does not stop the search, unless it is broken.
    if (!parsed.hasSection && parsed.problems.length === 0) return null;
    const loaded: LoadedConfig = { config: parsed.config, path, problems: parsed.problems };
    onLoaded?.(loaded);
    return loaded;
  }

  async function isSearchBoundary(folder: string): Promise<boolean> {
    if (isRoot(folder)) return true;
    return (await host.listDir(folder))?.includes('.git') ?? false;
  }

  function lookUp(folder: string): Promise<LoadedConfig> {
    let pending = byFolder.get(folder);
    if (!pending) {
      pending = (async () =>
        (await loadFrom(folder)) ?? ((await isSearchBoundary(folder)) ? NO_CONFIG : lookUp(dirname(folder))))();
      byFolder.set(folder, pending);
    }
    return pending;
  }

  return { configFor: (notebookPath) => lookUp(dirname(notebookPath)) };
}
