// The engine's one way to parse Python: a PythonParser. Made here from web-tree-sitter with the grammar that
// tree-sitter-python ships, loaded once from explicit paths (or the grammar's bytes): that one runs everywhere. The
// CLI gives the engine the native binding instead where it loads (src/cli/native-parser.ts).
import { Language, Parser } from 'web-tree-sitter';
import type { SyntaxTree } from './syntax-tree';

export interface PythonParser {
  /** Parses Python text; the caller must call `tree.delete()` when done (a wasm tree lives in wasm memory). */
  parse(text: string): SyntaxTree;
}

export interface ParserWasm {
  /** A path or URL, or the file's bytes. */
  treeSitterWasm: string | Uint8Array;
  /** A path or URL, or the file's bytes. */
  pythonWasm: string | Uint8Array;
}

export async function createPythonParser(wasm: ParserWasm): Promise<PythonParser> {
  const runtime = wasm.treeSitterWasm;
  await Parser.init(typeof runtime === 'string' ? { locateFile: () => runtime } : { wasmBinary: runtime });
  const python = await Language.load(wasm.pythonWasm);
  const parser = new Parser();
  parser.setLanguage(python);
  return {
    parse(text: string): SyntaxTree {
      const tree = parser.parse(text);
      if (!tree) throw new Error('tree-sitter returned no tree');
      return tree;
    },
  };
}
