// loadProjectContext through the Host: manifests and locks up to the project root, includes, the installed
// environment, local modules and import-map extensions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProjectContext } from '../../src/core/deps/project';
import { ancestors, dirnamePath, joinPath, normalizePath, relativePath } from '../../src/core/paths';
import { memoryHost } from '../helpers/memory-host';

const SITE = '/repo/.venv/lib/python3.11/site-packages';

describe('posix paths', () => {
  it('normalises, joins and relates paths', () => {
    assert.equal(normalizePath('C:\\work\\p\\..\\q'), 'C:/work/q');
    assert.equal(joinPath('/a/b', '../c', 'd.txt'), '/a/c/d.txt');
    assert.equal(dirnamePath('/a'), '/');
    assert.equal(dirnamePath('nb.ipynb'), '.');
    assert.equal(relativePath('/p/nb', '/p/requirements.txt'), '../requirements.txt');
    assert.equal(relativePath('/p', '/p/requirements.txt'), 'requirements.txt');
    assert.deepEqual(ancestors('/p/a/b', '/p'), ['/p/a/b', '/p/a', '/p']);
    assert.deepEqual(ancestors('/p'), ['/p', '/']);
  });
});

describe('loadProjectContext', () => {
  it('finds manifests from the notebook folder up to the folder with .git, nearest first', async () => {
    const host = memoryHost({
      '/requirements.txt': 'outside-the-project\n',
      '/repo/.git/HEAD': 'ref: refs/heads/main',
      '/repo/pyproject.toml': '[project]\nname = "demo"\ndependencies = ["pandas>=2"]\n',
      '/repo/uv.lock': '[[package]]\nname = "pandas"\nversion = "2.2.1"\n',
      '/repo/notebooks/requirements-nb.txt': 'seaborn\n',
      '/repo/notebooks/eda/analysis.ipynb': '{}',
    });
    const project = await loadProjectContext('/repo/notebooks/eda/analysis.ipynb', host);
    assert.equal(project.root, '/repo');
    assert.equal(project.notebookDir, '/repo/notebooks/eda');
    assert.deepEqual(
      project.manifests.map((m) => m.path),
      ['/repo/notebooks/requirements-nb.txt', '/repo/pyproject.toml'],
    );
    assert.deepEqual(
      project.locks.map((l) => `${l.kind}:${l.entries.length}`),
      ['uv.lock:1'],
    );
    assert.ok(project.localModules.includes('demo'));
  });

  it('stops at the workspace root, and searches only the notebook folder when there is neither', async () => {
    const files = {
      '/w/requirements.txt': 'numpy\n',
      '/w/sub/nb.ipynb': '{}',
      '/w/sub/environment.yml': 'dependencies:\n  - pandas\n',
    };
    const withRoot = await loadProjectContext('/w/sub/nb.ipynb', memoryHost(files), { workspaceRoot: '/w' });
    assert.deepEqual(
      withRoot.manifests.map((m) => m.path),
      ['/w/sub/environment.yml', '/w/requirements.txt'],
    );
    const without = await loadProjectContext('/w/sub/nb.ipynb', memoryHost(files));
    assert.equal(without.root, '/w/sub');
    assert.deepEqual(
      without.manifests.map((m) => m.path),
      ['/w/sub/environment.yml'],
    );
  });

  it('follows -r includes, reads requirements/*.txt and turns -c files and pip-compile output into locks', async () => {
    const host = memoryHost({
      '/p/.git/config': '',
      '/p/requirements.txt': '-r requirements/base.txt\n-c constraints.txt\nflask\n',
      '/p/requirements/base.txt': 'numpy\n-r ../requirements.txt\n',
      '/p/requirements/dev.txt': 'pytest==8.1.1\n',
      '/p/constraints.txt': 'numpy==1.26.4\n',
      '/p/nb.ipynb': '{}',
    });
    const project = await loadProjectContext('/p/nb.ipynb', host);
    assert.deepEqual(
      project.manifests.map((m) => m.path),
      ['/p/requirements.txt', '/p/requirements/base.txt', '/p/requirements/dev.txt'],
    );
    assert.deepEqual(
      project.locks.map((l) => `${l.path}:${l.entries.map((e) => `${e.key}==${e.version}`).join(',')}`),
      ['/p/constraints.txt:numpy==1.26.4', '/p/requirements/dev.txt:pytest==8.1.1'],
    );
  });

  it('ignores a pyproject.toml that only configures tools, but keeps its import map', async () => {
    const host = memoryHost({
      '/p/.git/x': '',
      '/p/pyproject.toml': '[tool.ruff]\nline-length = 100\n\n[tool.nbhygiene.import-map]\nacme = "acme-sdk"\n',
      '/p/nb.ipynb': '{}',
    });
    const project = await loadProjectContext('/p/nb.ipynb', host);
    assert.deepEqual(project.manifests, []);
    assert.deepEqual(project.importMap, { acme: ['acme-sdk'] });
  });

  it('reads the installed environment from .venv as files, and RECORD for namespace packages', async () => {
    const host = memoryHost({
      '/repo/.git/HEAD': '',
      '/repo/nb.ipynb': '{}',
      [`${SITE}/numpy-1.26.4.dist-info/METADATA`]: 'Name: numpy\nVersion: 1.26.4\n',
      [`${SITE}/numpy-1.26.4.dist-info/top_level.txt`]: 'numpy\n',
      [`${SITE}/protobuf-4.25.3.dist-info/METADATA`]: 'Name: protobuf\nVersion: 4.25.3\n',
      [`${SITE}/protobuf-4.25.3.dist-info/top_level.txt`]: 'google\n',
      [`${SITE}/protobuf-4.25.3.dist-info/RECORD`]: 'google/protobuf/__init__.py,,\n',
      [`${SITE}/google_cloud_storage-2.16.0.dist-info/METADATA`]: 'Name: google-cloud-storage\nVersion: 2.16.0\n',
      [`${SITE}/google_cloud_storage-2.16.0.dist-info/top_level.txt`]: 'google\n',
      [`${SITE}/google_cloud_storage-2.16.0.dist-info/RECORD`]: 'google/cloud/storage/__init__.py,,\n',
      [`${SITE}/six-1.16.0.dist-info/RECORD`]: 'six.py,,\n',
      [`${SITE}/numpy/__init__.py`]: '',
    });
    const project = await loadProjectContext('/repo/nb.ipynb', host);
    assert.equal(project.installed?.sitePackages, SITE);
    assert.deepEqual(
      project.installed?.distributions.map((d) => `${d.key}==${d.version}:${d.modules.join('+')}`),
      [
        'google-cloud-storage==2.16.0:google.cloud.storage',
        'numpy==1.26.4:numpy',
        'protobuf==4.25.3:google.protobuf',
        'six==1.16.0:six',
      ],
    );
  });

  it('finds a Windows venv and takes an explicit environment path', async () => {
    const files = {
      '/p/.git/x': '',
      '/p/nb.ipynb': '{}',
      '/p/venv/Lib/site-packages/six-1.16.0.dist-info/METADATA': 'Name: six\nVersion: 1.16.0\n',
      '/envs/ds/lib/python3.12/site-packages/rich-13.7.1.dist-info/METADATA': 'Name: rich\nVersion: 13.7.1\n',
    };
    assert.equal(
      (await loadProjectContext('/p/nb.ipynb', memoryHost(files)))?.installed?.distributions[0]?.name,
      'six',
    );
    assert.equal(
      (await loadProjectContext('/p/nb.ipynb', memoryHost(files), { venvPath: '/envs/ds' }))?.installed
        ?.distributions[0]?.name,
      'rich',
    );
  });

  it('collects local modules: anything importable beside the notebook, packages up to the root and under src/', async () => {
    const host = memoryHost({
      '/p/.git/x': '',
      '/p/src/mypkg/__init__.py': '',
      '/p/tools/__init__.py': '',
      '/p/docs/index.md': '',
      '/p/nbs/nb.ipynb': '{}',
      '/p/nbs/helpers.py': '',
      '/p/nbs/lib/io.py': '',
      '/p/nbs/data/raw.csv': '',
    });
    const project = await loadProjectContext('/p/nbs/nb.ipynb', host);
    assert.deepEqual(project.localModules, ['helpers', 'lib', 'mypkg', 'tools']);
  });

  it('keeps parse problems with their file', async () => {
    const host = memoryHost({ '/p/.git/x': '', '/p/nb.ipynb': '{}', '/p/requirements.txt': 'numpy\npandas >>2\n' });
    const project = await loadProjectContext('/p/nb.ipynb', host);
    assert.deepEqual(
      project.problems.map((p) => `${p.path}:${p.range.start.line}`),
      ['/p/requirements.txt:1'],
    );
  });
});
