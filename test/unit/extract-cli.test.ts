// `nbhygiene extract`: the same plan written to the files, --dry-run as a diff that writes nothing, exit 2 on refusal.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseCellList } from '../../src/cli/commands/extract';
import { runCliCapturing } from '../helpers/cli-fixtures';
import { notebookJson } from '../helpers/notebook';

const REPO = resolve(__dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'nbhygiene-extract-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

function cli(args: string[], cwd: string) {
  return runCliCapturing(['extract', ...args], cwd);
}

function project(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, '.git'), { recursive: true });
  cpSync(join(REPO, 'test/fixtures/extract/stats/nb.ipynb'), join(dir, 'nb.ipynb'));
  return dir;
}

describe('nbhygiene extract', () => {
  it('parses cell lists as the CLI prints cells (1-based)', () => {
    assert.deepEqual(parseCellList('3,5-6'), [2, 4, 5]);
    assert.equal(parseCellList('0'), null);
    assert.equal(parseCellList('a'), null);
  });

  it('writes the module, the tests and the notebook', async () => {
    const dir = project('write');
    const run = await cli(['nb.ipynb', '--cells', '4'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(readFileSync(join(dir, 'nb_lib.py'), 'utf8'), /^def scaled_mean\(values, scale\):$/m);
    assert.match(readFileSync(join(dir, 'tests/test_nb_lib.py'), 'utf8'), /^def test_scaled_mean\(\):$/m);
    assert.match(readFileSync(join(dir, 'nb.ipynb'), 'utf8'), /from nb_lib import scaled_mean/);
    assert.match(run.stderr, /extracted cell 4 into nb_lib\.scaled_mean/);
  });

  it('--dry-run prints a unified diff and writes nothing', async () => {
    const dir = project('dry');
    const before = readFileSync(join(dir, 'nb.ipynb'), 'utf8');
    const run = await cli(
      ['nb.ipynb', '--cells', '4', '--name', 'mean_of', '--module', 'lib/stats_tools.py', '--dry-run'],
      dir,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\+\+\+ .*stats_tools\.py$/m);
    assert.match(run.stdout, /^\+def mean_of\(values, scale\):$/m);
    assert.equal(readFileSync(join(dir, 'nb.ipynb'), 'utf8'), before);
    assert.equal(existsSync(join(dir, 'lib')), false);
  });

  it('exits 2 with the reason when it refuses', async () => {
    const dir = join(root, 'refuse');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'nb.ipynb'), notebookJson(['%matplotlib inline\nx = 1']));
    const run = await cli(['nb.ipynb', '--cells', '1'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /cannot extract: cell 1 uses IPython %matplotlib/);
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await cli(['nb.ipynb'], root)).code, 2);
    assert.equal((await cli(['nb.ipynb', '--cells', 'x'], root)).code, 2);
  });
});
