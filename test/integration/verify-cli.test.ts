// `nbhygiene verify` as a user runs it, with /usr/bin/python3: exit codes like `check`, each cell's verdict, and the
// findings that explain a failure or a difference.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO, runCliCapturing, tempFolder } from '../helpers/cli-fixtures';
import { notebookJson } from '../helpers/notebook';
import { TEST_PYTHON } from '../helpers/run-before-after';

const FIXTURES = 'test/fixtures/verify';
const verify = (...args: string[]) => runCliCapturing(['verify', ...args, '--python', TEST_PYTHON], REPO);

describe('nbhygiene verify', () => {
  it('exits 1 on a used-before-defined bug, naming the cell, the NameError and the NH102 finding that predicted it', async () => {
    const { code, stdout } = await verify(`${FIXTURES}/used-before-defined.ipynb`);
    assert.equal(code, 1, stdout);
    assert.match(
      stdout,
      /^test\/fixtures\/verify\/used-before-defined\.ipynb:cell 3: fails: NameError: name 'rate' is not defined\n {4}NameError predicted, by NH102 \(cell 3:1\): name 'rate' is used before it is defined \(defined in cell 4\)/m,
    );
    assert.match(stdout, /Not reproduced: .*: 2 reproduced, 0 differing, 1 failing, 0 not run before\.\n$/);
  });

  it('exits 0 on a clean stdlib notebook whose saved outputs match (addresses and %time figures aside)', async () => {
    const { code, stdout, stderr } = await verify(`${FIXTURES}/clean-stdlib.ipynb`);
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /Reproduced: .*clean-stdlib\.ipynb: 5 reproduced, 0 differing, 0 failing, 0 not run before\./);
  });

  it('reports an unseeded random print as "differs" with NH401 as the reason', async () => {
    const { code, stdout } = await verify(`${FIXTURES}/unseeded-random.ipynb`);
    assert.equal(code, 1);
    assert.match(stdout, /:cell 3: differs: printed output differs: expected "0\.6394267984578837", got "0\.\d+"/);
    assert.match(stdout, /^ {4}unseeded randomness, by NH401 \(cell 3:1\): random\.random\(\) draws random numbers/m);
    assert.match(stdout, /:cell 4: reproduced/);
  });

  it('gives the same verdicts and explanations as JSON', async () => {
    const { code, stdout } = await verify(`${FIXTURES}/used-before-defined.ipynb`, '--format', 'json');
    assert.equal(code, 1);
    const [report] = JSON.parse(stdout).notebooks;
    assert.deepEqual(
      report.cells.map((cell: { cellIndex: number; verdict: string }) => [cell.cellIndex, cell.verdict]),
      [
        [1, 'reproduced'],
        [2, 'fails'],
        [3, 'reproduced'],
      ],
    );
    assert.equal(report.cells[1].run.error.ename, 'NameError');
    assert.deepEqual(
      report.cells[1].explanations.map((e: { code: string; reason: string }) => [e.code, e.reason]),
      [['NH102', 'NameError predicted']],
    );
    assert.equal(report.passed, false);
  });

  it('writes the notebook report with its Verify section as HTML', async () => {
    const folder = tempFolder({});
    const output = join(folder, 'verify.html');
    const { code } = await verify(`${FIXTURES}/unseeded-random.ipynb`, '--format', 'html', '--output', output);
    assert.equal(code, 1);
    const html = readFileSync(output, 'utf8');
    assert.match(html, /<h2>Verify: Restart &amp; Run All in a scratch kernel<\/h2>/);
    assert.match(html, /<span class="verdict-badge">Differs<\/span>/);
    assert.match(html, /unseeded randomness, by <strong>NH401<\/strong>/);
  });

  it('explains a missing path by NH402, and leaves the notebook folder as it was', async () => {
    const folder = tempFolder({
      'load.ipynb': notebookJson([
        { source: "open('/home/alice/data/sales.csv').read()[:5]", count: 1, outputs: [] },
        { source: "open('out.txt', 'w').write('x')", count: 2, outputs: [] },
      ]),
    });
    const { code, stdout } = await runCliCapturing(['verify', 'load.ipynb', '--python', TEST_PYTHON], folder);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /load\.ipynb:cell 1: fails: FileNotFoundError: .*\n {4}path missing, by NH402 \(cell 1:1\)/);
    assert.deepEqual(readdirSync(folder), ['load.ipynb']);
  });

  it('reports a cell that runs past --timeout as failing', async () => {
    const folder = tempFolder({
      'slow.ipynb': notebookJson([{ source: 'import time\ntime.sleep(20)', count: 1, outputs: [] }]),
    });
    const { code, stdout } = await runCliCapturing(
      ['verify', 'slow.ipynb', '--python', TEST_PYTHON, '--timeout', '1'],
      folder,
    );
    assert.equal(code, 1);
    assert.match(stdout, /slow\.ipynb:cell 1: fails: timed out: cell did not finish in 1s/);
  });

  it('exits 2 on usage errors and when the interpreter cannot start', async () => {
    assert.equal((await runCliCapturing(['verify'], REPO)).code, 2);
    assert.equal((await verify(`${FIXTURES}/clean-stdlib.ipynb`, '--timeout', 'soon')).code, 2);
    const missing = await runCliCapturing(
      ['verify', `${FIXTURES}/clean-stdlib.ipynb`, '--python', '/nonexistent/python3'],
      REPO,
    );
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot run .*clean-stdlib\.ipynb: cannot start Python \(\/nonexistent\/python3\)/);
  });
});
