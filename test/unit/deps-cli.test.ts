// The CLI side of the dependency checks: project contexts cached per folder, each file read once per run.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { createProjectContextCache } from '../../src/cli/project-cache';
import { memoryHost } from '../helpers/memory-host';

describe('project context cache', () => {
  it('loads one context per folder and reads each file once', async () => {
    const host = memoryHost({
      '/w/.git/HEAD': '',
      '/w/requirements.txt': 'numpy==1.26.4\n',
      '/w/a/one.ipynb': '{}',
      '/w/a/two.ipynb': '{}',
      '/w/b/three.ipynb': '{}',
    });
    const cache = createProjectContextCache({ cwd: '/w', host });
    const one = await cache.contextFor('a/one.ipynb');
    const calls = host.calls;
    const two = await cache.contextFor('/w/a/two.ipynb');
    // Only the notebook itself is read, for its `%run` lines: the folder's manifests and environment are not again.
    assert.equal(host.calls, calls + 1);
    assert.equal(two.notebookPath, '/w/a/two.ipynb');
    assert.equal(one.notebookPath, resolve('/w', 'a/one.ipynb'));
    const three = await cache.contextFor('/w/b/three.ipynb');
    assert.deepEqual(
      three.manifests.map((m) => m.path),
      ['/w/requirements.txt'],
    );
    assert.equal(three.root, '/w');
  });

  it('stops at the cwd when the notebook is under it, even without .git', async () => {
    const host = memoryHost({ '/requirements.txt': 'x\n', '/w/requirements.txt': 'numpy\n', '/w/nb/n.ipynb': '{}' });
    const context = await createProjectContextCache({ cwd: '/w', host }).contextFor('nb/n.ipynb');
    assert.equal(context.root, '/w');
    assert.deepEqual(
      context.manifests.map((m) => m.path),
      ['/w/requirements.txt'],
    );
  });
});
