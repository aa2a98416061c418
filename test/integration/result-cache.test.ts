// Two `nbhygiene check` processes at once on one project share its result cache: both report what a run without the
// cache reports, and every entry left behind is whole (each is written to a temporary file and renamed).
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
  it('gives both runs the uncached report and leaves only whole entries', async () => {
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
    const entries = readdirSync(cache).filter((name) => name !== '.gitignore');
    assert.equal(entries.length, 20, entries.join(', '));
    for (const entry of entries)
      assert.ok(Array.isArray(JSON.parse(readFileSync(join(cache, entry), 'utf8')).findings));
  });
});
