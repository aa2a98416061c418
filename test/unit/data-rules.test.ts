// NH501–NH503 on the patterns of real notebooks (issue 15): names bound by any import form are resolved through the
// notebook's imports instead of a text search for module or function names, and the labelled wrong findings (a later
// assert that checks the data, a frame only looked at, data only re-serialised, a model saved only to be loaded back)
// are not said, while what was right still is. Also the one import parser of the dependency rules (NH203).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProjectContext } from '../../src/core/deps/project';
import { memoryHost } from '../helpers/memory-host';
import { notebookJson, testEngine } from '../helpers/notebook';

describe('NH203 reads the imported names from the import facts', () => {
  it('`from namespace import a, \\` continued on the next line: both names resolve', async () => {
    const context = await loadProjectContext('/p/nb.ipynb', memoryHost({ '/p/.git/HEAD': '', '/p/nb.ipynb': '{}', '/p/requirements.txt': 'pandas\n' }));
    const findings = (await testEngine()).check(notebookJson(['from google.cloud import storage, \\\n    bigquery']), '/p/nb.ipynb', undefined, context).findings;
    assert.deepEqual(
      findings.filter((f) => f.code === 'NH203').map((f) => f.message.split(' ')[0]),
      ['google-cloud-storage', 'google-cloud-bigquery'],
    );
  });
});
