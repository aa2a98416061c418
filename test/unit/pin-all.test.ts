// "Pin Dependencies" as the editor runs it: the answers collected first, then every pin in one edit of the manifest.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadProjectContext } from '../../src/core/deps/project';
import { applyFileEdits } from '../../src/core/refactor/apply-plan';
import { pinAllPlan, pinFixes, pinSummary } from '../../src/core/refactor/pin-all';
import { memoryHost } from '../helpers/memory-host';
import { notebookJson, testEngine } from '../helpers/notebook';

async function pinScenario(requirements: string) {
  const host = memoryHost({ '/p/.git/HEAD': '', '/p/requirements.txt': requirements });
  const project = await loadProjectContext('/p/nb.ipynb', host);
  const cells = ['import numpy\nimport pandas\nimport requests\nimport scipy'];
  const { findings } = (await testEngine()).check(notebookJson(cells), '/p/nb.ipynb', undefined, project);
  return { host, fixes: pinFixes(findings) };
}

it('pins four declarations in one edit of requirements.txt, one of them skipped, a >= one pinned', async () => {
  const { host, fixes } = await pinScenario('numpy\npandas>=2.0\nrequests\nscipy<2\n');
  assert.equal(fixes.length, 4);
  const result = pinAllPlan(fixes, ['1.26.4', '2.2.2', null, '1.13.0']);
  assert.equal(pinSummary(result), 'pinned 3, skipped 1 (requests)');
  const written = applyFileEdits(host.files, result.plan.fileEdits);
  assert.deepEqual(written.conflicts, []);
  assert.equal(written.files.get('/p/requirements.txt'), 'numpy==1.26.4\npandas==2.2.2\nrequests\nscipy==1.13.0\n');
});

it('writes nothing when every package is skipped', async () => {
  const { fixes } = await pinScenario('numpy\npandas\nrequests\nscipy\n');
  const result = pinAllPlan(fixes, [null, null, null, null]);
  assert.deepEqual(result.plan, { cellEdits: [], fileEdits: [] });
  assert.equal(pinSummary(result), 'pinned 0, skipped 4 (numpy, pandas, requests, scipy)');
});
