// The CLI parses with the native tree-sitter binding, the editor and the browser with web-tree-sitter (wasm): the
// same trees and the same findings on the 206 corpus notebooks, or the CLI and the editor would disagree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createNativePythonParser } from '../../src/cli/native-parser';
import { createEngine } from '../../src/core/engine';
import type { PythonParser } from '../../src/core/python/parser';
import type { SyntaxNode } from '../../src/core/python/syntax-tree';
import { checkCorpus, snapshotLine } from '../helpers/corpus';
import { testParser } from '../helpers/notebook';

/** Every node, anonymous ones too, with its type, offsets, positions and error flags, one a line. */
function treeText(node: SyntaxNode, depth = 0, lines: string[] = []): string[] {
  const { startPosition: start, endPosition: end } = node;
  lines.push(
    `${' '.repeat(depth)}${node.type} ${node.startIndex}-${node.endIndex} ${start.row}:${start.column}-${end.row}:${end.column}${node.isMissing ? ' missing' : ''}${node.hasError ? ' error' : ''}`,
  );
  for (const child of node.children) if (child) treeText(child, depth + 1, lines);
  return lines;
}

/** A parser that keeps every text the engine asks it to parse. */
function recording(parser: PythonParser, texts: Set<string>): PythonParser {
  return {
    parse(text) {
      texts.add(text);
      return parser.parse(text);
    },
  };
}

describe('the native and the wasm parser on the corpus', () => {
  const parsed = new Set<string>();
  let wasmFindings: Map<string, string[]>;

  it('give the same findings, byte for byte', async () => {
    const native = await createEngine({ parser: recording(createNativePythonParser(), parsed), cellCacheCapacity: 0 });
    const lines = (results: Awaited<ReturnType<typeof checkCorpus>>) =>
      new Map([...results].map(([name, result]) => [name, result.findings.map(snapshotLine)]));
    wasmFindings = lines(await checkCorpus());
    const nativeFindings = lines(await checkCorpus(native));
    assert.equal(nativeFindings.size, 206);
    assert.ok([...wasmFindings.values()].flat().length > 300, 'the corpus has findings to compare');
    for (const [name, findings] of wasmFindings) assert.deepEqual(nativeFindings.get(name), findings, name);
  });

  it('build the same tree for every text the engine parses', async () => {
    assert.ok(parsed.size > 3000, `${parsed.size} texts parsed`);
    const native = createNativePythonParser();
    const wasm = await testParser();
    for (const text of parsed) {
      const nativeTree = native.parse(text);
      const wasmTree = wasm.parse(text);
      try {
        const nativeLines = treeText(nativeTree.rootNode);
        const wasmLines = treeText(wasmTree.rootNode);
        if (nativeLines.join('\n') !== wasmLines.join('\n'))
          assert.deepEqual(nativeLines, wasmLines, `the trees of:\n${text.slice(0, 300)}`);
      } finally {
        nativeTree.delete();
        wasmTree.delete();
      }
    }
  });
});
