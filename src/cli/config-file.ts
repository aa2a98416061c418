// Finds the pyproject.toml that configures a notebook: the nearest one with [tool.nbhygiene], like ruff.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CONFIG, parsePyprojectConfig, type NbhygieneConfig } from '../core/config/config';

export interface LoadedConfig {
  config: NbhygieneConfig;
  /** The pyproject.toml it came from; null when none applies (defaults). */
  path: string | null;
  /** Problems found in that file; the same array for every notebook it configures. */
  problems: string[];
}

const NO_CONFIG: LoadedConfig = { config: DEFAULT_CONFIG, path: null, problems: [] };

export interface ConfigLocator {
  /** The configuration for a notebook at this path (absolute, or relative to the process's cwd). */
  configFor(notebookPath: string): LoadedConfig;
}

/**
 * One locator per CLI run: each folder is looked up once, so 400 notebooks in one folder read one file.
 * `onLoaded` is called once per pyproject.toml that has a [tool.nbhygiene] table (to report its problems once).
 */
export function createConfigLocator(onLoaded?: (loaded: LoadedConfig) => void): ConfigLocator {
  const byFolder = new Map<string, LoadedConfig>();

  function lookUp(folder: string): LoadedConfig {
    const cached = byFolder.get(folder);
    if (cached !== undefined) return cached;
    const loaded = loadFrom(folder) ?? (isSearchBoundary(folder) ? NO_CONFIG : lookUp(dirname(folder)));
    byFolder.set(folder, loaded);
    return loaded;
  }

  function loadFrom(folder: string): LoadedConfig | null {
    const path = join(folder, 'pyproject.toml');
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return null;
    }
    const parsed = parsePyprojectConfig(text);
    // A pyproject.toml without our table (only [project], say) does not stop the search, unless it is broken.
    if (!parsed.hasSection && parsed.problems.length === 0) return null;
    const loaded: LoadedConfig = { config: parsed.config, path, problems: parsed.problems };
    onLoaded?.(loaded);
    return loaded;
  }

  return {
    configFor(notebookPath: string): LoadedConfig {
      return lookUp(dirname(resolve(notebookPath)));
    },
  };
}

/** The search stops at the repository's root (the folder holding .git) and at the file system's root. */
function isSearchBoundary(folder: string): boolean {
  return existsSync(join(folder, '.git')) || dirname(folder) === folder;
}
