// "Generate a Dockerfile / devcontainer": a Dockerfile on the Python version the notebook's language_info records
// (refused when the pins cannot install on it), installing the project's lock file with its hashes and transitive
// pins when there is one, the notebook's pinned imports and its own `%pip` installs, running as a non-root user; a
// .dockerignore, and a .devcontainer/devcontainer.json that builds it. Pure: ProjectContext + notebook model in, an
// EditPlan of FileEdits out (or the reason it refuses).
import { satisfies, validRange } from '@renovatebot/pep440';
import type { NotebookModel } from '../analysis/notebook-model';
import type { LockKind } from '../deps/dependency-data';
import { collectNotebookDependencies, firstImportPerDistribution } from '../deps/notebook-deps';
import type { ProjectContext } from '../deps/project';
import { basenamePath, joinPath, relativePath } from '../paths';
import type { EditPlan, FileEdit } from '../types';

/** Existing files the plan must not overwrite: path → current text (absent: the file does not exist). */
export type ExistingFiles = ReadonlyMap<string, string>;

export type ScaffoldResult =
  { ok: true; plan: EditPlan; pins: string[]; python: string } | { ok: false; reason: string };

/**
 * What runs the notebook in the image (nbconvert executes it with ipykernel), and the oldest Python these pins
 * install on: older notebooks are refused rather than given an image that cannot build.
 */
const RUNNER_PINS = ['ipykernel==6.29.5', 'nbconvert==7.16.6'];
const RUNNER_MIN_PYTHON: [number, number] = [3, 8];
/** The tools that turn a uv or Poetry lock into a hash-checked requirements file inside the image. */
const UV_PIN = 'uv==0.5.11';
const POETRY_PIN = 'poetry==1.8.5';

interface PythonVersion {
  /** `3.11`: what a requirement's python_version compares with. */
  minor: string;
  /** The image tag: `3.11.4` when the notebook recorded a final release, else `3.11`. */
  tag: string;
  major: number;
  minorNumber: number;
}

/** `3.11.4` → tag `3.11.4`; `3.12.0rc1` → `3.12` (no image for a pre-release of a patch). */
function pythonVersion(metadata: Record<string, unknown>): PythonVersion | null {
  const info = metadata.language_info as { version?: unknown } | undefined;
  const version = typeof info?.version === 'string' ? info.version.trim() : null;
  const m = version ? /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version) : null;
  if (!m) return null;
  const minor = `${m[1]}.${m[2]}`;
  const final = m[3] !== undefined && /^\d+\.\d+\.\d+$/.test(version!);
  return { minor, tag: final ? version! : minor, major: Number(m[1]), minorNumber: Number(m[2]) };
}

/** The reason the runner pins cannot install on this Python, or null. */
function runnerRefusal(python: PythonVersion): string | null {
  const [major, minor] = RUNNER_MIN_PYTHON;
  if (python.major > major || (python.major === major && python.minorNumber >= minor)) return null;
  return `the notebook was saved with Python ${python.minor}: ${RUNNER_PINS.join(' and ')}, which run it in the image, need Python ${major}.${minor} or later (and python:${python.minor} images no longer get security fixes). Run the notebook with a supported Python, save it, and scaffold again`;
}

/** `requires-python` of the project's pyproject.toml, when it has one. */
function requiresPython(project: ProjectContext): { path: string; range: string } | null {
  for (const manifest of project.manifests) {
    if (manifest.kind !== 'pyproject' || manifest.cellIndex !== undefined) continue;
    const m = /^\s*requires-python\s*=\s*["']([^"']+)["']/m.exec(manifest.text);
    if (m) return { path: manifest.path, range: m[1]! };
  }
  return null;
}

/** The lock the image installs from: a requirements lock (hashes kept), uv.lock or poetry.lock; or why not. */
type LockPlan =
  | { kind: 'requirements'; path: string; hashes: boolean }
  | { kind: 'uv' | 'poetry'; path: string; pyproject: string }
  | { kind: 'refuse'; reason: string }
  | null;

const EXPORT_HINT: Partial<Record<LockKind, string>> = {
  'Pipfile.lock': 'pipenv requirements --hash > requirements.lock.txt',
  'pdm.lock': 'pdm export -o requirements.lock.txt',
  'pylock.toml': 'a requirements file with --hash lines (pip-compile --generate-hashes, uv export)',
};

function lockPlan(project: ProjectContext): LockPlan {
  const compiled = project.manifests.filter(
    (m) => m.kind === 'requirements' && m.compiled && m.cellIndex === undefined,
  );
  const hashed = compiled.find((m) => /(^|\s)--hash[=\s]/m.test(m.text));
  if (hashed) return { kind: 'requirements', path: hashed.path, hashes: true };
  const pyproject = project.manifests.find((m) => m.kind === 'pyproject' && m.cellIndex === undefined);
  for (const lock of project.locks) {
    if ((lock.kind === 'uv.lock' || lock.kind === 'poetry.lock') && pyproject)
      return { kind: lock.kind === 'uv.lock' ? 'uv' : 'poetry', path: lock.path, pyproject: pyproject.path };
    const hint = EXPORT_HINT[lock.kind];
    if (hint)
      return {
        kind: 'refuse',
        reason: `the project locks its dependencies in ${relativePath(project.root, lock.path)}, which pip cannot install with its hashes: export it (${hint}) and scaffold again`,
      };
    if (lock.kind === 'conda-lock.yml')
      return {
        kind: 'refuse',
        reason: `the project locks a conda environment (${relativePath(project.root, lock.path)}): a python:slim image with pip cannot install it`,
      };
  }
  const plain = compiled[0];
  return plain ? { kind: 'requirements', path: plain.path, hashes: false } : null;
}

/** The Python a pip-compile output was made for, from its header. */
function compiledPython(project: ProjectContext, path: string): string | null {
  const text = project.manifests.find((m) => m.path === path)?.text ?? '';
  return /^#.*autogenerated by pip-compile with Python (\d+\.\d+)/m.exec(text)?.[1] ?? null;
}

function quoted(words: readonly string[]): string {
  return words.map((word) => JSON.stringify(word)).join(' ');
}

/** `RUN pip install \` with one requirement per line. */
function pipInstall(pins: readonly string[]): string[] {
  if (pins.length === 0) return [];
  return [
    'RUN pip install \\',
    ...pins.map((pin, k) => `    ${JSON.stringify(pin)}${k === pins.length - 1 ? '' : ' \\'}`),
    '',
  ];
}

function lockLines(lock: LockPlan, root: string): string[] {
  if (!lock || lock.kind === 'refuse') return [];
  const rel = (path: string) => relativePath(root, path);
  if (lock.kind === 'requirements') {
    // A file every line of which is pinned may still leave out what those pins depend on: only hashes (pip then
    // insists every requirement is listed, with its hashes) prove it complete enough for --no-deps.
    const flags = lock.hashes ? ' --require-hashes --no-deps' : '';
    return [
      `# Every pin of ${rel(lock.path)}${lock.hashes ? ', transitive ones included, each checked against its hashes' : ''}.`,
      `COPY ${rel(lock.path)} /tmp/requirements.lock`,
      `RUN pip install${flags} -r /tmp/requirements.lock`,
      '',
    ];
  }
  const exporter =
    lock.kind === 'uv'
      ? `uv export --frozen --no-dev --no-emit-project --output-file /tmp/requirements.lock`
      : `poetry export --format requirements.txt --output /tmp/requirements.lock`;
  return [
    `# Every pin of ${rel(lock.path)} with its hashes, exported by the pinned ${lock.kind === 'uv' ? 'uv' : 'Poetry'}.`,
    `COPY ${rel(lock.pyproject)} ${rel(lock.path)} /tmp/lock/`,
    `RUN pip install ${JSON.stringify(lock.kind === 'uv' ? UV_PIN : POETRY_PIN)} \\`,
    `    && cd /tmp/lock && ${exporter} \\`,
    '    && pip install --require-hashes --no-deps -r /tmp/requirements.lock',
    '',
  ];
}

export function scaffoldDocker(
  model: NotebookModel,
  project: ProjectContext,
  existing: ExistingFiles = new Map(),
): ScaffoldResult {
  const python = pythonVersion(model.notebook.metadata);
  if (!python)
    return {
      ok: false,
      reason:
        "the notebook's metadata records no language_info.version: run it once with its kernel and save it, so the Python version is known",
    };
  const tooOld = runnerRefusal(python);
  if (tooOld) return { ok: false, reason: tooOld };
  const required = requiresPython(project);
  if (required && validRange(required.range) && !satisfies(`${python.minor}.0`, required.range))
    return {
      ok: false,
      reason: `the notebook was saved with Python ${python.minor}, but ${relativePath(project.root, required.path)} requires Python ${required.range}: the pinned dependencies may not install on it. Run the notebook with a Python the project supports, save it, and scaffold again`,
    };
  const lock = lockPlan(project);
  if (lock?.kind === 'refuse') return { ok: false, reason: lock.reason };
  const compiledFor = lock?.kind === 'requirements' ? compiledPython(project, lock.path) : null;
  if (compiledFor && compiledFor !== python.minor)
    return {
      ok: false,
      reason: `${relativePath(project.root, lock!.path)} was compiled for Python ${compiledFor}, the notebook was saved with Python ${python.minor}: its pins may not install there. Compile it again with the notebook's Python (or run the notebook with ${compiledFor}) and scaffold again`,
    };
  const locked = new Set(
    lock ? project.locks.filter((l) => l.path === lock.path).flatMap((l) => l.entries.map((e) => e.key)) : [],
  );
  const deps = collectNotebookDependencies(model, project);
  const pins: string[] = [];
  const unpinned: string[] = [];
  for (const item of firstImportPerDistribution(deps.imports)) {
    const distribution = item.resolved.distribution!;
    const keys = item.resolved.keys;
    const declared = keys
      .flatMap((key) => deps.declared.get(key) ?? [])
      .find((ref) => ref.declaration.pinned && ref.declaration.version);
    const lockedEntry = keys.flatMap((key) => deps.locked.get(key) ?? [])[0];
    const installed = keys
      .flatMap((key) => deps.installed.get(key) ?? [])
      .find((ref) => ref.request.pinned && ref.request.version);
    if (keys.some((key) => locked.has(key))) continue; // the lock installs it, hashes and all
    const version = declared?.declaration.version ?? lockedEntry?.entry.version ?? installed?.request.version ?? null;
    if (version) pins.push(`${declared?.declaration.name ?? lockedEntry?.entry.name ?? distribution}==${version}`);
    else unpinned.push(distribution);
  }
  if (unpinned.length > 0) {
    return {
      ok: false,
      reason: `not every dependency is pinned (${unpinned.join(', ')}): fix the NH203/NH204 findings (declare and pin them, or add a lock file) first, so the image builds the same way every time`,
    };
  }
  // What the notebook installs itself (`%pip install openpyxl==3.1.5`, `%pip install -r extra.txt`) goes into the
  // image too: the cell then finds it installed instead of reaching for the network when the container runs.
  const installUnpinned: string[] = [];
  const requirementFiles: string[] = [];
  for (const install of deps.installs) {
    if (install.tool === 'conda')
      return {
        ok: false,
        reason: `cell ${install.cellIndex + 1} installs with conda, which a python:slim image does not have: install with %pip, pinned, and scaffold again`,
      };
    for (const request of install.packages) {
      if (request.ecosystem !== 'pypi' || locked.has(request.key)) continue;
      if (request.pinned && request.version) pins.push(`${request.name}==${request.version}`);
      else installUnpinned.push(request.name);
    }
    for (const file of install.requirementFiles)
      requirementFiles.push(relativePath(project.root, joinPath(project.notebookDir, file.path)));
  }
  if (installUnpinned.length > 0)
    return {
      ok: false,
      reason: `the notebook installs ${installUnpinned.join(', ')} without a pin: fix the NH201 findings first (nbhygiene fix --pin NAME=VERSION), so the image builds the same way every time`,
    };
  const root = project.root;
  const notebookRel = relativePath(root, project.notebookPath);
  const sorted = [...new Set(pins)].sort((a, b) => a.localeCompare(b));
  const files = [...new Set(requirementFiles)];
  const dockerfile = [
    `# Generated by nbhygiene for ${notebookRel}: Python ${python.tag} as the notebook's language_info records, dependencies as pinned.`,
    `# For a build that never changes under you, pin the image's digest too: FROM python:${python.tag}-slim@sha256:...`,
    `# (docker buildx imagetools inspect python:${python.tag}-slim prints it).`,
    `FROM python:${python.tag}-slim`,
    '',
    'ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1',
    '',
    ...lockLines(lock, root),
    ...pipInstall(sorted),
    ...files.flatMap((file) => [
      `COPY ${file} /tmp/notebook-requirements/${file}`,
      `RUN pip install -r /tmp/notebook-requirements/${file}`,
      '',
    ]),
    `RUN pip install ${quoted(RUNNER_PINS)}`,
    '',
    '# The notebook runs as an ordinary user, not as root.',
    'RUN useradd --create-home --uid 1000 notebook',
    'WORKDIR /workspace',
    'COPY --chown=notebook:notebook . /workspace',
    'USER notebook',
    '',
    `# Run the notebook top to bottom, as Restart & Run All would.`,
    `CMD ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--output", "executed.ipynb", ${JSON.stringify(notebookRel)}]`,
    '',
  ].join('\n');
  const dockerignore = [
    '.git',
    '.venv',
    'venv',
    '__pycache__',
    '*.pyc',
    '.ipynb_checkpoints',
    '.env',
    '*.egg-info',
    'executed.ipynb',
    '',
  ].join('\n');
  const devcontainer = `${JSON.stringify(
    {
      name: `${basenamePath(root)} (nbhygiene)`,
      build: { dockerfile: '../Dockerfile', context: '..' },
      workspaceFolder: '/workspace',
      workspaceMount: 'source=${localWorkspaceFolder},target=/workspace,type=bind',
      customizations: { vscode: { extensions: ['ms-python.python', 'ms-toolsai.jupyter', 'nbhygiene.nbhygiene'] } },
    },
    null,
    2,
  )}\n`;
  const fileEdits: FileEdit[] = [];
  for (const [path, text] of [
    [joinPath(root, 'Dockerfile'), dockerfile],
    [joinPath(root, '.dockerignore'), dockerignore],
    [joinPath(root, '.devcontainer', 'devcontainer.json'), devcontainer],
  ] as const) {
    const current = existing.get(path);
    if (current === undefined) fileEdits.push({ path, expectedOldText: null, newText: text });
    else if (path.endsWith('.dockerignore')) {
      // Merge: keep what is there, add the lines it lacks.
      const have = new Set(current.split('\n').map((l) => l.trim()));
      const missing = text.split('\n').filter((l) => l !== '' && !have.has(l));
      if (missing.length > 0)
        fileEdits.push({
          path,
          expectedOldText: current,
          newText: `${current.replace(/\n?$/, '\n')}${missing.join('\n')}\n`,
        });
    } else {
      return {
        ok: false,
        reason: `${relativePath(root, path)} already exists: nbhygiene does not overwrite it (move it away to regenerate)`,
      };
    }
  }
  return { ok: true, plan: { cellEdits: [], fileEdits }, pins: sorted, python: python.tag };
}
