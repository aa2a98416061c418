// The CLI's parser: the native `tree-sitter` binding with tree-sitter-python's native grammar where they load (no
// wasm to compile at start-up, per process and per worker thread), else web-tree-sitter, as the editor and the
// browser always use. Both are the same tree-sitter and grammar version, so they build the same trees
// (test/corpus/parsers-agree.test.ts checks the findings on the whole corpus). The native binding is an optional
// dependency with prebuilt binaries: on a platform without one, or where it was not installed, the wasm parser runs.
import type NativeParser from 'tree-sitter';
import { createPythonParser, type PythonParser } from '../core/python/parser';
import type { SyntaxTree } from '../core/python/syntax-tree';
import { cliParserWasm } from './wasm-paths';

/** The two native modules, as `require` returns them (the bundles leave them external: they find their .node files). */
export interface NativeModules {
  Parser: typeof NativeParser;
  python: NativeParser.Language;
}

/** Loads the two native modules; throws when either cannot load (not installed, no binary for this platform). */
export type LoadNative = () => NativeModules;

const requireNative: LoadNative = () => ({
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  Parser: require('tree-sitter'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  python: require('tree-sitter-python'),
});

/** A native tree needs no freeing: the binding leaves it to the garbage collector. */
function nativeTree(tree: NativeParser.Tree): SyntaxTree {
  return { rootNode: tree.rootNode, delete() {} };
}

/** The native parser, or throws when the binding cannot load. */
export function createNativePythonParser(load: LoadNative = requireNative): PythonParser {
  const modules = load();
  const parser = new modules.Parser();
  parser.setLanguage(modules.python);
  return {
    parse(text) {
      // One buffer for the whole text: the binding otherwise asks JavaScript for it again every 32 KB.
      return nativeTree(parser.parse(text, null, { bufferSize: text.length + 1 }));
    },
  };
}

export type ParserKind = 'native' | 'wasm';

export interface CliParser {
  parser: PythonParser;
  kind: ParserKind;
  /** Why the native parser did not load, when it did not. */
  fallbackReason?: string;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!;
}

/**
 * The native parser if it loads, else the wasm one, saying why. `NBHYGIENE_PARSER=wasm` asks for the wasm one (to
 * compare the two, as `npm run bench` does).
 */
export async function createCliParser(
  load: LoadNative = requireNative,
  wanted: string | undefined = process.env.NBHYGIENE_PARSER,
): Promise<CliParser> {
  if (wanted === 'wasm') return { parser: await createPythonParser(cliParserWasm()), kind: 'wasm' };
  try {
    return { parser: createNativePythonParser(load), kind: 'native' };
  } catch (error) {
    return { parser: await createPythonParser(cliParserWasm()), kind: 'wasm', fallbackReason: reasonOf(error) };
  }
}

/** The one line a fallback prints on stderr, once per run. */
export function fallbackNotice(reason: string): string {
  return `nbhygiene: note: native tree-sitter unavailable (${reason}); using the slower wasm parser\n`;
}
