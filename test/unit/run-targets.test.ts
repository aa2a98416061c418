// `%run helpers.py` / `%run helpers.ipynb` whose file is in the project: the names it defines are defined at the
// `%run`, every other name is still checked; a file nobody can read keeps the `%run` a "maybe defined" for all.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { createProjectContextCache } from '../../src/cli/project-cache';
import { loadProjectContext } from '../../src/core/deps/project';
import { runTarget } from '../../src/core/python/run-magic';
import { notebookJson, testEngine, type CellSpec } from '../helpers/notebook';
import { memoryHost } from '../helpers/memory-host';

const NOTEBOOK = '/p/nb.ipynb';

/** Findings of `code` as `cell:line:col` for a notebook at /p/nb.ipynb with these files beside it. */
async function findingsWith(
  code: string,
  cells: (string | CellSpec)[],
  files: Record<string, string>,
): Promise<string[]> {
  const text = notebookJson(cells);
  const host = memoryHost({ '/p/.git/HEAD': '', [NOTEBOOK]: text, ...files });
  const project = await loadProjectContext(NOTEBOOK, host);
  const result = (await testEngine()).check(text, NOTEBOOK, undefined, project);
  return result.findings
    .filter((f) => f.code === code)
    .map(
      (f) => `${f.cellIndex === null ? '-' : f.cellIndex + 1}:${f.range.start.line + 1}:${f.range.start.character + 1}`,
    );
}

const HELPERS_PY = 'import json\n\ndef load(path):\n    return json.load(open(path))\n\nROOT = "data"\n';
const HELPERS_NB = notebookJson([
  { source: '# Helpers', type: 'markdown' },
  'import json',
  'def load(path):\n    return json.load(open(path))',
  'ROOT = "data"',
]);

describe('%run of a file in the project', () => {
  it('a .py beside the notebook defines its names; other unknown names are NH103', async () => {
    const cells = ['%run helpers.py', 'data = load(ROOT)', 'undefined_thing(data)'];
    assert.deepEqual(await findingsWith('NH103', cells, { '/p/helpers.py': HELPERS_PY }), ['3:1:1']);
  });

  it('a helper notebook defines the names its code cells bind', async () => {
    const cells = ['%run helpers.ipynb', 'data = load(ROOT)', 'undefined_thing(data)'];
    assert.deepEqual(await findingsWith('NH103', cells, { '/p/helpers.ipynb': HELPERS_NB }), ['3:1:1']);
  });

  it('a missing file keeps every later unknown name maybe defined', async () => {
    const cells = ['%run helpers.py', 'data = load(ROOT)', 'undefined_thing(data)'];
    assert.deepEqual(await findingsWith('NH103', cells, {}), []);
  });

  it('no project read (no file system): the %run stays maybe-defined', async () => {
    const result = (await testEngine()).check(notebookJson(['%run helpers.py', 'undefined_thing()']), 'nb.ipynb');
    assert.deepEqual(
      result.findings.filter((f) => f.code === 'NH103'),
      [],
    );
  });

  it('a name read before the %run that defines it is NH102: Restart & Run All fails there', async () => {
    const cells = ['load("x")', '%run helpers.py'];
    const files = { '/p/helpers.py': HELPERS_PY };
    assert.deepEqual(await findingsWith('NH102', cells, files), ['1:1:1']);
    assert.deepEqual(await findingsWith('NH103', cells, files), []);
  });

  it('IPython finds `%run -i helpers arg1` as helpers.py, with options and arguments', async () => {
    const cells = ['%run -i -N 2 helpers --verbose', 'load(ROOT)', 'undefined_thing()'];
    assert.deepEqual(await findingsWith('NH103', cells, { '/p/helpers.py': HELPERS_PY }), ['3:1:1']);
  });

  it('a path relative to the notebook folder, and the automagic `run`', async () => {
    const cells = ['run ../lib/helpers.py', 'load(ROOT)', 'undefined_thing()'];
    const host = { '/p/.git/HEAD': '', '/p/lib/helpers.py': HELPERS_PY };
    const text = notebookJson(cells);
    const files = { ...host, '/p/nbs/nb.ipynb': text };
    const project = await loadProjectContext('/p/nbs/nb.ipynb', memoryHost(files));
    const result = (await testEngine()).check(text, '/p/nbs/nb.ipynb', undefined, project);
    assert.deepEqual(
      result.findings.filter((f) => f.code === 'NH103').map((f) => f.cellIndex),
      [2],
    );
  });

  it('a file with a star import defines its names and may define others: silence after it', async () => {
    const helpers = 'from numpy import *\n\ndef load(path):\n    return path\n';
    const cells = ['load("x")', '%run helpers.py', 'load(ROOT)', 'anything_at_all()'];
    const files = { '/p/helpers.py': helpers };
    assert.deepEqual(await findingsWith('NH103', cells, files), []);
    // load is known to come from the file: the read before it still fails on Restart & Run All.
    assert.deepEqual(await findingsWith('NH102', cells, files), ['1:1:1']);
  });

  it('a name the file deletes is not defined by it', async () => {
    const helpers = 'tmp = 1\nkeep = tmp + 1\ndel tmp\n';
    assert.deepEqual(await findingsWith('NH103', ['%run helpers.py', 'keep, tmp'], { '/p/helpers.py': helpers }), [
      '2:1:7',
    ]);
  });

  it('a %run inside a helper notebook is followed, relative to the first notebook folder', async () => {
    const outer = notebookJson(['%run base.py', 'def load(path):\n    return base_read(path)']);
    const files = { '/p/helpers.ipynb': outer, '/p/base.py': 'def base_read(path):\n    return path\n' };
    const cells = ['%run helpers.ipynb', 'load(1), base_read(2)', 'undefined_thing()'];
    assert.deepEqual(await findingsWith('NH103', cells, files), ['3:1:1']);
  });

  it('a helper whose own %run file is missing may define anything', async () => {
    const outer = notebookJson(['%run missing.py', 'def load(path):\n    return path']);
    const cells = ['%run helpers.ipynb', 'load(1)', 'undefined_thing()'];
    assert.deepEqual(await findingsWith('NH103', cells, { '/p/helpers.ipynb': outer }), []);
  });

  it('notebooks that run each other do not loop', async () => {
    const a = notebookJson(['%run b.ipynb', 'a_name = 1']);
    const b = notebookJson(['%run a.ipynb', 'b_name = 2']);
    const cells = ['%run a.ipynb', 'a_name, b_name', 'undefined_thing()'];
    assert.deepEqual(await findingsWith('NH103', cells, { '/p/a.ipynb': a, '/p/b.ipynb': b }), []);
  });

  it('`%run -m module` and a %cd before it keep the conservative reading', async () => {
    const files = { '/p/helpers.py': HELPERS_PY };
    assert.deepEqual(await findingsWith('NH103', ['%run -m helpers', 'undefined_thing()'], files), []);
    assert.deepEqual(await findingsWith('NH103', ['%cd /tmp', '%run helpers.py', 'undefined_thing()'], files), []);
  });

  it("the CLI's project cache gives each notebook of a folder its own %run files", async () => {
    const host = memoryHost({
      '/p/.git/HEAD': '',
      '/p/a.ipynb': notebookJson(['%run one.py']),
      '/p/b.ipynb': notebookJson(['%run two.py']),
      '/p/one.py': 'x = 1\n',
      '/p/two.py': 'y = 2\n',
    });
    const cache = createProjectContextCache({ cwd: '/p', host });
    assert.deepEqual(Object.keys((await cache.contextFor('/p/a.ipynb')).runFiles ?? {}), ['/p/one.py']);
    assert.deepEqual(Object.keys((await cache.contextFor('/p/b.ipynb')).runFiles ?? {}), ['/p/two.py']);
  });
});

describe('runTarget', () => {
  it('reads the file out of the arguments as IPython parses them', () => {
    assert.equal(runTarget('helpers.py'), 'helpers.py');
    assert.equal(runTarget('-i helpers.py a b'), 'helpers.py');
    assert.equal(runTarget('-it -N5 helpers'), 'helpers');
    assert.equal(runTarget('-d -b 12 helpers.py'), 'helpers.py');
    assert.equal(runTarget('"my helpers.ipynb" --flag'), 'my helpers.ipynb');
    assert.equal(runTarget('-m package.module'), null);
    assert.equal(runTarget('$folder/helpers.py'), null);
    assert.equal(runTarget('{name}.py'), null);
    assert.equal(runTarget('~/helpers.py'), null);
    assert.equal(runTarget('-x helpers.py'), null);
    assert.equal(runTarget(''), null);
  });
});

describe('nbhygiene check with %run', () => {
  const made: string[] = [];
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the helper file beside the notebook', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nbhygiene-run-'));
    made.push(root);
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, 'helpers.py'), HELPERS_PY);
    writeFileSync(join(root, 'nb.ipynb'), notebookJson(['%run helpers.py', 'load(ROOT)', 'undefined_thing()']));
    let stdout = '';
    const code = await runCli(['check', '--select', 'NH103', 'nb.ipynb'], {
      cwd: root,
      env: {},
      stdoutIsTTY: false,
      stderrIsTTY: false,
      writeStdout: (text) => void (stdout += text),
      writeStderr: () => undefined,
    });
    assert.equal(code, 1);
    const found = stdout.split('\n').filter((line) => line.includes('NH103'));
    assert.equal(found.length, 1);
    assert.match(found[0]!, /cell 3:1:1: NH103 .*undefined_thing/);
  });
});
