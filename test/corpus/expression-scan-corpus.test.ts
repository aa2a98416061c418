// On every code cell of the corpus, reading plain expressions from their text gives exactly the facts of the
// node-by-node walk: the speed-up of expression-scan.ts changes nothing a rule sees.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { walkCell } from '../../src/core/analysis/cell-walker';
import { loadNotebook } from '../../src/core/notebook/load';
import { scanCell } from '../../src/core/python/scanner';
import { corpusName, corpusNotebooks } from '../helpers/corpus';
import { testParser } from '../helpers/notebook';

describe('corpus: the text scan of expressions agrees with the node-by-node walk', () => {
  it('gives the same facts for every code cell', async () => {
    const parser = await testParser();
    let cells = 0;
    for (const path of corpusNotebooks()) {
      const { notebook } = loadNotebook(readFileSync(path, 'utf8'), path);
      for (const [index, cell] of (notebook?.cells ?? []).entries()) {
        if (cell.kind !== 'code') continue;
        const scanned = scanCell(cell.source);
        if (!scanned.bodyIsPython) continue;
        const tree = parser.parse(scanned.python);
        try {
          const fromText = walkCell(tree.rootNode, scanned.python, { postponedAnnotations: false });
          const nodeByNode = walkCell(tree.rootNode, scanned.python, {
            postponedAnnotations: false,
            scanPlainExpressions: false,
          });
          assert.deepEqual(fromText, nodeByNode, `${corpusName(path)} cell ${index + 1}`);
          cells++;
        } finally {
          tree.delete();
        }
      }
    }
    assert.ok(cells > 3000, `${cells} cells compared`);
  });
});
