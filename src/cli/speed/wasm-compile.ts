// web-tree-sitter compiles its runtime and the grammar with WebAssembly.instantiate, which queues the compile on
// V8's background threads and resolves later. In `nbhygiene check` those threads are busy with the other thread's
// JIT and garbage collection, and a worker waited 50–150 ms for compiles that take ~10 ms when done on its own
// thread. The CLI owns its process, so while its engine loads it swaps in a synchronous compile; the editor, which
// shares its extension host with other extensions, never does this.

// Node's types here do not declare WebAssembly (it comes with the DOM library), so this file names the part it uses.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => object;
  instantiate(source: Uint8Array | object, imports?: object): Promise<unknown>;
}

const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** WebAssembly.instantiate's two forms (bytes → module and instance; module → instance), done synchronously. */
function instantiateOnThisThread(source: Uint8Array | object, imports?: object): Promise<unknown> {
  try {
    if (source instanceof wasmApi.Module) return Promise.resolve(new wasmApi.Instance(source, imports));
    const module = new wasmApi.Module(source as Uint8Array);
    return Promise.resolve({ module, instance: new wasmApi.Instance(module, imports) });
  } catch (error) {
    return Promise.reject(error); // as the original does: a bad module is a rejected promise, not a throw
  }
}

/** How many loads are running; the swap is undone when the last one ends, whatever order they end in. */
let loading = 0;
let original: WasmApi['instantiate'] | null = null;

/**
 * Runs `load` with WebAssembly.instantiate compiling on this thread. The swap is global to the thread while any
 * such load runs, so other code of the thread that instantiates meanwhile compiles here too (nothing else in the
 * CLI does); the original is back once the last load has ended.
 */
export async function withWasmCompiledOnThisThread<T>(load: () => Promise<T>): Promise<T> {
  if (loading++ === 0) {
    original = wasmApi.instantiate;
    wasmApi.instantiate = instantiateOnThisThread;
  }
  try {
    return await load();
  } finally {
    if (--loading === 0) {
      wasmApi.instantiate = original!;
      original = null;
    }
  }
}
