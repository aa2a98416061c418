// Round trip with a real Python (Debian's /usr/bin/python3 with IPython, numpy, pandas, pytest), through the
// scratch kernel: the original notebook, then the rewritten one beside the generated module, each cell must show
// what it showed before (test/helpers/run-before-after.ts). The generated files must pass py_compile, and the
// generated tests must pass under pytest without a skip: a test that asserts nothing is not a test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CASES_DIR, caseNames, runCase } from '../fixtures/extract/cases';
import { assertSameOutputs, TEST_PYTHON } from '../helpers/run-before-after';

function python(args: string[], cwd: string) {
  return spawnSync(TEST_PYTHON, args, { cwd, encoding: 'utf8' });
}

/** The .py files a case folder holds before the extraction (an existing module), by name. */
function existingFiles(name: string): Record<string, string> {
  const dir = join(CASES_DIR, name);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.py'))
      .map((file) => [file, readFileSync(join(dir, file), 'utf8')]),
  );
}

describe('extract: round trip with python3', () => {
  const root = mkdtempSync(join(tmpdir(), 'nbhygiene-extract-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const name of caseNames()) {
    it(`${name}: same outputs before and after, files compile, tests pass without a skip`, async () => {
      const result = await runCase(name);
      await assertSameOutputs(result.notebookText, result.newNotebook, {
        files: existingFiles(name),
        afterFiles: Object.fromEntries(result.files),
        match: 'position',
      });
      const rewritten = join(root, name);
      for (const [file, text] of result.files) {
        mkdirSync(dirname(join(rewritten, file)), { recursive: true });
        writeFileSync(join(rewritten, file), text);
      }
      for (const file of result.files.keys()) {
        const compiled = python(['-m', 'py_compile', file], rewritten);
        assert.equal(compiled.status, 0, `${file}: ${compiled.stderr}`);
      }
      const tests = python(['-m', 'pytest', '-q', '-rs', '-p', 'no:cacheprovider', 'tests'], rewritten);
      assert.equal(tests.status, 0, tests.stdout + tests.stderr);
      assert.match(tests.stdout, /\d+ passed/, tests.stdout);
      assert.doesNotMatch(tests.stdout, /skipped|deselected/, tests.stdout);
    });
  }
});
