// Three `nbhygiene check` processes at once on one project share its result cache: each reports what a run without
// the cache reports, and every folder's file left behind is whole (written to a temporary file and renamed) and holds
// the entries of its notebooks.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixture, REPO, tempFolder } from '../helpers/cli-fixtures';

function check(cwd: string, extra: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO, 'dist/cli.js'), 'check', '.', '--format', 'json', ...extra], {
      cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the result cache under concurrent runs', () => {
  it('gives every run the uncached report and leaves only whole files', async () => {
    const files: Record<string, string> = {};
    for (let copy = 0; copy < 10; copy++)
      for (const name of ['out-of-order.ipynb', 'used-before-defined.ipynb'])
        files[`copy${copy}/${name}`] = fixture(name);
    const root = tempFolder(files);
    const uncached = await check(root, ['--no-cache']);
    assert.equal(JSON.parse(uncached.stdout).notebooks.length, 20);
    for (let round = 0; round < 2; round++) {
      const runs = await Promise.all([check(root), check(root), check(root)]);
      for (const run of runs) {
        assert.equal(run.stderr, '');
        assert.equal(run.code, uncached.code);
        assert.equal(run.stdout, uncached.stdout);
      }
    }
    const cache = join(root, '.nbhygiene_cache');
    const folderFiles = readdirSync(cache).filter((name) => name !== '.gitignore');
    assert.equal(folderFiles.length, 10, folderFiles.join(', '));
    for (const name of folderFiles) {
      const notebooks = Object.values(JSON.parse(readFileSync(join(cache, name), 'utf8')).notebooks);
      assert.equal(notebooks.length, 2, name);
      for (const entry of notebooks) assert.ok(Array.isArray((entry as { findings: unknown }).findings));
    }
  });
});
