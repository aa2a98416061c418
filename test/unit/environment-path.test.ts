// Reading an environment's dist-info needs its folder, whichever way it was named.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { environmentRoot } from '../../src/core/deps/environment-path';

it('maps interpreters to their environment folder and keeps folders', () => {
  assert.equal(environmentRoot('/p/.venv/bin/python3.11'), '/p/.venv');
  assert.equal(environmentRoot('C:\\p\\venv\\Scripts\\python.exe'), 'C:/p/venv');
  assert.equal(environmentRoot('/opt/envs/ml'), '/opt/envs/ml');
});
