// The bundled command asked for the native parser: the same report as on the wasm parser, and where the binding is
// not installed (a copy of dist/ with no node_modules above it) the wasm parser with one line on stderr saying why.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO, tempFolder } from '../helpers/cli-fixtures';

describe('the bundled command with NBHYGIENE_PARSER=native', () => {
  it('reports as on wasm; without the binding, checks on wasm with a one-line notice, with threads and without', () => {
    const dist = join(tempFolder({}), 'dist');
    cpSync(join(REPO, 'dist'), dist, { recursive: true });
    const run = (cli: string, jobs: string, parser = 'native') =>
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
        { cwd: REPO, encoding: 'utf8', env: { ...process.env, NBHYGIENE_PARSER: parser } },
      );
    const native = run(join(REPO, 'dist', 'cli.js'), '1');
    assert.equal(native.status, 0, native.stderr);
    assert.equal(native.stderr, '');
    const wasm = run(join(REPO, 'dist', 'cli.js'), '2', 'wasm');
    assert.equal(wasm.stderr, '');
    assert.equal(wasm.stdout, native.stdout);
    for (const jobs of ['1', '2']) {
      const fallback = run(join(dist, 'cli.js'), jobs);
      assert.equal(fallback.status, 0, fallback.stderr);
      assert.equal(fallback.stdout, native.stdout);
      const lines = fallback.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, fallback.stderr);
      assert.match(
        lines[0]!,
        /^nbhygiene: note: native tree-sitter unavailable \(Cannot find module 'tree-sitter'.*\); using the wasm parser$/,
      );
    }
  });
});
