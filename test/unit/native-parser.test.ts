// The CLI's parser: web-tree-sitter by default; the native binding when NBHYGIENE_PARSER=native asks and it loads
// (here: its prebuilt linux-x64 binary, no compiler involved), else web-tree-sitter with one line saying why.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCliParser, fallbackNotice } from '../../src/cli/native-parser';

const cannotLoad = () => {
  throw new Error('No native build was found for platform=sunos arch=x64 runtime=node abi=115\n    loaded from: /x');
};

function parsesPython(parser: {
  parse(text: string): { rootNode: { type: string; hasError: boolean }; delete(): void };
}) {
  const tree = parser.parse('def f(x):\n    return x + 1\n');
  try {
    return tree.rootNode.type === 'module' && !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

describe('the CLI parser', () => {
  it('is the wasm parser unless asked for another', async () => {
    for (const wanted of [undefined, '', 'wasm', 'fast']) {
      const chosen = await createCliParser(wanted);
      assert.deepEqual([chosen.kind, chosen.fallbackReason], ['wasm', undefined], String(wanted));
    }
  });

  it('is the native binding when asked, on this machine as npm installed it', async () => {
    const chosen = await createCliParser('native');
    assert.equal(chosen.kind, 'native', chosen.fallbackReason);
    assert.ok(parsesPython(chosen.parser));
  });

  it('falls back to the wasm parser when the native binding cannot load, keeping the first line of why', async () => {
    const chosen = await createCliParser('native', cannotLoad);
    assert.equal(chosen.kind, 'wasm');
    assert.equal(chosen.fallbackReason, 'No native build was found for platform=sunos arch=x64 runtime=node abi=115');
    assert.ok(parsesPython(chosen.parser));
  });

  it('says a fallback in one line', () => {
    const notice = fallbackNotice('No native build was found');
    assert.equal(notice.split('\n').length, 2);
    assert.match(notice, /^nbhygiene: note: native tree-sitter unavailable \(No native build was found\); using/);
  });
});
