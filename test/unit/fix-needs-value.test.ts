// `nbhygiene fix` and the fixes that need a value nobody knows (the version to pin when no environment or lock
// file gives it): the CLI never writes a placeholder or a control character; it skips such a fix and lists it,
// unless `--pin NAME=VERSION` gives the value.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { selectFixes } from '../../src/cli/commands/fix';
import { bringsControlCharacter, parsePin } from '../../src/core/refactor/fix-values';
import { rangeOf, type EditPlan, type Finding, type Fix } from '../../src/core/types';
import { notebookJson } from '../helpers/notebook';
import { runCliCapturing, tempFolder } from '../helpers/cli-fixtures';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The first cell's source, whichever way the file stores it (one string or a list of lines). */
function firstSource(notebookText: string): string {
  const source: string | string[] = JSON.parse(notebookText).cells[0].source;
  return typeof source === 'string' ? source : source.join('');
}

const INSTALLS = notebookJson(['%pip install pandas\n%pip install requests', 'import pandas\nimport requests']);

describe('nbhygiene fix with a fix that needs a version', () => {
  it('--unsafe writes no placeholder: it skips the pins and lists them', async () => {
    const root = tempFolder({ 'a.ipynb': INSTALLS });
    const run = await runCliCapturing(['fix', 'a.ipynb', '--unsafe'], root);
    const after = readFileSync(join(root, 'a.ipynb'), 'utf8');
    const source = firstSource(after);
    assert.doesNotMatch(source, CONTROL);
    assert.doesNotMatch(source, /VERSION/);
    assert.equal(after, INSTALLS);
    assert.match(run.stderr, /2 fixes need a version: run in the editor or pass --pin NAME=VERSION/);
    assert.match(run.stderr, /a\.ipynb:cell 1: NH201 Pin pandas to a version/);
    assert.equal(run.code, 0, run.stderr);
  });

  it('--pin gives the version: the pin is written as pandas==2.2.2', async () => {
    const root = tempFolder({ 'a.ipynb': INSTALLS });
    const run = await runCliCapturing(['fix', 'a.ipynb', '--pin', 'pandas=2.2.2', '--pin', 'Requests=2.32.3'], root);
    assert.equal(run.code, 0, run.stderr);
    const source = firstSource(readFileSync(join(root, 'a.ipynb'), 'utf8'));
    assert.equal(source, '%pip install pandas==2.2.2\n%pip install requests==2.32.3');
    assert.doesNotMatch(run.stderr, /need a version/);
  });

  it('--pin that is not a PEP 440 version is refused before anything is written', async () => {
    const root = tempFolder({ 'a.ipynb': INSTALLS });
    for (const bad of ['pandas=banana', 'pandas', '=2.2.2', 'pandas=2.2.2\u0000']) {
      const run = await runCliCapturing(['fix', 'a.ipynb', '--pin', bad], root);
      assert.equal(run.code, 2, bad);
      assert.match(run.stderr, /--pin/);
      assert.equal(readFileSync(join(root, 'a.ipynb'), 'utf8'), INSTALLS);
    }
  });

  it('a manifest pin that needs a version is skipped too, leaving requirements.txt as it was', async () => {
    const root = tempFolder({
      'a.ipynb': notebookJson(['import pandas']),
      'requirements.txt': 'pandas>=2\n',
    });
    const run = await runCliCapturing(['fix', 'a.ipynb', '--unsafe'], root);
    assert.equal(readFileSync(join(root, 'requirements.txt'), 'utf8'), 'pandas>=2\n');
    assert.match(run.stderr, /1 fix needs a version/);
    const pinned = await runCliCapturing(['fix', 'a.ipynb', '--pin', 'pandas=2.2.2'], root);
    assert.equal(pinned.code, 0, pinned.stderr);
    assert.equal(readFileSync(join(root, 'requirements.txt'), 'utf8'), 'pandas==2.2.2\n');
  });
});

describe('the guard against placeholders and control characters', () => {
  const plan = (newText: string): EditPlan => ({
    cellEdits: [{ cellIndex: 0, range: rangeOf(0, 0, 0, 0), newText }],
    fileEdits: [],
  });
  const finding = (fix: Fix): Finding => ({
    code: 'NH201',
    severity: 'warning',
    message: 'm',
    notebook: 'a.ipynb',
    cellIndex: 0,
    range: rangeOf(0, 0, 0, 1),
    related: [],
    fixes: [fix],
  });

  it('a plan that would write a NUL is refused even when its fix says nothing about a value', () => {
    const bad: Fix = { title: 'Pin x', safe: true, isPreferred: true, plan: plan('x==\u0000VERSION\u0000') };
    const selection = selectFixes([finding(bad)], true);
    assert.deepEqual(selection.fixes, []);
    assert.equal(selection.refused.length, 1);
  });

  it('a file may keep the control characters it has, but gets no new one', () => {
    const edit = (old: string, text: string): EditPlan => ({
      cellEdits: [],
      fileEdits: [{ path: 'r.txt', expectedOldText: old, newText: text }],
    });
    assert.equal(bringsControlCharacter(edit('a\u000c\n', 'a\u000c\nb\n')), false);
    assert.equal(bringsControlCharacter(edit('a\n', 'a\nb\u0000\n')), true);
    assert.equal(bringsControlCharacter(plan('tab\tand\r\nnewline')), false);
  });

  it('--pin values: NAME=VERSION or NAME==VERSION, PEP 440 versions only', () => {
    assert.deepEqual(parsePin('Scikit_Learn==1.5.0'), { name: 'Scikit_Learn', key: 'scikit-learn', version: '1.5.0' });
    assert.deepEqual(parsePin('torch=2.3.1+cpu'), { name: 'torch', key: 'torch', version: '2.3.1+cpu' });
    assert.ok('error' in parsePin('pandas=2.2.2;rm'));
    assert.ok('error' in parsePin('pan das=2.2.2'));
  });
});
