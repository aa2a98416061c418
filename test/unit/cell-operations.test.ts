// Cell operations written into the .ipynb text by the CLI: the cells move, appear, lose their outputs or gain a tag,
// and every other byte of the file stays as it was; the result loads in nbformat and in nbhygiene's own loader.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { unifiedDiff } from '../../src/cli/commands/fix';
import { applyPlanToNotebookText } from '../../src/core/refactor/apply-plan';
import { CellOperationError } from '../../src/core/refactor/cell-operations';
import type { CellOperation } from '../../src/core/types';
import { testEngine } from '../helpers/notebook';

/** A notebook written the way Jupyter writes one: indent 1, keys sorted, source as a list of lines, a final newline. */
function jupyterText(cells: { source: string; count?: number; output?: string; markdown?: boolean }[], minor = 5) {
  const notebook = {
    cells: cells.map((cell, index) =>
      cell.markdown
        ? { cell_type: 'markdown', id: `c${index}`, metadata: {}, source: cell.source.split(/(?<=\n)/) }
        : {
            cell_type: 'code',
            execution_count: cell.count ?? null,
            id: `c${index}`,
            metadata: {},
            outputs: cell.output ? [{ name: 'stdout', output_type: 'stream', text: [cell.output] }] : [],
            source: cell.source.split(/(?<=\n)/),
          },
    ),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: minor,
  };
  if (minor < 5) for (const cell of notebook.cells) delete (cell as { id?: string }).id;
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

const NOTEBOOK = jupyterText([
  { source: 'import math', count: 1 },
  { source: 'print(area(2))', count: 3, output: '12.56\n' },
  { source: '## Helpers', markdown: true },
  { source: 'def area(r):\n    return math.pi * r ** 2', count: 2 },
]);

/** Cell sources of a notebook text, in order. */
function sources(text: string): string[] {
  const notebook = JSON.parse(text) as { cells: { source: string[] }[] };
  return notebook.cells.map((cell) => cell.source.join(''));
}

/** nbformat's own reader and validator (Debian's python3-nbformat), as Jupyter would open the file. */
function nbformatValidates(text: string): void {
  const result = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import sys, nbformat; nbformat.validate(nbformat.reads(sys.stdin.read(), as_version=4)); print("ok")'],
    { input: text, encoding: 'utf8' },
  );
  assert.equal(result.stdout.trim(), 'ok', result.stderr);
}

async function loadsCleanly(text: string): Promise<void> {
  const result = (await testEngine()).check(text, 'moved.ipynb');
  const notebookFindings = result.findings.filter((finding) => /^NH00\d$/.test(finding.code));
  assert.deepEqual(notebookFindings, []);
  nbformatValidates(text);
}

function changedLines(diff: string): string[] {
  return diff.split('\n').filter((line) => /^[-+](?![-+]{2} )/.test(line));
}

describe('cell operations in the .ipynb text', () => {
  it('moves a cell: the diff shows the moved cell only, and the notebook still loads', async () => {
    const after = applyPlanToNotebookText(NOTEBOOK, {
      cellEdits: [],
      cellOps: [{ op: 'move', cellIndex: 3, before: 1 }],
    });
    assert.deepEqual(sources(after), [
      'import math',
      'def area(r):\n    return math.pi * r ** 2',
      'print(area(2))',
      '## Helpers',
    ]);
    const removed = changedLines(unifiedDiff('n.ipynb', NOTEBOOK, after)).filter((line) => line.startsWith('-'));
    const added = changedLines(unifiedDiff('n.ipynb', NOTEBOOK, after)).filter((line) => line.startsWith('+'));
    // The moved cell's lines leave one place and appear at the other: nothing else changes.
    assert.deepEqual(removed.map((line) => line.slice(1)).sort(), added.map((line) => line.slice(1)).sort());
    assert.ok(
      removed.every((line) =>
        /area\(r\)|math\.pi|"c3"|execution_count": 2|^-  [{}]|"(cell_type|metadata|outputs|source)"|^- +\]|},?$/.test(
          line,
        ),
      ),
      removed.join('\n'),
    );
    assert.ok(after.endsWith('}\n'));
    await loadsCleanly(after);
  });

  it('moves the last cell to the top and a cell to the end, keeping the separators right', async () => {
    const top = applyPlanToNotebookText(NOTEBOOK, {
      cellEdits: [],
      cellOps: [{ op: 'move', cellIndex: 3, before: 0 }],
    });
    assert.equal(sources(top)[0], 'def area(r):\n    return math.pi * r ** 2');
    await loadsCleanly(top);
    const end = applyPlanToNotebookText(NOTEBOOK, {
      cellEdits: [],
      cellOps: [{ op: 'move', cellIndex: 0, before: 4 }],
    });
    assert.equal(sources(end)[3], 'import math');
    await loadsCleanly(end);
  });

  it('inserts a cell laid out like Jupyter, with an id in nbformat 4.5 and none before', async () => {
    const op: CellOperation = {
      op: 'insert',
      before: 1,
      cell: { kind: 'code', source: 'SEED = 42\nx = 1', tags: ['parameters'] },
    };
    const after = applyPlanToNotebookText(NOTEBOOK, { cellEdits: [], cellOps: [op] });
    const inserted = (JSON.parse(after) as { cells: Record<string, unknown>[] }).cells[1]!;
    assert.deepEqual(Object.keys(inserted), ['cell_type', 'execution_count', 'id', 'metadata', 'outputs', 'source']);
    assert.deepEqual(inserted.source, ['SEED = 42\n', 'x = 1']);
    assert.deepEqual(inserted.metadata, { tags: ['parameters'] });
    assert.match(
      after,
      /\n  {\n   "cell_type": "code",\n   "execution_count": null,\n   "id": "[0-9a-f]{8}",\n   "metadata": {\n    "tags": \[\n     "parameters"\n    \]\n   },/,
    );
    await loadsCleanly(after);

    const old = jupyterText([{ source: 'import math' }, { source: 'print(1)' }], 4);
    const afterOld = applyPlanToNotebookText(old, { cellEdits: [], cellOps: [op] });
    assert.equal('id' in (JSON.parse(afterOld) as { cells: Record<string, unknown>[] }).cells[1]!, false);
    await loadsCleanly(afterOld);
  });

  it("clears one cell's outputs and count, sets a tag, and leaves the rest of the file byte for byte", async () => {
    const after = applyPlanToNotebookText(NOTEBOOK, {
      cellEdits: [],
      cellOps: [
        { op: 'clearOutputs', cellIndex: 1 },
        { op: 'setMetadata', cellIndex: 0, key: 'tags', value: ['imports'] },
      ],
    });
    const cells = (JSON.parse(after) as { cells: Record<string, unknown>[] }).cells;
    assert.deepEqual(cells[1]!.outputs, []);
    assert.equal(cells[1]!.execution_count, null);
    assert.deepEqual(cells[0]!.metadata, { tags: ['imports'] });
    assert.equal(cells[3]!.execution_count, 2);
    const lines = changedLines(unifiedDiff('n.ipynb', NOTEBOOK, after));
    assert.ok(
      lines.every((line) =>
        /tags|imports|metadata|outputs|execution_count|stream|stdout|text|12\.56|^[-+] +[[\]{}],?$/.test(line),
      ),
      lines.join('\n'),
    );
    await loadsCleanly(after);
  });

  it('applies text edits and operations together: an edited cell moved carries its edit', async () => {
    const after = applyPlanToNotebookText(NOTEBOOK, {
      cellEdits: [
        {
          cellIndex: 3,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          newText: '# helper\n',
        },
      ],
      cellOps: [
        { op: 'move', cellIndex: 3, before: 1 },
        { op: 'delete', cellIndex: 2 },
      ],
    });
    assert.deepEqual(sources(after), [
      'import math',
      '# helper\ndef area(r):\n    return math.pi * r ** 2',
      'print(area(2))',
    ]);
    await loadsCleanly(after);
  });

  it('gives the same notebook from a one-line file, written the way it was', async () => {
    const compact = JSON.stringify(JSON.parse(NOTEBOOK));
    const after = applyPlanToNotebookText(compact, {
      cellEdits: [],
      cellOps: [
        { op: 'move', cellIndex: 3, before: 1 },
        { op: 'insert', before: 0, cell: { kind: 'markdown', source: '# Title' } },
      ],
    });
    assert.equal(after.includes('\n'), false);
    assert.deepEqual(sources(after), [
      '# Title',
      'import math',
      'def area(r):\n    return math.pi * r ** 2',
      'print(area(2))',
      '## Helpers',
    ]);
    await loadsCleanly(after);
  });

  it('refuses operations that do not fit the notebook, writing nothing', () => {
    assert.throws(
      () => applyPlanToNotebookText(NOTEBOOK, { cellEdits: [], cellOps: [{ op: 'move', cellIndex: 9, before: 0 }] }),
      CellOperationError,
    );
    assert.throws(
      () =>
        applyPlanToNotebookText(NOTEBOOK, {
          cellEdits: [],
          cellOps: [
            { op: 'delete', cellIndex: 1 },
            { op: 'move', cellIndex: 1, before: 0 },
          ],
        }),
      /moved, deleted or replaced twice/,
    );
  });

  it('moves, inserts and clears in an nbformat 3 notebook (one worksheet), which nbformat still reads', async () => {
    const v3 = `${JSON.stringify(
      {
        metadata: { name: 'old' },
        nbformat: 3,
        nbformat_minor: 0,
        worksheets: [
          {
            cells: [
              {
                cell_type: 'code',
                collapsed: false,
                input: ['print(x)'],
                language: 'python',
                metadata: {},
                outputs: [],
                prompt_number: 2,
              },
              {
                cell_type: 'code',
                collapsed: false,
                input: ['x = 1'],
                language: 'python',
                metadata: {},
                outputs: [],
                prompt_number: 1,
              },
            ],
            metadata: {},
          },
        ],
      },
      null,
      1,
    )}\n`;
    const moved = applyPlanToNotebookText(v3, { cellEdits: [], cellOps: [{ op: 'move', cellIndex: 1, before: 0 }] });
    const cellsOf = (text: string) =>
      (JSON.parse(text) as { worksheets: { cells: Record<string, unknown>[] }[] }).worksheets[0]!.cells;
    assert.deepEqual(
      cellsOf(moved).map((cell) => cell.input),
      [['x = 1'], ['print(x)']],
    );
    nbformatValidates(moved);
    const changed = applyPlanToNotebookText(v3, {
      cellEdits: [],
      cellOps: [
        { op: 'insert', before: 0, cell: { kind: 'code', source: 'import os' } },
        { op: 'clearExecutionCount', cellIndex: 0 },
      ],
    });
    assert.deepEqual(
      cellsOf(changed).map((cell) => [cell.input, cell.prompt_number]),
      [
        [['import os'], undefined],
        [['print(x)'], undefined],
        [['x = 1'], 1],
      ],
    );
    nbformatValidates(changed);
  });
});
