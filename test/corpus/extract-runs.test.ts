// Extraction proven on real notebooks that run offline (read in place from the shared corpus, never copied): every
// cell of each notebook that extracts is extracted on its own, and the rewritten notebook beside the generated module
// must show what the original showed in the scratch kernel (Debian's /usr/bin/python3), cell for cell; the
// generated tests must pass (a skipped stub is allowed here, where the notebook shows nothing to assert; the
// fixtures' round trip holds the no-skip line).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { planningModel } from '../../src/core/analysis/notebook-model';
import { loadNotebook } from '../../src/core/notebook/load';
import { applyCellEditsToNotebookText } from '../../src/core/refactor/apply-plan';
import { planExtraction } from '../../src/core/refactor/extract';
import { runOutputs } from '../../src/core/verify/cell-outputs';
import { compareOutputs } from '../../src/core/verify/compare-outputs';
import { CORPUS_NOTEBOOKS } from '../helpers/corpus';
import { memoryHost } from '../helpers/memory-host';
import { testParser } from '../helpers/notebook';
import { runCells, TEST_PYTHON } from '../helpers/run-before-after';

/** Deterministic notebooks that need nothing beyond the standard library (MIT and Apache-2.0 licensed). */
const NOTEBOOKS = ['norvig__pytudes/ipynb__Babylonian digits.ipynb', 'ageron__handson-ml2/extra_autodiff.ipynb'];

describe('extract on runnable corpus notebooks', () => {
  const root = mkdtempSync(join(tmpdir(), 'nbhygiene-extract-runs-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const name of NOTEBOOKS) {
    it(`${name}: every extraction keeps every output; its tests pass`, async () => {
      const path = join(CORPUS_NOTEBOOKS, name);
      const text = readFileSync(path, 'utf8');
      const parser = await testParser();
      const model = planningModel(loadNotebook(text, '/fx/nb.ipynb').notebook!, parser);
      const before = await runCells(text);
      const ran = before.cells.filter((cell) => cell.status === 'ok');
      assert.ok(ran.length >= 5, `${name}: only ${ran.length} cells ran before`);
      const problems: string[] = [];
      let extracted = 0;
      for (const { cell } of model.codeCells) {
        if (!ran.some((run) => run.index === cell.index) || cell.source.trim() === '') continue;
        const result = await planExtraction(memoryHost({}), model, parser, {
          cellIndices: [cell.index],
          projectRoot: '/fx',
        });
        if (!result.ok) continue;
        extracted++;
        const files = Object.fromEntries(
          result.plan.fileEdits.map((edit) => [edit.path.slice('/fx/'.length), edit.newText]),
        );
        const afterRun = await runCells(applyCellEditsToNotebookText(text, result.plan.cellEdits), { files });
        for (const was of ran) {
          const now = afterRun.cells.find((candidate) => candidate.index === was.index)!;
          if (now.status !== 'ok') problems.push(`cell ${cell.index + 1} extracted: cell ${was.index + 1} now fails`);
          else
            for (const difference of compareOutputs(runOutputs(was), runOutputs(now)))
              problems.push(`cell ${cell.index + 1} extracted: cell ${was.index + 1}: ${difference.message}`);
        }
        const dir = join(root, `${extracted}`);
        for (const [file, content] of Object.entries(files)) {
          mkdirSync(dirname(join(dir, file)), { recursive: true });
          writeFileSync(join(dir, file), content);
        }
        if (result.summary.testPath === null) continue; // only classes: no test file
        const tests = spawnSync(TEST_PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], {
          cwd: dir,
          encoding: 'utf8',
        });
        if (tests.status !== 0)
          problems.push(`cell ${cell.index + 1} extracted: generated tests fail\n${tests.stdout}`);
      }
      assert.ok(extracted >= 5, `${name}: only ${extracted} cells extracted`);
      assert.deepEqual(problems, []);
    });
  }
});
