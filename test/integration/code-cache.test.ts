// The V8 code cache the CLI's worker threads load their bundle through (src/cli/speed/code-cache.ts): the module
// behaves the same with or without it, a cache from other source is never used, and a bad cache costs nothing.
// Each load runs in its own node process, as each worker is its own V8 isolate.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');
const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nbhygiene-code-cache-'));
  made.push(dir);
  return dir;
}

/** A CommonJS module with enough functions for V8 to cache; `answer` is what its `run()` returns. */
function moduleSource(answer: string): string {
  const helpers = Array.from({ length: 40 }, (_, i) => `function helper${i}(x) { return x + ${i}; }`).join('\n');
  return `${helpers}\nexports.run = () => ${JSON.stringify(answer)} + helper1(0) + require('node:path').sep;\n`;
}

interface Load {
  result: string;
  fromCache: boolean;
}

/**
 * Runs `script` in a new node process (a new isolate) with code-cache.ts in scope as `cache`. From a file, not
 * `-e`: the cache's name depends on the process's flags, and `-e` puts the code itself among them.
 */
function inNewProcess(script: string): string {
  const runner = join(folder(), 'runner.js');
  writeFileSync(
    runner,
    `const cache = require(${JSON.stringify(join(REPO, 'src/cli/speed/code-cache.ts'))});\n${script}`,
  );
  const child = spawnSync(process.execPath, ['--import', 'tsx', runner], { cwd: REPO, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return child.stdout;
}

/** Loads `file` through the code cache in a new process, runs it, saves the cache, and reports what happened. */
function load(file: string): Load {
  return JSON.parse(
    inNewProcess(`
      const loaded = cache.requireWithCodeCache(${JSON.stringify(file)}, require);
      const result = loaded.exports.run();
      loaded.saveCache();
      process.stdout.write(JSON.stringify({ result, fromCache: loaded.fromCache }));
    `),
  ) as Load;
}

/** Where a process like the ones `load` starts keeps the cache of `file` (its name depends on the node flags). */
function cacheOf(file: string): string {
  return inNewProcess(`process.stdout.write(cache.codeCachePath(${JSON.stringify(file)}))`);
}

/** A bundle answering `answer`, alone in a new folder, and where its cache goes. */
function newBundle(answer: string): { file: string; cache: string } {
  const file = join(folder(), 'bundle.js');
  writeFileSync(file, moduleSource(answer));
  return { file, cache: cacheOf(file) };
}

describe('code cache', () => {
  it('runs the module without a cache, writes one, and takes the code from it the next time', () => {
    const { file, cache } = newBundle('first');
    assert.deepEqual(load(file), { result: 'first1/', fromCache: false });
    assert.ok(existsSync(cache));
    assert.deepEqual(load(file), { result: 'first1/', fromCache: true });
  });

  it('never runs code cached from other source, even of the same length, and replaces that cache', () => {
    const { file, cache } = newBundle('old');
    load(file);
    const oldCache = readFileSync(cache);
    // Same length on purpose: V8's own check compares only the length of the source.
    writeFileSync(file, moduleSource('new'));
    assert.deepEqual(load(file), { result: 'new1/', fromCache: false });
    assert.notDeepEqual(readFileSync(cache), oldCache);
    assert.deepEqual(load(file), { result: 'new1/', fromCache: true });
  });

  it('ignores a damaged cache file (V8 would abort on it) and writes a good one in its place', () => {
    const { file, cache } = newBundle('same');
    load(file);
    const good = readFileSync(cache);
    const damaged = [
      Buffer.concat([good.subarray(0, 60), Buffer.from([good[60]! ^ 0xff]), good.subarray(61)]),
      Buffer.concat([
        good.subarray(0, good.length >> 1),
        Buffer.alloc(16, 0xab),
        good.subarray((good.length >> 1) + 16),
      ]),
      good.subarray(0, good.length - 10),
      Buffer.from('not a cache'),
    ];
    for (const bytes of damaged) {
      writeFileSync(cache, bytes);
      assert.deepEqual(load(file), { result: 'same1/', fromCache: false });
      assert.deepEqual(load(file), { result: 'same1/', fromCache: true });
    }
  });

  it('keeps one cache per set of node flags, so runs under different flags do not rewrite each other', () => {
    const { file, cache: plain } = newBundle('flags');
    const other = inNewProcess(
      `process.execArgv.push('--max-old-space-size=300'); process.stdout.write(cache.codeCachePath(${JSON.stringify(file)}))`,
    );
    assert.notEqual(other, plain);
    assert.equal(basename(plain).startsWith(`bundle.js.${process.version}-${process.arch}-`), true);
  });

  it('runs the module when the cache cannot be written, leaving nothing behind', () => {
    const { file, cache } = newBundle('unwritable');
    const dir = dirname(file);
    // A non-empty folder where the cache file would go: it can be neither read nor replaced, even by root.
    mkdirSync(join(cache, 'occupied'), { recursive: true });
    assert.deepEqual(load(file), { result: 'unwritable1/', fromCache: false });
    assert.deepEqual(readdirSync(dir).sort(), ['bundle.js', basename(cache)].sort());
    assert.deepEqual(readdirSync(cache), ['occupied']);
  });
});
