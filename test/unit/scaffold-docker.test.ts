// The Dockerfile/devcontainer scaffold: pinned to language_info's Python and the project's pins; refuses without pins.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProjectContext } from '../../src/core/deps/project';
import { loadNotebook } from '../../src/core/notebook/load';
import { applyFileEdits } from '../../src/core/refactor/apply-plan';
import { planningModel } from '../../src/core/analysis/notebook-model';
import { scaffoldDocker } from '../../src/core/scaffold/docker';
import { memoryHost } from '../helpers/memory-host';
import { notebookJson, testParser } from '../helpers/notebook';

async function scaffold(
  files: Record<string, string>,
  metadata: Record<string, unknown> = { language_info: { name: 'python', version: '3.11.4' } },
  existing = new Map<string, string>(),
) {
  const text = notebookJson(['import pandas as pd\nimport numpy as np'], metadata);
  const notebook = loadNotebook(text, '/p/nb.ipynb').notebook!;
  const project = await loadProjectContext('/p/nb.ipynb', memoryHost({ '/p/.git/HEAD': '', ...files }));
  return scaffoldDocker(planningModel(notebook, await testParser()), project, existing);
}

describe('scaffold docker', () => {
  it('writes a Dockerfile pinned to the Python version and the pins, a .dockerignore and a devcontainer', async () => {
    const result = await scaffold({ '/p/requirements.txt': 'pandas==2.2.2\nnumpy==1.26.4\n' });
    assert.ok(result.ok);
    const byPath = new Map(result.plan.fileEdits.map((e) => [e.path, e.newText]));
    const dockerfile = byPath.get('/p/Dockerfile')!;
    assert.match(dockerfile, /^FROM python:3\.11-slim$/m);
    assert.match(dockerfile, /"numpy==1\.26\.4" \\\n    "pandas==2\.2\.2"/);
    assert.match(byPath.get('/p/.dockerignore')!, /\.env/);
    const devcontainer = JSON.parse(byPath.get('/p/.devcontainer/devcontainer.json')!);
    assert.equal(devcontainer.build.dockerfile, '../Dockerfile');
    assert.ok(result.plan.fileEdits.every((e) => e.expectedOldText === null));
  });

  it('refuses when a dependency is not pinned, pointing at NH203/NH204', async () => {
    const result = await scaffold({ '/p/requirements.txt': 'pandas\nnumpy==1.26.4\n' });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /pandas.*NH203\/NH204/);
  });

  it('refuses without language_info.version, and never overwrites a Dockerfile; merges .dockerignore', async () => {
    const noVersion = await scaffold({ '/p/requirements.txt': 'pandas==2.2.2\nnumpy==1.26.4\n' }, {});
    assert.equal(noVersion.ok, false);
    const existing = await scaffold(
      { '/p/requirements.txt': 'pandas==2.2.2\nnumpy==1.26.4\n' },
      undefined,
      new Map([['/p/Dockerfile', 'FROM x\n']]),
    );
    assert.equal(existing.ok, false);
    const merged = await scaffold(
      { '/p/requirements.txt': 'pandas==2.2.2\nnumpy==1.26.4\n' },
      undefined,
      new Map([['/p/.dockerignore', 'data/\n']]),
    );
    assert.ok(merged.ok);
    const applied = applyFileEdits(new Map([['/p/.dockerignore', 'data/\n']]), merged.plan.fileEdits);
    assert.deepEqual(applied.conflicts, []);
    assert.match(applied.files.get('/p/.dockerignore')!, /^data\/\n\.git\n/);
  });
});
