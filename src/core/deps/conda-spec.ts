// A conda match spec (`numpy`, `numpy=1.26`, `numpy==1.26.4`, `numpy 1.26.4 py311_0`, `conda-forge::numpy>=1.2`,
// `numpy[version='>=1.2']`) and whether it pins: only an exact version (`==`, a space form without wildcard) or a
// version with a build string does. `numpy=1.26` means 1.26.*, so it does not.
import { normalizeName } from './normalize';

export interface CondaSpec {
  channel: string | null;
  name: string;
  /** PEP 503 key of the PyPI distribution this conda package provides (`pytorch` → `torch`). */
  key: string;
  /** The version part as written ('' when there is none). */
  version: string;
  build: string | null;
  pinnedVersion: string | null;
  /** Offsets of the name and of the version/build part (empty after the name when there is none). */
  nameSpan: [number, number];
  versionSpan: [number, number];
}

/** conda package names that differ from the PyPI distribution of the same code. */
const CONDA_TO_PYPI: Readonly<Record<string, string>> = {
  pytorch: 'torch',
  'pytorch-cpu': 'torch',
  'pytorch-gpu': 'torch',
  'py-opencv': 'opencv-python',
  opencv: 'opencv-python',
  'matplotlib-base': 'matplotlib',
  'python-graphviz': 'graphviz',
  pytables: 'tables',
  'py-xgboost': 'xgboost',
  'py-lightgbm': 'lightgbm',
  'tensorflow-base': 'tensorflow',
  pyqt: 'PyQt5',
  libprotobuf: 'protobuf',
  ruamel_yaml: 'ruamel.yaml',
};

/** Names that are the interpreter or conda's own tooling, never a Python import. */
export const CONDA_NON_PACKAGES: ReadonlySet<string> = new Set([
  'python',
  'pip',
  'conda',
  'mamba',
  'setuptools',
  'wheel',
  'nodejs',
  'r-base',
]);

export function condaKey(name: string): string {
  const key = normalizeName(name);
  return normalizeName(CONDA_TO_PYPI[key] ?? key);
}

const HEAD = /^\s*(?:([^\s:=<>!~[]+)::)?([A-Za-z0-9_][A-Za-z0-9._-]*)/;

export function parseCondaSpec(text: string): CondaSpec | null {
  const head = HEAD.exec(text);
  if (!head) return null;
  const channel = head[1] ?? null;
  const name = head[2]!;
  const nameEnd = head[0].length;
  const nameSpan: [number, number] = [nameEnd - name.length, nameEnd];
  let rest = text.slice(nameEnd);
  let version = '';
  let build: string | null = null;
  const bracket = /^\[([^\]]*)\]/.exec(rest);
  if (bracket) {
    version = /version\s*=\s*['"]?([^'",\]]+)/.exec(bracket[1]!)?.[1]?.trim() ?? '';
    build = /build\s*=\s*['"]?([^'",\]]+)/.exec(bracket[1]!)?.[1]?.trim() ?? null;
    rest = rest.slice(bracket[0].length);
  } else {
    const trimmed = rest.trim();
    if (trimmed !== '') {
      const parts = trimmed.split(/\s+/);
      if (/^[=<>!~]/.test(trimmed) && parts.length === 1) {
        // name=1.2=build: the second '=' (not part of '==') starts the build string.
        const m = /^(==|=|>=|<=|>|<|!=|~=)([^=]*)(?:=([^=]+))?$/.exec(trimmed);
        if (!m) return null;
        version = m[1]! + m[2]!;
        build = m[3] ?? null;
      } else {
        version = parts[0]!;
        build = parts[1] ?? null;
      }
    }
  }
  const versionSpan: [number, number] = [nameEnd, nameEnd + text.slice(nameEnd).trimEnd().length];
  return {
    channel,
    name,
    key: condaKey(name),
    version,
    build,
    pinnedVersion: condaPinnedVersion(version, build),
    nameSpan,
    versionSpan,
  };
}

function condaPinnedVersion(version: string, build: string | null): string | null {
  if (version === '' || /[*|,]/.test(version)) return null;
  if (version.startsWith('==')) return version.slice(2);
  if (/^[<>!~]/.test(version)) return null;
  // `=1.2` alone is 1.2.*; with a build string (`=1.2.3=py311_0`) it names one file.
  if (version.startsWith('=')) return build !== null ? version.slice(1) : null;
  // Space form: `numpy 1.26.4` is exact.
  return version;
}
