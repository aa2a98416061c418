// The pieces `nbhygiene check` runs its threads with: the counter the threads take files from, and the synchronous
// wasm compile the CLI's engines load with.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
    await assert.rejects(
      withWasmCompiledOnThisThread(() => Promise.reject(new Error('engine failed'))),
      /engine failed/,
    );
    assert.equal(WebAssembly.instantiate, original);
  });
});
