// A check runs only the rules its config enables (as ruff does), so each rule declares the one code its findings
// carry. Skipping a rule must never change what is reported: a selective check gives exactly the findings of a full
// check with the other codes left out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NODE_HOST } from '../../src/cli/node-host';
import { DEFAULT_CONFIG, isCodeEnabled, type NbhygieneConfig } from '../../src/core/config/config';
import { loadProjectContext, type ProjectContext } from '../../src/core/deps/project';
import { CHECKED_RULES } from '../../src/core/rules/registry';
import { RULES } from '../../src/core/rules/registry';
import type { Finding } from '../../src/core/types';
import { corpusNotebooks } from '../helpers/corpus';
import { memoryHost } from '../helpers/memory-host';
import { notebookJson, testEngine } from '../helpers/notebook';

interface Input {
  path: string;
  text: string;
  project: ProjectContext | null;
}

/** A notebook in an in-memory project with `files` beside it. */
async function inMemoryProject(cells: string[], files: Record<string, string>): Promise<Input> {
  const path = '/p/nb.ipynb';
  const project = await loadProjectContext(path, memoryHost({ '/p/.git/HEAD': '', [path]: '{}', ...files }));
  return { path, text: notebookJson(cells), project };
}

/**
 * The corpus (no project), the dependency fixture with its manifest and environment, and small projects for
 * what neither has: no manifest, untested functions, no tests, a hard-coded secret and a pin the manifest contradicts.
 */
async function readInputs(): Promise<Input[]> {
  const fixture = resolve('test/fixtures/deps-project/analysis.ipynb');
  const project = await loadProjectContext(fixture, NODE_HOST, {
    workspaceRoot: resolve('test/fixtures/deps-project'),
  });
  const secret = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
  return [
    await inMemoryProject(
      [
        'import numpy as np\n%pip install numpy==1.25.0',
        '%pip install numpy==1.26.4',
        'def clean(x):\n    return x',
        `token = "${secret}"`,
      ],
      { '/p/tests/test_other.py': 'from lib import other\n' },
    ),
    // A module of its own makes NH304 apply; the %cd is NH406's (the corpus has none left).
    await inMemoryProject(['def f():\n    pass', '%cd /home/ann/data'], { '/p/helpers.py': 'def g():\n    pass\n' }),
    await inMemoryProject(['%pip install numpy==1.25.0'], { '/p/requirements.txt': 'numpy==1.26.4\n' }),
    ...corpusNotebooks().map((path) => ({ path, text: readFileSync(path, 'utf8'), project: null })),
    // NH105 (off by default) finds nothing in the corpus: a cell without a count that an output below would read.
    {
      path: 'skipped.ipynb',
      text: notebookJson([
        { source: 'df = load()', count: 1 },
        { source: 'df = df.dropna()', count: null },
        { source: 'df.describe()', count: 2, outputs: [{ output_type: 'stream', name: 'stdout', text: '3 rows\n' }] },
      ]),
      project: null,
    },
    { path: fixture, text: readFileSync(fixture, 'utf8'), project },
    ...['clean-pipeline.ipynb', 'messy-analysis.ipynb'].map((name) => {
      const path = join('examples', name);
      return { path, text: readFileSync(path, 'utf8'), project: null };
    }),
  ];
}

function describeFinding(finding: Finding): string {
  return `${finding.code} ${finding.cellIndex}:${finding.range.start.line}:${finding.range.start.character} ${finding.message}`;
}

let inputsRead: Promise<Input[]> | undefined;

/** Read once for both tests: the corpus is 32 MB. */
function inputs(): Promise<Input[]> {
  inputsRead ??= readInputs();
  return inputsRead;
}

// Every rule, those off by default too: `select` with the prefix every code has.
const EVERY_RULE: NbhygieneConfig = { ...DEFAULT_CONFIG, select: ['NH'] };

describe('running only the selected rules', () => {
  it('lists every rule code once, and each rule reports only its own code', async () => {
    const codes = CHECKED_RULES.map((rule) => rule.code);
    assert.equal(new Set(codes).size, codes.length, 'a code listed twice');
    // The engine reports these itself: its own crash, the loader's three, and a notebook in another language.
    const engineCodes = ['NH000', 'NH001', 'NH002', 'NH003', 'NH005'];
    const ruleCodes = RULES.map((info) => info.code).filter((code) => !engineCodes.includes(code));
    assert.deepEqual([...codes].sort(), ruleCodes.sort(), 'the rules run are the rules the registry documents');

    const engine = await testEngine();
    const seen = new Set<string>();
    for (const { path, text, project } of await inputs()) {
      const { notebook, model } = engine.check(text, path, DEFAULT_CONFIG, project);
      if (!notebook || !model) continue;
      for (const rule of CHECKED_RULES) {
        const code = rule.code;
        // NH107 reads what only an editor knows (a cell edited since it ran): the counted cells are marked so.
        const seenBy =
          code === 'NH107'
            ? {
                ...notebook,
                cells: notebook.cells.map((cell) =>
                  cell.executionCount === null ? cell : { ...cell, changedSinceRun: true },
                ),
              }
            : notebook;
        const findings: Finding[] = rule.run({ notebook: seenBy, model, project, config: DEFAULT_CONFIG });
        for (const finding of findings) {
          assert.equal(finding.code, code, `${path}: the rule listed as ${code} reported ${describeFinding(finding)}`);
          seen.add(code);
        }
      }
    }
    // Proof that the loop above looked at real findings of every rule, not at empty lists.
    assert.deepEqual([...seen].sort(), [...codes].sort(), 'rules with findings on the inputs');
  });

  it('gives the findings of a full check with the unselected codes left out', async () => {
    const engine = await testEngine();
    const selections: Partial<NbhygieneConfig>[] = [
      { select: ['NH1'] },
      { select: ['NH0', 'NH2'] },
      { select: ['NH4', 'NH502'] },
      { select: ['NH3'], ignore: ['NH302'] },
      { ignore: ['NH4', 'NH5', 'NH103'] },
      { extendSelect: ['NH207'], ignore: ['NH1'] },
      {},
    ];
    for (const { path, text, project } of await inputs()) {
      const full = engine.check(text, path, EVERY_RULE, project).findings;
      for (const selection of selections) {
        const config: NbhygieneConfig = { ...DEFAULT_CONFIG, ...selection };
        const expected = full.filter((finding) => isCodeEnabled(finding.code, config)).map(describeFinding);
        const selective = engine.check(text, path, config, project).findings.map(describeFinding);
        assert.deepEqual(selective, expected, `${path} with ${JSON.stringify(selection)}`);
      }
    }
  });
});
