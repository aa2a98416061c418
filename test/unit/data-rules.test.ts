// NH501–NH503 on the patterns of real notebooks (issue 15): names bound by any import form are resolved through the
// notebook's imports instead of a text search for module or function names, and the labelled wrong findings (a later
// assert that checks the data, a frame only looked at, data only re-serialised, a model saved only to be loaded back)
// are not said, while what was right still is. Also the one import parser of the dependency rules (NH203).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProjectContext } from '../../src/core/deps/project';
import { memoryHost } from '../helpers/memory-host';
import { findingsOf, notebookJson, testEngine } from '../helpers/notebook';

describe('NH502 resolves scikit-learn through any import form', () => {
  it('`StandardScaler as SS`: an instance made in a cell of its own', async () => {
    const cells = [
      'from sklearn.preprocessing import StandardScaler as SS\nfrom sklearn.model_selection import train_test_split',
      'scaler = SS()',
      'X_scaled = scaler.fit_transform(X)',
      'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)',
    ];
    assert.deepEqual(await findingsOf('NH502', cells), ['3:1:12']);
  });

  it('`cross_val_score as cvs` cross-validates on data a scaler was fitted on', async () => {
    const cells = ['from sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import cross_val_score as cvs', 'X_s = StandardScaler().fit_transform(X)', 'scores = cvs(model, X_s, y)'];
    assert.deepEqual(await findingsOf('NH502', cells), ['2:1:7']);
  });

  it('the inline form `X = StandardScaler().fit_transform(df)` before train_test_split', async () => {
    const cells = ['from sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split', 'X = StandardScaler().fit_transform(df)', 'X_train, X_test = train_test_split(X, random_state=0)'];
    assert.deepEqual(await findingsOf('NH502', cells), ['2:1:5']);
  });

  it('`train_test_split as tts` then fitting on the training part is not a leak', async () => {
    const cells = ['from sklearn.preprocessing import StandardScaler as SS\nfrom sklearn.model_selection import train_test_split as tts', 'X_train, X_test = tts(X, random_state=0)', 'X_train_s = SS().fit_transform(X_train)'];
    assert.deepEqual(await findingsOf('NH502', cells), []);
  });

  it('a notebook that only mentions scikit-learn in a comment does not use it', async () => {
    const fitted = 'model.fit(X, y)\nprint(model.score(X, y))';
    assert.deepEqual(await findingsOf('NH502', ['# no sklearn here: a hand-written model\nmodel = MyModel()', fitted]), []);
    assert.deepEqual(await findingsOf('NH502', ['from sklearn.linear_model import LinearRegression as LR\nmodel = LR()', fitted]), ['2:2:7']);
  });
});

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
