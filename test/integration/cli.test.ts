// The `nbhygiene` command as a process: run from source with tsx, and the bundled dist/cli.js (worker threads, code
// caches, the npm package, a closed pipe). The in-process tests of the same command are test/unit/cli.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeCachePath } from '../../src/cli/speed/code-cache';
import { fixture, NH102_LINE, REPO, tempFolder } from '../helpers/cli-fixtures';

describe('as a command', () => {
  it('runs from source with node --import tsx and sets the exit code', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'check',
        'test/fixtures/cli/used-before-defined.ipynb',
        'test/fixtures/cli/clean.ipynb',
      ],
      { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.ok(lines[0].startsWith(NH102_LINE), lines[0]);
    assert.equal(lines[1], 'Found 1 finding (1 error) in 2 notebooks.');
  });

  it('exits 2 for a missing path', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', 'missing.ipynb'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /missing\.ipynb: no such file or folder/);
  });
});

describe('the bundled command (dist/cli.js, built by npm test before the tests)', () => {
  it('gives the same report with worker threads as without, in the same order', () => {
    const run = (jobs: string) =>
      spawnSync(
        process.execPath,
        // No result cache: each run checks, on the threads asked for.
        [
          'dist/cli.js',
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
        {
          cwd: REPO,
          encoding: 'utf8',
        },
      );
    const sequential = run('1');
    const parallel = run('2');
    assert.equal(sequential.status, 0, sequential.stderr);
    assert.equal(parallel.status, 0, parallel.stderr);
    assert.ok(JSON.parse(parallel.stdout).notebooks.length >= 5);
    assert.equal(parallel.stdout, sequential.stdout);
  });

  it('with the default jobs, gives the same report for a folder of 20 notebooks and for one file as one thread does', () => {
    // 20 notebooks: enough for workers by default (PARALLEL_MIN_FILES).
    const notebooks = [
      'clean.ipynb',
      'out-of-order.ipynb',
      'suppressed.ipynb',
      'used-before-defined.ipynb',
      'invalid.ipynb',
    ];
    const files: Record<string, string> = {};
    for (let copy = 0; copy < 4; copy++) for (const name of notebooks) files[`copy${copy}/${name}`] = fixture(name);
    const root = tempFolder(files);
    const run = (paths: string[], extra: string[] = []) =>
      spawnSync(
        process.execPath,
        [join(REPO, 'dist/cli.js'), 'check', ...paths, '--format', 'json', '--exit-zero', '--no-cache', ...extra],
        {
          cwd: root,
          encoding: 'utf8',
          timeout: 60_000, // a worker that never gets its files would hang the run
        },
      );
    for (const paths of [['.'], ['copy0/clean.ipynb']]) {
      const byDefault = run(paths);
      const oneThread = run(paths, ['--jobs', '1']);
      assert.equal(byDefault.status, 0, byDefault.stderr);
      assert.equal(oneThread.status, 0, oneThread.stderr);
      assert.equal(JSON.parse(byDefault.stdout).notebooks.length, paths[0] === '.' ? 20 : 1);
      assert.equal(byDefault.stdout, oneThread.stdout);
    }
  });

  it('runs from the code caches beside the bundles; a damaged cache changes no result and is replaced', () => {
    // A copy of dist/, so no other test's run of the command touches these caches.
    const dist = join(tempFolder({}), 'dist');
    cpSync(join(REPO, 'dist'), dist, { recursive: true });
    const caches = ['cli-main.js', 'check-service.js'].map((bundle) =>
      codeCachePath(join(dist, bundle), [], process.env.NODE_OPTIONS ?? ''),
    );
    const run = () =>
      spawnSync(
        process.execPath,
        [
          join(dist, 'cli.js'),
          'check',
          'examples',
          'test/fixtures/cli',
          '--format',
          'json',
          '--exit-zero',
          '--no-cache',
          '--jobs',
          '2',
        ],
        {
          cwd: REPO,
          encoding: 'utf8',
        },
      );
    for (const cache of caches) writeFileSync(cache, 'damaged');
    const compiled = run();
    assert.equal(compiled.status, 0, compiled.stderr);
    const written = caches.map((cache) => readFileSync(cache));
    const writtenAt = caches.map((cache) => statSync(cache).mtimeMs);
    for (const bytes of written) assert.ok(bytes.length > 100_000, 'the main thread and the worker wrote new caches');
    const cached = run();
    assert.equal(cached.status, 0, cached.stderr);
    assert.equal(cached.stdout, compiled.stdout);
    assert.ok(JSON.parse(cached.stdout).notebooks.length >= 5);
    // A cache V8 refused would have been written again.
    assert.deepEqual(
      caches.map((cache) => statSync(cache).mtimeMs),
      writtenAt,
      'the second run took its code from the caches',
    );
    assert.deepEqual(
      caches.map((cache) => readFileSync(cache)),
      written,
    );
  });

  it('ships every bundle and .wasm the command loads in the npm package (what pre-commit installs)', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const packed = new Set(
      (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path),
    );
    // Everything in dist/ but the VS Code extension's own bundle, the source maps and the code caches.
    const needed = readdirSync(join(REPO, 'dist'))
      .filter((name) => (name.endsWith('.js') && name !== 'extension.js') || name.endsWith('.wasm'))
      .map((name) => `dist/${name}`);
    assert.ok(needed.includes('dist/cli-main.js') && needed.includes('dist/check-service.js'));
    for (const file of needed) assert.ok(packed.has(file), `${file} is missing from the npm package`);
  });

  it('ends quietly with its exit code when the reader of its output goes away (`| head`)', async () => {
    const child = spawn(process.execPath, ['dist/cli.js', 'check', 'examples'], { cwd: REPO });
    child.stdout.destroy(); // the read end of the pipe is closed before the report is written
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(stderr, '');
    assert.equal(code, 1, 'the findings still decide the exit code');
  });

  it('rejects --jobs 0 as a usage error', () => {
    const result = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples', '--jobs', '0'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--jobs must be a whole number/);
  });
});
