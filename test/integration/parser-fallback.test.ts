// The bundled command where the native tree-sitter binding is not installed (a copy of dist/ with no node_modules
// above it): the same report on the wasm parser, and one line on stderr saying why.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO, tempFolder } from '../helpers/cli-fixtures';

describe('the bundled command without the native binding', () => {
  it('checks on the wasm parser with a one-line notice, with threads and without, giving the same report', () => {
    const dist = join(tempFolder({}), 'dist');
    cpSync(join(REPO, 'dist'), dist, { recursive: true });
    const run = (cli: string, jobs: string) =>
      spawnSync(
        process.execPath,
        [
          cli,
          'check',
          'examples',
          'test/fixtures/cli',
          '--format',
          'json',
          '--exit-zero',
          '--no-cache',
          '--jobs',
          jobs,
        ],
        { cwd: REPO, encoding: 'utf8' },
      );
    const native = run(join(REPO, 'dist', 'cli.js'), '1');
    assert.equal(native.status, 0, native.stderr);
    assert.equal(native.stderr, '');
    for (const jobs of ['1', '2']) {
      const fallback = run(join(dist, 'cli.js'), jobs);
      assert.equal(fallback.status, 0, fallback.stderr);
      assert.equal(fallback.stdout, native.stdout);
      const lines = fallback.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, fallback.stderr);
      assert.match(
        lines[0]!,
        /^nbhygiene: note: native tree-sitter unavailable \(Cannot find module 'tree-sitter'.*\); using the slower wasm parser$/,
      );
    }
  });
});
