// `nbhygiene fix` with cell operations: a notebook with an NH102 gets the defining cell moved, the file differs only by
// where that cell's text sits, nbformat still reads it, and it runs top to bottom where it failed before.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { runCodeCellsAsScript } from '../helpers/python-script';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixture, runCliCapturing, tempFolder } from '../helpers/cli-fixtures';

/** Whether the cells run as a script, and what they printed to stderr. */
function runCells(ipynbText: string): { ok: boolean; stderr: string } {
  const { ok, stderr } = runCodeCellsAsScript(ipynbText);
  return { ok, stderr };
}

function nbformatReads(path: string): string {
  const result = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print("ok")', path],
    { encoding: 'utf8' },
  );
  return `${result.stdout.trim()}${result.stderr}`;
}

describe('nbhygiene fix moves cells', () => {
  it('moves the cell an NH102 needs above the read; only that cell moves and the notebook loads and runs', async () => {
    const before = fixture('used-before-defined.ipynb');
    // Only the NH102 fix: a manifest already declares pandas with its pin.
    const root = tempFolder({ 'nb.ipynb': before, 'requirements.txt': 'pandas==2.2.3\n' });
    const run = await runCliCapturing(['fix', 'nb.ipynb'], root);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^fixed nb\.ipynb:cell 3: NH102 Move cell 4 above cell 3$/m);
    const after = readFileSync(join(root, 'nb.ipynb'), 'utf8');

    // The moved cell's text, byte for byte, is all that changed place.
    const movedCell = /\n  \{\n   "cell_type": "code",\n   "id": "c3",[^]*?\n  \}/.exec(before)![0];
    assert.ok(after.includes(movedCell));
    const without = (text: string) => text.replace(`,${movedCell}`, '').replace(`${movedCell},`, '');
    assert.equal(without(after), without(before));
    assert.notEqual(after, before);

    assert.equal(nbformatReads(join(root, 'nb.ipynb')), 'ok');
    assert.match(runCells(before).stderr, /NameError: name 'df' is not defined/);
    assert.deepEqual(runCells(after), { ok: true, stderr: '' });

    const again = await runCliCapturing(['check', 'nb.ipynb', '--select', 'NH102'], root);
    assert.equal(again.code, 0, again.stdout);
  });

  it('--diff shows the move and writes nothing', async () => {
    const before = fixture('used-before-defined.ipynb');
    const root = tempFolder({ 'nb.ipynb': before, 'requirements.txt': 'pandas==2.2.3\n' });
    const run = await runCliCapturing(['fix', 'nb.ipynb', '--diff'], root);
    assert.match(run.stdout, /^\+ {3}"source": "df = pd\.DataFrame\(\)\\n",$/m);
    assert.equal(readFileSync(join(root, 'nb.ipynb'), 'utf8'), before);
  });

  it('says why an NH102 on a cycle is not fixed', async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: 'a = b + 1' },
        { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: 'b = a + 1' },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 4,
    });
    const root = tempFolder({ 'nb.ipynb': notebook });
    const run = await runCliCapturing(['fix', 'nb.ipynb'], root);
    assert.match(run.stderr, /^not fixed nb\.ipynb:cell 1: NH102: .*\(a cycle\)$/m);
    assert.equal(readFileSync(join(root, 'nb.ipynb'), 'utf8'), notebook);
  });
});
