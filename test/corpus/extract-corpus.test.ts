// Extract-to-module over the corpus: every Python code cell of every notebook, one at a time. Counts successes and
// each refusal reason (kept as a reviewed snapshot, UPDATE_SNAPSHOT=1 rewrites it); every success must give a module
// and a test file that py_compile accepts and a notebook that still loads.
import { planningModel } from '../../src/core/analysis/notebook-model';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isPythonLanguage } from '../../src/core/engine';
import { loadNotebook } from '../../src/core/notebook/load';
import { applyCellEditsToNotebookText } from '../../src/core/refactor/apply-plan';
import { planExtraction } from '../../src/core/refactor/extract';
import { corpusName, corpusNotebooks } from '../helpers/corpus';
import { memoryHost } from '../helpers/memory-host';
import { testParser } from '../helpers/notebook';

const SNAPSHOT = 'test/corpus/extract-snapshot.json';

interface Snapshot {
  cells: number;
  totals: Record<string, number>;
  perNotebook: Record<string, Record<string, number>>;
}

function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function formatSnapshot(snapshot: Snapshot): string {
  const lines = Object.entries(snapshot.perNotebook).map(
    ([name, counts]) => `    ${JSON.stringify(name)}: ${JSON.stringify(counts)}`,
  );
  return `{\n  "cells": ${snapshot.cells},\n  "totals": ${JSON.stringify(snapshot.totals)},\n  "perNotebook": {\n${lines.join(',\n')}\n  }\n}\n`;
}

describe('extract over the corpus', () => {
  it('extracts or refuses every Python code cell; every success compiles and loads', async () => {
    const parser = await testParser();
    const host = memoryHost({});
    const out = mkdtempSync(join(tmpdir(), 'nbhygiene-extract-corpus-'));
    const written: string[] = [];
    const perNotebook: Record<string, Record<string, number>> = {};
    const totals: Record<string, number> = {};
    let cells = 0;
    try {
      for (const file of corpusNotebooks()) {
        const name = corpusName(file);
        const text = readFileSync(file, 'utf8');
        const notebook = loadNotebook(text, '/nb/notebook.ipynb').notebook;
        if (!notebook || !isPythonLanguage(notebook.language)) continue;
        const model = planningModel(notebook, parser);
        const counts: Record<string, number> = {};
        for (const { cell } of model.codeCells) {
          if (cell.source.trim() === '') continue;
          cells++;
          const result = await planExtraction(host, model, parser, { cellIndices: [cell.index], projectRoot: '/nb' });
          const key = result.ok ? 'ok' : result.reason;
          counts[key] = (counts[key] ?? 0) + 1;
          totals[key] = (totals[key] ?? 0) + 1;
          if (!result.ok) continue;
          const rewritten = applyCellEditsToNotebookText(text, result.plan.cellEdits);
          assert.ok(
            loadNotebook(rewritten, name).notebook,
            `${name} cell ${cell.index + 1}: the rewritten notebook does not load`,
          );
          for (const edit of result.plan.fileEdits) {
            const path = join(out, `${written.length}.py`);
            writeFileSync(path, edit.newText);
            written.push(`${name} cell ${cell.index + 1} ${edit.path}`);
          }
        }
        perNotebook[name] = sorted(counts);
      }
      // A `type X = ...` statement (PEP 695, in notebooks that ran on Python 3.12+) needs Python 3.12 to compile.
      const script =
        'import py_compile, re, sys\nfor k in range(int(sys.argv[1])):\n    if sys.version_info < (3, 12) and re.search(r"^\\s*type [A-Za-z_]\\w*\\s*[[=]", open(f"{k}.py").read(), re.M):\n        continue\n    try:\n        py_compile.compile(f"{k}.py", doraise=True)\n    except py_compile.PyCompileError as e:\n        print(k, str(e).splitlines()[-1])\n';
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'compile_all.py'), script);
      const run = spawnSync('python3', ['compile_all.py', String(written.length)], { cwd: out, encoding: 'utf8' });
      if (run.status === 0 || run.error === undefined) {
        const failures = run.stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => `${written[Number(line.split(' ')[0])]}: ${line}`);
        assert.deepEqual(failures, [], 'generated files that py_compile rejects');
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    const actual = formatSnapshot({ cells, totals: sorted(totals), perNotebook });
    if (process.env.UPDATE_SNAPSHOT === '1') writeFileSync(SNAPSHOT, actual);
    assert.equal(
      actual,
      readFileSync(SNAPSHOT, 'utf8'),
      'extraction counts changed: review, then run UPDATE_SNAPSHOT=1 npm test',
    );
  });
});
