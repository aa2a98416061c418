// Runs a bundled CommonJS file from a V8 code cache kept beside it, the way Python keeps .pyc files beside .py.
//
// The `nbhygiene` command (dist/cli-main.js) and each worker thread of `nbhygiene check` (dist/check-service.js)
// would otherwise parse their whole bundle and compile each function to bytecode the first time it runs, in every
// process and every worker. With the cache those functions arrive compiled. V8 refuses a cache made by another V8
// version or under other flags, so, as a .pyc names its Python, the file name carries the Node version, the
// architecture and the command-line flags, and runs under different ones keep their own caches instead of
// rewriting one. Of the source V8 compares only the length, and it does not check the cached bytes themselves:
// damaged ones abort the process. So the file starts with a SHA-256 of the compiled text and the V8 data together,
// and a cache that does not match is not used. A missing, stale, damaged or unwritable cache only costs speed:
// the file is compiled as usual and the cache written again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { writeAtomically } from '../write-atomically';

const DIGEST_BYTES = 32;

export interface CachedModule {
  exports: Record<string, unknown>;
  /** True when V8 took the compiled code from the cache. */
  fromCache: boolean;
  /** Writes the cache if it was missing or refused: call it after the module has done its work, so the functions it ran are in it. */
  saveCache(): void;
}

/** `cli-main.js.v20.20.2-x64-1a2b3c4d.v8cache`: what V8 checks a cache against, so each setting has its own. */
export function codeCachePath(
  file: string,
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
): string {
  const flags = createHash('sha256')
    .update(JSON.stringify([execArgv, nodeOptions]))
    .digest('hex')
    .slice(0, 8);
  return `${file}.${process.version}-${process.arch}-${flags}.v8cache`;
}

function digestOf(source: string, data: Uint8Array): Buffer {
  return createHash('sha256').update(source).update(data).digest();
}

/** The V8 data in the cache file, or undefined when there is none, or it was made from other source, or is damaged. */
function readCache(cacheFile: string, source: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(DIGEST_BYTES);
  if (data.length === 0 || !bytes.subarray(0, DIGEST_BYTES).equals(digestOf(source, data))) return undefined;
  return data;
}

/**
 * `require(file)` for a bundle that makes no dynamic `import()` (vm scripts have no loader for one), compiled with
 * the code cache beside it. `require` is the one the module sees.
 */
export function requireWithCodeCache(file: string, require: NodeJS.Require): CachedModule {
  // The same wrapper as Node's own CommonJS loader, so the bundle sees the variables it expects.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const cacheFile = codeCachePath(file);
  const cachedData = readCache(cacheFile, source);
  const script = new Script(source, { filename: file, cachedData });
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
  let saved = fromCache;
  return {
    exports: module.exports,
    fromCache,
    saveCache() {
      if (saved) return;
      saved = true;
      const data = script.createCachedData();
      try {
        // Atomically, so another worker or another run never reads half a cache.
        writeAtomically(cacheFile, Buffer.concat([digestOf(source, data), data]));
      } catch {
        // A read-only install: the next run compiles again, which is all a missing cache costs.
      }
    },
  };
}
