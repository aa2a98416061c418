// Golden tests: fixture notebook in, expected module + test file + rewritten notebook out
// (test/fixtures/extract/<case>/expected; UPDATE_SNAPSHOT=1 rewrites them, then review the diff).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { loadNotebook } from '../../src/core/notebook/load';
import { CASES_DIR, caseNames, runCase } from '../fixtures/extract/cases';

function golden(path: string, actual: string): void {
  if (process.env.UPDATE_SNAPSHOT === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${path} differs (UPDATE_SNAPSHOT=1 rewrites it)`);
}

describe('extract: golden outputs', () => {
  for (const name of caseNames()) {
    it(name, async () => {
      const result = await runCase(name);
      const expected = join(CASES_DIR, name, 'expected');
      golden(join(expected, 'nb.ipynb'), result.newNotebook);
      for (const [file, text] of result.files) golden(join(expected, file), text);
    });
  }

  it('leaves every other cell, output, id and the metadata as they were', async () => {
    const result = await runCase('stats');
    const before = JSON.parse(result.notebookText);
    const after = JSON.parse(result.newNotebook);
    assert.deepEqual(after.metadata, before.metadata);
    assert.equal(after.cells.length, before.cells.length);
    after.cells.forEach((cell: Record<string, unknown>, k: number) => {
      const old = before.cells[k];
      assert.equal(cell.id, old.id);
      assert.deepEqual(cell.outputs, old.outputs);
      if (!result.cells.includes(k)) assert.deepEqual(cell, old);
    });
    assert.ok(loadNotebook(result.newNotebook, 'nb.ipynb').notebook);
  });

  it('keeps everything an existing module had', async () => {
    const result = await runCase('existing-module');
    const original = readFileSync(join(CASES_DIR, 'existing-module', 'nb_lib.py'), 'utf8');
    const merged = result.files.get('nb_lib.py')!;
    for (const line of original.split('\n').filter((l) => !l.startsWith('from collections')))
      assert.ok(merged.includes(line), `lost: ${line}`);
    assert.match(merged, /^from collections import Counter, OrderedDict$/m);
  });
});
