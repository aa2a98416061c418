// "Fix all": several plans become one edit, without two edits fighting over the same text or file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadProjectContext } from '../../src/core/deps/project';
import { applyFileEdits } from '../../src/core/refactor/apply-plan';
import { mergePlans, safeFixesPlan } from '../../src/core/refactor/merge-plans';
import type { EditPlan, Fix } from '../../src/core/types';
import { memoryHost } from '../helpers/memory-host';
import { notebookJson, testEngine } from '../helpers/notebook';

const edit = (cellIndex: number, line: number, start: number, end: number, newText = 'x') => ({
  cellIndex,
  range: { start: { line, character: start }, end: { line, character: end } },
  newText,
});
const plan = (cellEdits: EditPlan['cellEdits'], files: string[] = []): EditPlan => ({
  cellEdits,
  fileEdits: files.map((path) => ({ path, expectedOldText: '', newText: 'y' })),
});

it('merges plans that touch different text and files', () => {
  const { plan: merged, merged: count } = mergePlans([
    plan([edit(0, 0, 0, 3)]),
    plan([edit(0, 0, 3, 5)]),
    plan([], ['/p/requirements.txt']),
  ]);
  assert.equal(count, 3);
  assert.equal(merged.cellEdits.length, 2);
});

it('leaves out a plan whose edit overlaps an earlier one', () => {
  const { merged } = mergePlans([plan([edit(1, 2, 0, 4)]), plan([edit(1, 2, 3, 6)]), plan([], ['/a'])]);
  assert.equal(merged, 2);
});

it('takes only safe fixes that need no answer', () => {
  const fix = (safe: boolean, ask?: Fix['ask']): Fix => ({
    title: 't',
    safe,
    isPreferred: safe,
    plan: plan([edit(0, 0, 0, 1)]),
    ...(ask ? { ask } : {}),
  });
  assert.equal(
    safeFixesPlan([{ fixes: [fix(false)] }, { fixes: [fix(true, { prompt: 'v', placeholder: '?', versionOf: 'x' })] }])
      .count,
    0,
  );
  assert.equal(safeFixesPlan([{ fixes: [fix(false), fix(true)] }]).count, 1);
});

describe('fixes that edit the same manifest, merged into one edit', () => {
  const NOTEBOOK = '/p/nb.ipynb';
  const SITE = '/p/.venv/lib/python3.11/site-packages';
  const dist = (name: string, version: string, top: string): Record<string, string> => {
    const folder = `${SITE}/${name.replace(/-/g, '_')}-${version}.dist-info`;
    return { [`${folder}/METADATA`]: `Name: ${name}\nVersion: ${version}\n`, [`${folder}/top_level.txt`]: `${top}\n` };
  };

  async function checked(cells: string[], files: Record<string, string>) {
    const host = memoryHost({ '/p/.git/HEAD': '', ...files });
    const project = await loadProjectContext(NOTEBOOK, host);
    const findings = (await testEngine()).check(notebookJson(cells), NOTEBOOK, undefined, project).findings;
    return { host, findings };
  }

  it('declares three undeclared imports in one run, in the sorted file order, each pinned to its installed version', async () => {
    const { host, findings } = await checked(['import pandas\nimport numpy\nimport requests\nimport yaml'], {
      '/p/requirements.txt': 'attrs\npandas==2.2.2\n',
      ...dist('numpy', '1.26.4', 'numpy'),
      ...dist('requests', '2.32.3', 'requests'),
      ...dist('PyYAML', '6.0.1', 'yaml'),
    });
    assert.equal(findings.filter((f) => f.code === 'NH203').length, 3);
    const { plan, titles } = safeFixesPlan(findings);
    assert.equal(titles.filter((title) => title.startsWith('Add ')).length, 3, titles.join('\n'));
    const written = applyFileEdits(host.files, plan.fileEdits);
    assert.deepEqual(written.conflicts, []);
    assert.equal(
      written.files.get('/p/requirements.txt'),
      'attrs\nnumpy==1.26.4\npandas==2.2.2\nPyYAML==6.0.1\nrequests==2.32.3\n',
    );
  });

  it('appends to an unsorted requirements.txt without a final newline, with no blank line between', async () => {
    const { host, findings } = await checked(['import numpy\nimport requests'], {
      '/p/requirements.txt': 'scipy\nattrs',
      ...dist('numpy', '1.26.4', 'numpy'),
      ...dist('requests', '2.32.3', 'requests'),
    });
    const { plan } = safeFixesPlan(findings);
    const written = applyFileEdits(host.files, plan.fileEdits);
    assert.equal(written.files.get('/p/requirements.txt'), 'scipy\nattrs\nnumpy==1.26.4\nrequests==2.32.3\n');
  });

  it('adds several entries to a one-line pyproject dependencies array', async () => {
    const pyproject = '[project]\nname = "x"\ndependencies = ["pandas"]\n';
    const { host, findings } = await checked(['import pandas\nimport numpy\nimport requests'], {
      '/p/pyproject.toml': pyproject,
      ...dist('numpy', '1.26.4', 'numpy'),
      ...dist('requests', '2.32.3', 'requests'),
    });
    const { plan } = safeFixesPlan(findings.filter((f) => f.code === 'NH203'));
    const written = applyFileEdits(host.files, plan.fileEdits);
    assert.equal(
      written.files.get('/p/pyproject.toml'),
      '[project]\nname = "x"\ndependencies = ["pandas", "numpy==1.26.4", "requests==2.32.3"]\n',
    );
  });

  it('pins every line of requirements.txt in one edit, a >= declaration too', () => {
    const base = 'numpy\npandas>=2.0\nrequests\n';
    const pin = (from: string, to: string): EditPlan => ({
      cellEdits: [],
      fileEdits: [{ path: '/p/requirements.txt', expectedOldText: base, newText: base.replace(from, to) }],
    });
    const { plan, merged } = mergePlans([
      pin('numpy\n', 'numpy==1.26.4\n'),
      pin('pandas>=2.0', 'pandas==2.2.2'),
      pin('requests\n', 'requests==2.32.3\n'),
    ]);
    assert.equal(merged, 3);
    assert.deepEqual(plan.fileEdits, [
      {
        path: '/p/requirements.txt',
        expectedOldText: base,
        newText: 'numpy==1.26.4\npandas==2.2.2\nrequests==2.32.3\n',
      },
    ]);
  });

  it('still leaves out a second change to the same text of a file, and one made against another version of it', () => {
    const file = (expectedOldText: string, newText: string): EditPlan => ({
      cellEdits: [],
      fileEdits: [{ path: '/a', expectedOldText, newText }],
    });
    const { plan, merged } = mergePlans([file('abc', 'aXc'), file('abc', 'aYc'), file('abd', 'abd!')]);
    assert.equal(merged, 1);
    assert.equal(plan.fileEdits[0]!.newText, 'aXc');
  });
});

it('merges cell operations on different cells, and leaves out a second move or an edit of a deleted cell', () => {
  const withOps = (cellOps: EditPlan['cellOps'], cellEdits: EditPlan['cellEdits'] = []): EditPlan => ({
    cellEdits,
    fileEdits: [],
    cellOps,
  });
  const { plan: merged, merged: count } = mergePlans([
    withOps([{ op: 'move', cellIndex: 4, before: 1 }]),
    withOps([{ op: 'clearOutputs', cellIndex: 2 }]),
    withOps([{ op: 'move', cellIndex: 6, before: 0 }]),
    withOps([{ op: 'clearOutputs', cellIndex: 2 }]),
    withOps([{ op: 'delete', cellIndex: 3 }], [edit(3, 0, 0, 1)]),
    withOps([], [edit(3, 0, 0, 1)]),
  ]);
  assert.equal(count, 3);
  assert.deepEqual(merged.cellOps, [
    { op: 'move', cellIndex: 4, before: 1 },
    { op: 'clearOutputs', cellIndex: 2 },
  ]);
  assert.deepEqual(merged.cellEdits, [edit(3, 0, 0, 1)]);
});

it("takes a notebook-wide fix once, before the findings' own fixes", () => {
  const reorder: Fix = {
    title: 'Reorder',
    safe: true,
    isPreferred: false,
    scope: 'notebook',
    plan: { cellEdits: [], fileEdits: [], cellOps: [{ op: 'move', cellIndex: 3, before: 0 }] },
  };
  const own = (cellIndex: number): Fix => ({
    title: 'Move',
    safe: true,
    isPreferred: true,
    plan: { cellEdits: [], fileEdits: [], cellOps: [{ op: 'move', cellIndex, before: 0 }] },
  });
  const { plan: merged, count } = safeFixesPlan([
    { fixes: [own(3), { ...reorder }] },
    { fixes: [own(5), { ...reorder }] },
  ]);
  assert.equal(count, 1);
  assert.deepEqual(merged.cellOps, reorder.plan.cellOps);
});
