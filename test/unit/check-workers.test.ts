// The pieces `nbhygiene check` runs its threads with: when dist/cli.js starts workers before the command loads,
// the counter the threads take files from, and the synchronous wasm compile the CLI's engines load with.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { wantsDefaultWorkers } from '../../src/cli/speed/check-workers';
import { SharedFileCounter } from '../../src/cli/speed/shared-file-counter';
import { withWasmCompiledOnThisThread } from '../../src/cli/speed/wasm-compile';

const REPO = resolve(__dirname, '..', '..');

// Node's types here do not declare WebAssembly (it comes with the DOM library); the part these tests use.
interface WasmApi {
  Module: { new (bytes: Uint8Array): object; imports(module: object): unknown[] };
  Instance: new (module: object, imports?: object) => object;
  CompileError: new (message?: string) => Error;
  instantiate(source: Uint8Array | object, imports?: object): Promise<unknown>;
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const folders = new Set(['.', 'notebooks', 'src']);
const isFolder = (path: string) => folders.has(path);

describe('starting the workers before the command loads', () => {
  it('does for a check of a folder, the current one included, with the default jobs', () => {
    assert.equal(wantsDefaultWorkers(['check', 'notebooks'], isFolder), true);
    assert.equal(wantsDefaultWorkers(['check'], isFolder), true, 'no path: the current folder');
    assert.equal(wantsDefaultWorkers(['--exit-zero', 'check', '.'], isFolder), true, 'options before the command');
    assert.equal(wantsDefaultWorkers(['check', 'a.ipynb', 'src', '--format', 'json'], isFolder), true);
  });

  it('does not for files only, explicit jobs, other commands or a command line the CLI refuses', () => {
    assert.equal(wantsDefaultWorkers(['check', 'a.ipynb', 'b.ipynb'], isFolder), false);
    for (const jobs of [['--jobs', '2'], ['--jobs=2'], ['-j2'], ['-j', '2']]) {
      assert.equal(wantsDefaultWorkers(['check', 'notebooks', ...jobs], isFolder), false, jobs.join(' '));
    }
    assert.equal(wantsDefaultWorkers(['report', 'notebooks'], isFolder), false);
    assert.equal(wantsDefaultWorkers(['check', 'notebooks', '--bogus'], isFolder), false);
    assert.equal(wantsDefaultWorkers(['check', 'notebooks', '--help'], isFolder), false);
    // `--format src` takes `src` as the option's value, not as a folder to check.
    assert.equal(wantsDefaultWorkers(['check', 'a.ipynb', '--format', 'src'], isFolder), false);
  });
});

describe('the shared file counter', () => {
  it('hands each index out once, across counters on the same memory', () => {
    const first = new SharedFileCounter();
    const second = new SharedFileCounter(first.buffer);
    const taken = [first.take(), second.take(), second.take(), first.take()];
    assert.deepEqual(taken, [0, 1, 2, 3]);
  });
});

describe('compiling wasm on this thread', () => {
  const bytes = readFileSync(join(REPO, 'node_modules', 'web-tree-sitter', 'tree-sitter.wasm'));
  const original = WebAssembly.instantiate;

  it('gives what WebAssembly.instantiate gives, for bytes and for a module, and refuses bad bytes the same way', async () => {
    await withWasmCompiledOnThisThread(async () => {
      assert.notEqual(WebAssembly.instantiate, original);
      const imports = WebAssembly.Module.imports(new WebAssembly.Module(bytes));
      assert.ok(imports.length > 0, 'the runtime needs imports, so a missing one must be refused');
      await assert.rejects(WebAssembly.instantiate(bytes, {}), TypeError);
      await assert.rejects(WebAssembly.instantiate(new Uint8Array([0, 1, 2, 3]), {}), WebAssembly.CompileError);
      const tiny = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]); // an empty module
      const fromBytes = (await WebAssembly.instantiate(tiny, {})) as { module: object; instance: object };
      assert.ok(fromBytes.module instanceof WebAssembly.Module && fromBytes.instance instanceof WebAssembly.Instance);
      assert.ok((await WebAssembly.instantiate(fromBytes.module, {})) instanceof WebAssembly.Instance);
    });
    assert.equal(WebAssembly.instantiate, original);
  });

  it('puts the original back after the last of overlapping loads, whichever ends first, and after a failure', async () => {
    let endFirst!: () => void;
    const first = withWasmCompiledOnThisThread(() => new Promise<void>((done) => (endFirst = done)));
    const second = withWasmCompiledOnThisThread(async () => {
      endFirst();
      await first;
      assert.notEqual(WebAssembly.instantiate, original, 'still swapped while the second load runs');
    });
    await Promise.all([first, second]);
    assert.equal(WebAssembly.instantiate, original);
    await assert.rejects(withWasmCompiledOnThisThread(() => Promise.reject(new Error('engine failed'))), /engine failed/);
    assert.equal(WebAssembly.instantiate, original);
  });
});
