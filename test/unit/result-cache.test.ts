// `nbhygiene check`'s result cache as a user meets it: a second run serves the findings from .nbhygiene_cache, and
// a change to anything the findings depend on (the notebook, its config, a manifest, the nbhygiene version) is never
// answered from it; a damaged cache is ignored and written again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import type { Finding } from '../../src/core/types';
import { CACHE_FOLDER, contentHash, lookUpResult, prepareCacheFolder, storeResult } from '../../src/cli/result-cache';
import type { CheckTask } from '../../src/cli/check-file';
import { notebookJson } from '../helpers/notebook';
import { runCliCapturing, tempFolder } from '../helpers/cli-fixtures';

const USED_BEFORE_DEFINED = notebookJson(['print(df)', 'df = 1']);
const DEFINED_FIRST = notebookJson(['df = 1', 'print(df)']);
const IMPORTS_REQUESTS = notebookJson(['import requests']);

const codes = (stdout: string) => [...stdout.matchAll(/ (NH\d{3}) /g)].map((match) => match[1]);

function entryFiles(root: string): string[] {
  return readdirSync(join(root, CACHE_FOLDER))
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(root, CACHE_FOLDER, name));
}

describe('the result cache', () => {
  it('is made by the first run with a .gitignore holding *, and a second run reads the findings from it', async () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    const first = await runCliCapturing(['check', 'nb.ipynb'], root);
    assert.deepEqual(codes(first.stdout), ['NH102']);
    assert.equal(
      readFileSync(join(root, CACHE_FOLDER, '.gitignore'), 'utf8')
        .split('\n')
        .includes('*'),
      true,
    );
    const [entry] = entryFiles(root);
    // What the second run prints comes from the entry: changed there, it shows.
    writeFileSync(
      entry!,
      readFileSync(entry!, 'utf8').replace("name 'df' is used", "name 'df' (from the cache) is used"),
    );
    const second = await runCliCapturing(['check', 'nb.ipynb'], root);
    assert.match(second.stdout, /name 'df' \(from the cache\) is used/);
    assert.equal(second.code, first.code);
  });

  it('--no-cache neither reads nor writes it', async () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    await runCliCapturing(['check', 'nb.ipynb', '--no-cache'], root);
    assert.equal(existsSync(join(root, CACHE_FOLDER)), false);
    await runCliCapturing(['check', 'nb.ipynb'], root);
    const [entry] = entryFiles(root);
    writeFileSync(
      entry!,
      readFileSync(entry!, 'utf8').replace("name 'df' is used", "name 'df' (from the cache) is used"),
    );
    const uncached = await runCliCapturing(['check', 'nb.ipynb', '--no-cache'], root);
    assert.doesNotMatch(uncached.stdout, /from the cache/);
    assert.deepEqual(codes(uncached.stdout), ['NH102']);
  });

  it('--cache-dir puts it elsewhere', async () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    await runCliCapturing(['check', 'nb.ipynb', '--cache-dir', 'build/nbh'], root);
    assert.equal(existsSync(join(root, CACHE_FOLDER)), false);
    assert.equal(existsSync(join(root, 'build', 'nbh', '.gitignore')), true);
  });

  it('never serves the findings of the notebook before it was edited', async () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    assert.deepEqual(codes((await runCliCapturing(['check', 'nb.ipynb'], root)).stdout), ['NH102']);
    writeFileSync(join(root, 'nb.ipynb'), DEFINED_FIRST);
    const after = await runCliCapturing(['check', 'nb.ipynb'], root);
    assert.deepEqual(codes(after.stdout), []);
    assert.equal(after.code, 0);
  });

  it('never serves findings made under another config', async () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    assert.deepEqual(codes((await runCliCapturing(['check', 'nb.ipynb'], root)).stdout), ['NH102']);
    writeFileSync(join(root, 'pyproject.toml'), '[tool.nbhygiene]\nignore = ["NH102"]\n');
    assert.deepEqual(codes((await runCliCapturing(['check', 'nb.ipynb'], root)).stdout), []);
    // The command line's overrides are config too.
    writeFileSync(join(root, 'pyproject.toml'), '[tool.nbhygiene]\n');
    assert.deepEqual(codes((await runCliCapturing(['check', 'nb.ipynb', '--ignore', 'NH1'], root)).stdout), []);
    assert.deepEqual(codes((await runCliCapturing(['check', 'nb.ipynb'], root)).stdout), ['NH102']);
  });

  it('never serves findings made against another manifest', async () => {
    const root = tempFolder({ 'nb.ipynb': IMPORTS_REQUESTS, 'requirements.txt': 'pandas==2.2.2\n' });
    assert.deepEqual(codes((await runCliCapturing(['check', 'nb.ipynb'], root)).stdout), ['NH203']);
    writeFileSync(join(root, 'requirements.txt'), 'pandas==2.2.2\nrequests==2.32.3\n');
    assert.deepEqual(codes((await runCliCapturing(['check', 'nb.ipynb'], root)).stdout), []);
  });

  it('never serves findings made against an older version of a file the notebook %runs', async () => {
    const root = tempFolder({
      'nb.ipynb': notebookJson(['%run helpers.py', 'print(scale(2))']),
      'helpers.py': 'def other():\n    return 1\n',
    });
    const before = await runCliCapturing(['check', 'nb.ipynb'], root);
    assert.match(before.stdout, /'scale'/);
    writeFileSync(join(root, 'helpers.py'), 'def scale(x):\n    return 10 * x\n');
    const after = await runCliCapturing(['check', 'nb.ipynb'], root);
    assert.doesNotMatch(after.stdout, /'scale'/);
  });

  it('ignores a damaged entry and writes it again', async () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    const first = await runCliCapturing(['check', 'nb.ipynb'], root);
    const [entry] = entryFiles(root);
    for (const damage of ['{"format": 1, "key": "', '', 'null', '{"format":1,"key":"x","findings":[]}']) {
      writeFileSync(entry!, damage);
      const run = await runCliCapturing(['check', 'nb.ipynb'], root);
      assert.equal(run.stdout, first.stdout, `with the entry ${JSON.stringify(damage)}`);
      assert.equal(run.stderr, '');
      assert.doesNotThrow(() => JSON.parse(readFileSync(entry!, 'utf8')), 'written again');
    }
  });
});

describe('lookUpResult and storeResult', () => {
  const finding = (message: string, code = 'NH102'): Finding => ({
    code,
    severity: 'error',
    message,
    notebook: 'nb.ipynb',
    cellIndex: 0,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    related: [],
    fixes: [],
  });
  const taskIn = (root: string): CheckTask => ({
    file: join(root, 'nb.ipynb'),
    displayPath: 'nb.ipynb',
    config: DEFAULT_CONFIG,
    project: null,
  });

  it('never serves findings stored by another nbhygiene version, nor for other bytes', () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    const task = taskIn(root);
    const at = (version: string) => ({ folder: join(root, CACHE_FOLDER), version });
    const content = contentHash(readFileSync(task.file));
    assert.equal(prepareCacheFolder(at('0.1.0').folder), true);
    assert.equal(lookUpResult(at('0.1.0'), task, content), null);
    storeResult(at('0.1.0'), task, content, [finding('from 0.1.0')]);
    assert.deepEqual(lookUpResult(at('0.1.0'), task, content), [finding('from 0.1.0')]);
    assert.equal(lookUpResult(at('0.2.0'), task, content), null);
    assert.equal(lookUpResult(at('0.1.0'), task, contentHash(Buffer.from(DEFINED_FIRST))), null);
  });

  it('stores nothing when the engine crashed on the notebook, and stays silent where it cannot write', () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED, 'a-file': '' });
    const task = taskIn(root);
    const location = { folder: join(root, CACHE_FOLDER), version: '1' };
    const content = contentHash(readFileSync(task.file));
    prepareCacheFolder(location.folder);
    storeResult(location, task, content, [finding('nbhygiene failed on this notebook', 'NH000')]);
    assert.equal(lookUpResult(location, task, content), null);
    // A file where the folder should be: no cache, no error.
    const blocked = { folder: join(root, 'a-file'), version: '1' };
    assert.equal(prepareCacheFolder(blocked.folder), false);
    assert.equal(lookUpResult(blocked, task, content), null);
    assert.doesNotThrow(() => storeResult(blocked, task, content, [finding('x')]));
  });
});
