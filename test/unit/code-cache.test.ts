// The V8 code cache the CLI's worker threads load their bundle through (src/cli/code-cache.ts): the module
// behaves the same with or without it, a cache from other source is never used, and a bad cache costs nothing.
// Each load runs in its own node process, as each worker is its own V8 isolate.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codeCachePath } from '../../src/cli/code-cache';

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

/** Loads `file` through the code cache in a new process, runs it, saves the cache, and reports what happened. */
function load(file: string): Load {
  const script = `
    const { requireWithCodeCache } = require(${JSON.stringify(join(REPO, 'src/cli/code-cache.ts'))});
    const loaded = requireWithCodeCache(${JSON.stringify(file)}, require);
    const result = loaded.exports.run();
    loaded.saveCache();
    process.stdout.write(JSON.stringify({ result, fromCache: loaded.fromCache }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as Load;
}

describe('code cache', () => {
  it('runs the module without a cache, writes one, and takes the code from it the next time', () => {
    const file = join(folder(), 'bundle.js');
    writeFileSync(file, moduleSource('first'));
    assert.deepEqual(load(file), { result: 'first1/', fromCache: false });
    assert.ok(existsSync(codeCachePath(file)));
    assert.deepEqual(load(file), { result: 'first1/', fromCache: true });
  });

  it('never runs code cached from other source, even of the same length, and replaces that cache', () => {
    const file = join(folder(), 'bundle.js');
    writeFileSync(file, moduleSource('old'));
    load(file);
    const oldCache = readFileSync(codeCachePath(file));
    // Same length on purpose: V8's own check compares only the length of the source.
    writeFileSync(file, moduleSource('new'));
    assert.deepEqual(load(file), { result: 'new1/', fromCache: false });
    assert.notDeepEqual(readFileSync(codeCachePath(file)), oldCache);
    assert.deepEqual(load(file), { result: 'new1/', fromCache: true });
  });

  it('ignores a damaged cache file (V8 would abort on it) and writes a good one in its place', () => {
    const file = join(folder(), 'bundle.js');
    writeFileSync(file, moduleSource('same'));
    load(file);
    const good = readFileSync(codeCachePath(file));
    const damaged = [
      Buffer.concat([good.subarray(0, 60), Buffer.from([good[60]! ^ 0xff]), good.subarray(61)]),
      Buffer.concat([good.subarray(0, good.length >> 1), Buffer.alloc(16, 0xab), good.subarray((good.length >> 1) + 16)]),
      good.subarray(0, good.length - 10),
      Buffer.from('not a cache'),
    ];
    for (const bytes of damaged) {
      writeFileSync(codeCachePath(file), bytes);
      assert.deepEqual(load(file), { result: 'same1/', fromCache: false });
      assert.deepEqual(load(file), { result: 'same1/', fromCache: true });
    }
  });

  it('runs the module when the cache cannot be written, leaving nothing behind', () => {
    const dir = folder();
    const file = join(dir, 'bundle.js');
    writeFileSync(file, moduleSource('unwritable'));
    // A non-empty folder where the cache file would go: it can be neither read nor replaced, even by root.
    mkdirSync(join(codeCachePath(file), 'occupied'), { recursive: true });
    assert.deepEqual(load(file), { result: 'unwritable1/', fromCache: false });
    assert.deepEqual(readdirSync(dir).sort(), ['bundle.js', 'bundle.js.v8cache']);
    assert.deepEqual(readdirSync(codeCachePath(file)), ['occupied']);
  });
});
