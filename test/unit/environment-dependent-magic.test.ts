// NH406 finds os.chdir by asking the notebook's imports what a callee is, never by searching the cell for 'chdir'.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf } from '../helpers/notebook';

describe('NH406 resolves os.chdir through the notebook imports', () => {
  it('flags chdir imported under another name in an earlier cell', async () => {
    assert.deepEqual(await findingsOf('NH406', ['from os import chdir as cd', 'cd("..")']), ['2:1:1']);
  });

  it('flags os.chdir through a module alias', async () => {
    assert.deepEqual(await findingsOf('NH406', ['import os as operating_system\noperating_system.chdir("..")']), [
      '1:2:1',
    ]);
  });

  it('does not flag a notebook function named chdir', async () => {
    assert.deepEqual(await findingsOf('NH406', ['def chdir(path):\n    return path', 'chdir("..")']), []);
  });
});
