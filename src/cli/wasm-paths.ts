// Where the two .wasm files are: next to the bundled dist/cli.js, or in node_modules when running from source.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ParserWasm } from '../core/python/parser';
import { codeFolder } from './code-folder';

export interface WasmPaths {
  /** web-tree-sitter's runtime. */
  treeSitterWasm: string;
  /** The Python grammar. */
  pythonWasm: string;
}

const BUNDLED: WasmPaths = { treeSitterWasm: 'tree-sitter.wasm', pythonWasm: 'tree-sitter-python.wasm' };
const IN_NODE_MODULES: WasmPaths = {
  treeSitterWasm: join('node_modules', 'web-tree-sitter', 'tree-sitter.wasm'),
  pythonWasm: join('node_modules', 'tree-sitter-python', 'tree-sitter-python.wasm'),
};

function under(folder: string, paths: WasmPaths): WasmPaths {
  return { treeSitterWasm: join(folder, paths.treeSitterWasm), pythonWasm: join(folder, paths.pythonWasm) };
}

function bothExist(paths: WasmPaths): boolean {
  return existsSync(paths.treeSitterWasm) && existsSync(paths.pythonWasm);
}

/** Throws with every place looked at when the files are nowhere: the install is broken, say so plainly. */
export function findWasmPaths(startFolder: string = codeFolder()): WasmPaths {
  const tried: string[] = [];
  const bundled = under(startFolder, BUNDLED);
  if (bothExist(bundled)) return bundled;
  tried.push(startFolder);
  for (let folder = startFolder; ; folder = dirname(folder)) {
    const installed = under(folder, IN_NODE_MODULES);
    if (bothExist(installed)) return installed;
    tried.push(join(folder, 'node_modules'));
    if (dirname(folder) === folder) break;
  }
  throw new Error(`cannot find tree-sitter.wasm and tree-sitter-python.wasm; looked in:\n  ${tried.join('\n  ')}`);
}

/**
 * The parser's wasm as every CLI command loads it: both files as bytes, read here. Given a grammar path,
 * web-tree-sitter reads it with a dynamic import(), which the CLI's bundles cannot make: they run from a V8 code
 * cache as vm scripts (see speed/code-cache.ts); given the runtime's path, it reads it through the thread pool, which a
 * busy check makes wait.
 */
export function cliParserWasm(): ParserWasm {
  const paths = findWasmPaths();
  return { treeSitterWasm: readFileSync(paths.treeSitterWasm), pythonWasm: readFileSync(paths.pythonWasm) };
}
