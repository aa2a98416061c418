// The CLI's parser: web-tree-sitter (wasm), as the editor and the browser use, or the native `tree-sitter` binding
// with tree-sitter-python's native grammar (no wasm to compile at start-up). Both are the same tree-sitter and
// grammar version and build the same trees (test/corpus/parsers-agree.test.ts compares every node and every finding
// on the corpus). The native binding is an optional dependency with prebuilt binaries (no compiler at install): on
// a platform without one, or where it was not installed, asking for it gets the wasm parser and a one-line notice.
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
 * Which parser the CLI runs when NBHYGIENE_PARSER does not say. Measured side by side on the corpus (`npm run
 * bench`, and CPU profiles of `check --jobs 1`), the native binding checks the corpus 8-25% slower than the wasm
 * parser: its parse and the garbage collection of its node objects cost more than the wasm compile they save (which
 * speed/wasm-compile.ts already keeps to ~10 ms a thread). So the wasm parser is the default until that changes;
 * the native one is one setting away, and the corpus test keeps the two in agreement.
 */
export const DEFAULT_PARSER: ParserKind = 'wasm';

/**
 * The parser `NBHYGIENE_PARSER` asks for (`native` or `wasm`; DEFAULT_PARSER otherwise). Native falls back to wasm
 * when the binding cannot load (no prebuilt binary for this platform, or not installed), saying why.
 */
export async function createCliParser(
  wanted: string | undefined = process.env.NBHYGIENE_PARSER,
  load: LoadNative = requireNative,
): Promise<CliParser> {
  const kind: ParserKind = wanted === 'native' || wanted === 'wasm' ? wanted : DEFAULT_PARSER;
  if (kind === 'native') {
    try {
      return { parser: createNativePythonParser(load), kind: 'native' };
    } catch (error) {
      return { parser: await createPythonParser(cliParserWasm()), kind: 'wasm', fallbackReason: reasonOf(error) };
    }
  }
  return { parser: await createPythonParser(cliParserWasm()), kind: 'wasm' };
}

/** The one line a fallback prints on stderr, once per run. */
export function fallbackNotice(reason: string): string {
  return `nbhygiene: note: native tree-sitter unavailable (${reason}); using the wasm parser\n`;
}
