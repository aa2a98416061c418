// `nbhygiene check`'s result cache as a user meets it: a second run serves the findings from .nbhygiene_cache, and
// a change to anything the findings depend on (the notebook, its config, a manifest, the nbhygiene version) is never
// answered from it; a damaged cache is ignored and written again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import type { Finding } from '../../src/core/types';
import {
  CACHE_FOLDER,
  contentHash,
  fileStamp,
  prepareCacheFolder,
  readResultCache,
  cacheEntry,
  writeResults,
  type FileStamp,
} from '../../src/cli/result-cache';
import type { CheckTask } from '../../src/cli/check-file';
import { notebookJson } from '../helpers/notebook';
import { runCliCapturing, tempFolder } from '../helpers/cli-fixtures';

const USED_BEFORE_DEFINED = notebookJson(['print(df)', 'df = 1']);
const DEFINED_FIRST = notebookJson(['df = 1', 'print(df)']);
const IMPORTS_REQUESTS = notebookJson(['import requests']);
/** A file time in whole seconds (utimes takes seconds). */
const LAST_YEAR = Math.floor(Date.now() / 1000) - 365 * 24 * 3600;

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

  it('reads back by the stamp an unchanged notebook, and checks again one rewritten to the same size and time', async () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    // Whole seconds, so that the time put back below is the very same to the nanosecond.
    utimesSync(join(root, 'nb.ipynb'), LAST_YEAR, LAST_YEAR);
    // A stamp is kept only for a file that had not changed for two seconds when it was read.
    await new Promise((done) => setTimeout(done, 2_100));
    await runCliCapturing(['check', 'nb.ipynb'], root);
    const [entry] = entryFiles(root);
    assert.notEqual(JSON.parse(readFileSync(entry!, 'utf8')).notebooks[join(root, 'nb.ipynb')].stamp, null);
    writeFileSync(
      entry!,
      readFileSync(entry!, 'utf8').replace("name 'df' is used", "name 'df' (from the cache) is used"),
    );
    assert.match((await runCliCapturing(['check', 'nb.ipynb'], root)).stdout, /from the cache/);
    // DEFINED_FIRST has the same cells in the other order: as many bytes. The old modification time is put back.
    assert.equal(Buffer.byteLength(DEFINED_FIRST), Buffer.byteLength(USED_BEFORE_DEFINED));
    writeFileSync(join(root, 'nb.ipynb'), DEFINED_FIRST);
    utimesSync(join(root, 'nb.ipynb'), LAST_YEAR, LAST_YEAR);
    const after = await runCliCapturing(['check', 'nb.ipynb'], root);
    assert.deepEqual(codes(after.stdout), []);
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

  it("keeps one file per folder: a run over one notebook keeps the others' entries and drops a deleted one's", async () => {
    const root = tempFolder({ 'a.ipynb': USED_BEFORE_DEFINED, 'b.ipynb': IMPORTS_REQUESTS, 'c.ipynb': DEFINED_FIRST });
    await runCliCapturing(['check', '.'], root);
    const [folderFile, ...others] = entryFiles(root);
    assert.deepEqual(others, []);
    const notebooks = () => Object.keys(JSON.parse(readFileSync(folderFile!, 'utf8')).notebooks).sort();
    assert.deepEqual(
      notebooks(),
      ['a.ipynb', 'b.ipynb', 'c.ipynb'].map((name) => join(root, name)),
    );
    writeFileSync(join(root, 'a.ipynb'), DEFINED_FIRST);
    rmSync(join(root, 'c.ipynb'));
    assert.deepEqual(codes((await runCliCapturing(['check', 'a.ipynb'], root)).stdout), []);
    assert.deepEqual(
      notebooks(),
      ['a.ipynb', 'b.ipynb'].map((name) => join(root, name)),
    );
    // b's entry is still served: changed in the file, the change shows.
    writeFileSync(
      folderFile!,
      readFileSync(folderFile!, 'utf8').replace(
        'the notebook imports requests',
        'the notebook imports requests (cached)',
      ),
    );
    assert.match((await runCliCapturing(['check', 'b.ipynb'], root)).stdout, /\(cached\)/);
  });

  it("ignores a damaged folder's file and writes it again", async () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    const first = await runCliCapturing(['check', 'nb.ipynb'], root);
    const [entry] = entryFiles(root);
    const damages = [
      '{"format": 3, "notebooks": {',
      '',
      'null',
      '{"format":3,"notebooks":null}',
      '{"format":3,"notebooks":{"x":{"key":1}}}',
      '{"format":1,"key":"x","findings":[]}',
    ];
    for (const damage of damages) {
      writeFileSync(entry!, damage);
      const run = await runCliCapturing(['check', 'nb.ipynb'], root);
      assert.equal(run.stdout, first.stdout, `with the entry ${JSON.stringify(damage)}`);
      assert.equal(run.stderr, '');
      assert.doesNotThrow(() => JSON.parse(readFileSync(entry!, 'utf8')), 'written again');
    }
  });
});

describe('readResultCache and writeResults', () => {
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
  /** Writes one notebook's entry as a run does (none after an engine crash). */
  const store = (
    location: { folder: string; version: string },
    task: CheckTask,
    content: string,
    stamp: FileStamp | null,
    findings: Finding[],
  ) => {
    const entry = cacheEntry(location, task, content, stamp, findings);
    writeResults(location, new Map(entry ? [[task.file, entry]] : []));
  };
  /** The stamp of the file as it is, as if its bytes had been read three seconds after its last change. */
  const settledStamp = (file: string, content: string) => {
    const stats = statSync(file, { bigint: true });
    return fileStamp(stats, content, stats.ctimeNs + 3_000_000_000n);
  };

  it('never serves findings stored by another nbhygiene version, nor for other bytes', () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    const task = taskIn(root);
    const at = (version: string) => ({ folder: join(root, CACHE_FOLDER), version });
    const content = contentHash(readFileSync(task.file));
    assert.equal(prepareCacheFolder(at('0.1.0').folder), true);
    assert.equal(readResultCache(at('0.1.0')).lookUp(task, content), null);
    store(at('0.1.0'), task, content, null, [finding('from 0.1.0')]);
    assert.deepEqual(readResultCache(at('0.1.0')).lookUp(task, content), [finding('from 0.1.0')]);
    assert.equal(readResultCache(at('0.2.0')).lookUp(task, content), null);
    assert.equal(readResultCache(at('0.1.0')).lookUp(task, contentHash(Buffer.from(DEFINED_FIRST))), null);
  });

  it('stores nothing when the engine crashed on the notebook, and stays silent where it cannot write', () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED, 'a-file': '' });
    const task = taskIn(root);
    const location = { folder: join(root, CACHE_FOLDER), version: '1' };
    const content = contentHash(readFileSync(task.file));
    prepareCacheFolder(location.folder);
    store(location, task, content, null, [finding('nbhygiene failed on this notebook', 'NH000')]);
    assert.equal(readResultCache(location).lookUp(task, content), null);
    // A file where the folder should be: no cache, no error.
    const blocked = { folder: join(root, 'a-file'), version: '1' };
    assert.equal(prepareCacheFolder(blocked.folder), false);
    assert.equal(readResultCache(blocked).lookUp(task, content), null);
    assert.doesNotThrow(() => store(blocked, task, content, null, [finding('x')]));
  });

  it('keeps no stamp for a file changed within two seconds of being read', () => {
    const stats = { size: 10n, ino: 7n, mtimeNs: 5_000_000_000n, ctimeNs: 5_000_000_000n };
    assert.equal(fileStamp(stats, 'hash', 6_000_000_000n), null);
    assert.deepEqual(fileStamp(stats, 'hash', 7_500_000_000n), {
      size: '10',
      ino: '7',
      mtimeNs: '5000000000',
      ctimeNs: '5000000000',
      contentHash: 'hash',
    });
  });

  it("takes the content's hash from the stamp of an unchanged file, and from nothing once it is rewritten", () => {
    const root = tempFolder({ 'nb.ipynb': USED_BEFORE_DEFINED });
    const task = taskIn(root);
    const location = { folder: join(root, CACHE_FOLDER), version: '1' };
    const content = contentHash(readFileSync(task.file));
    prepareCacheFolder(location.folder);
    utimesSync(task.file, LAST_YEAR, LAST_YEAR);
    store(location, task, content, settledStamp(task.file, content), [finding('x')]);
    assert.equal(readResultCache(location).unchangedContent(task.file), content);
    // The same number of bytes, and the old modification time put back: the change time still tells.
    writeFileSync(task.file, USED_BEFORE_DEFINED.replace('df', 'dg'));
    utimesSync(task.file, LAST_YEAR, LAST_YEAR);
    assert.equal(statSync(task.file).size, Buffer.byteLength(USED_BEFORE_DEFINED));
    assert.equal(readResultCache(location).unchangedContent(task.file), null);
    // No stamp at all (a file changed just before it was read): the file is always read.
    store(location, task, content, null, [finding('x')]);
    assert.equal(readResultCache(location).unchangedContent(task.file), null);
  });
});
