// NH107 and the counts the editor keeps: a cell edited after it ran keeps the count of that run for the
// execution-order rules (NH101 says the same before and after the edit), and NH107, when selected, says it changed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { loadNotebook } from '../../src/core/notebook/load';
import type { Notebook } from '../../src/core/notebook/notebook';
import { notebookJson, testEngine } from '../helpers/notebook';

function notebookOf(cells: Parameters<typeof notebookJson>[0]): Notebook {
  const loaded = loadNotebook(notebookJson(cells), 'nb.ipynb');
  assert.ok(loaded.notebook);
  return loaded.notebook;
}

describe('NH107 changed-since-run (editor only)', () => {
  it('reports a cell whose text changed since it ran, when selected, and nothing else changes', async () => {
    const engine = await testEngine();
    const cells = [
      { source: 'a = 1', count: 2 },
      { source: 'b = a + 1\nprint(b)', count: 1, outputs: [{ name: 'stdout', output_type: 'stream', text: ['2\n'] }] },
    ];
    const saved = notebookOf(cells);
    const edited: Notebook = {
      ...saved,
      cells: saved.cells.map((cell) =>
        cell.index === 1
          ? { ...cell, source: `${cell.source}  # nbhygiene: ignore[NH999]`, changedSinceRun: true }
          : cell,
      ),
    };
    const config = { ...DEFAULT_CONFIG, extendSelect: ['NH107'] };
    const order = (notebook: Notebook) =>
      engine
        .checkNotebook(notebook, config)
        .findings.filter((f) => /^NH10[1-6]$/.test(f.code))
        .map((f) => `${f.code} ${f.cellIndex} ${f.message}`);
    assert.deepEqual(order(edited), order(saved));
    assert.ok(order(saved).some((line) => line.startsWith('NH101 1 ')));
    const nh107 = engine.checkNotebook(edited, config).findings.filter((f) => f.code === 'NH107');
    assert.deepEqual(
      nh107.map((f) => [f.cellIndex, f.message]),
      [[1, 'cell 2 changed since its saved output: it last ran as [1] with other code; run it again']],
    );
    assert.deepEqual(
      engine.checkNotebook(edited).findings.filter((f) => f.code === 'NH107'),
      [],
      'off by default',
    );
  });
});
