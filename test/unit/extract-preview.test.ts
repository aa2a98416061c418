// What the editor shows before extracting: a function name from what the cells compute, and before/after texts of
// the module, the test file and the notebook's cells, made from the very plan that is then applied.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { planningModel } from '../../src/core/analysis/notebook-model';
import { loadNotebook } from '../../src/core/notebook/load';
import { functionNameFromResults } from '../../src/core/refactor/function-name';
import { planExtraction } from '../../src/core/refactor/extract';
import { planPreview } from '../../src/core/refactor/plan-preview';
import { memoryHost } from '../helpers/memory-host';
import { notebookJson, testParser } from '../helpers/notebook';

it('names the function after the one or two names the cells compute, never one already used', () => {
  assert.equal(functionNameFromResults(['total'], new Set(), 'cell_3'), 'compute_total');
  assert.equal(functionNameFromResults(['X', 'y'], new Set(), 'cell_3'), 'compute_x_and_y');
  assert.equal(functionNameFromResults(['a', 'b', 'c'], new Set(), 'cell_3'), 'cell_3');
  assert.equal(functionNameFromResults([], new Set(), 'cell_3'), 'cell_3');
  assert.equal(functionNameFromResults(['total'], new Set(['compute_total']), 'cell_3'), 'compute_total_2');
});

it('previews the module, the test file and the changed cell from the extraction plan', async () => {
  const cells = ['# Sales report', 'amounts = [1, 2, 3]', 'total = sum(amounts) * 2', 'print(total)'];
  const notebook = loadNotebook(
    notebookJson(cells.map((source, k) => (k === 0 ? { source, type: 'markdown' as const } : source))),
    '/p/sales.ipynb',
  ).notebook!;
  const model = planningModel(notebook, await testParser());
  const host = memoryHost({ '/p/.git/HEAD': '' });
  const probe = await planExtraction(host, model, await testParser(), {
    cellIndices: [2],
    notebookPath: '/p/sales.ipynb',
  });
  assert.ok(probe.ok);
  const name = functionNameFromResults(probe.summary.returns, new Set(), probe.summary.functionName);
  assert.equal(name, 'compute_total');
  const planned = await planExtraction(host, model, await testParser(), {
    cellIndices: [2],
    notebookPath: '/p/sales.ipynb',
    functionName: name,
  });
  assert.ok(planned.ok);
  const preview = planPreview(planned.plan, '/p/sales.ipynb', cells);
  assert.deepEqual(
    preview.map((p) => p.label),
    ['sales_lib.py (new)', 'test_sales_lib.py (new)', 'sales.ipynb (cell 3)'],
  );
  assert.match(preview[0]!.after, /def compute_total\(amounts\):/);
  assert.equal(preview[2]!.before, '# ── cell 3 ──\ntotal = sum(amounts) * 2\n');
  assert.match(
    preview[2]!.after,
    /^# ── cell 3 ──\nfrom sales_lib import compute_total\n[\s\S]*total = compute_total\(amounts\)/,
  );
});
