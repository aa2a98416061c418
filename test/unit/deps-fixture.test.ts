// The fixture project under test/fixtures/deps-project, read from disk through the CLI's Node host: a notebook, a
// requirements.txt and a fake installed environment (.venv/.../*.dist-info). Fixes are applied to a copy, one at a
// time with a fresh check in between, as a user would; "pin to installed version" must give exact pins.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { NODE_HOST } from '../../src/cli/node-host';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { loadProjectContext } from '../../src/core/deps/project';
import { applyCellEditsToNotebookText } from '../../src/core/refactor/apply-plan';
import type { Finding, Fix } from '../../src/core/types';
import { testEngine } from '../helpers/notebook';

const FIXTURE = resolve('test/fixtures/deps-project');

async function checkProject(root: string): Promise<Finding[]> {
  const notebook = join(root, 'analysis.ipynb');
  const project = await loadProjectContext(notebook, NODE_HOST, { workspaceRoot: root });
  // Every NH2xx rule, NH207 (off by default) too.
  const config = { ...DEFAULT_CONFIG, select: ['NH2'] };
  return (await testEngine())
    .check(readFileSync(notebook, 'utf8'), notebook, config, project)
    .findings.filter((f) => f.code.startsWith('NH2'));
}

function applyFix(root: string, fix: Fix): void {
  const notebook = join(root, 'analysis.ipynb');
  writeFileSync(notebook, applyCellEditsToNotebookText(readFileSync(notebook, 'utf8'), fix.plan.cellEdits));
  for (const edit of fix.plan.fileEdits) {
    let current: string | null = null;
    try {
      current = readFileSync(edit.path, 'utf8');
    } catch {
      current = null;
    }
    assert.equal(current, edit.expectedOldText, `${edit.path} changed under the plan`);
    writeFileSync(edit.path, edit.newText);
  }
}

function cellSources(root: string): string[] {
  const notebook = JSON.parse(readFileSync(join(root, 'analysis.ipynb'), 'utf8')) as { cells: { source: string[] }[] };
  return notebook.cells.map((cell) => cell.source.join(''));
}

describe('fixture project deps-project', () => {
  const copies: string[] = [];
  after(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'nbh-deps-'));
    copies.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    return dir;
  };

  it('reads the manifest, the installed environment and the local module from disk', async () => {
    const project = await loadProjectContext(join(FIXTURE, 'analysis.ipynb'), NODE_HOST, { workspaceRoot: FIXTURE });
    assert.deepEqual(
      project.manifests.map((m) => m.path),
      [join(FIXTURE, 'requirements.txt')],
    );
    assert.deepEqual(
      project.installed?.distributions.map((d) => `${d.name}==${d.version}`),
      [
        'google-cloud-storage==2.16.0',
        'matplotlib==3.8.4',
        'numpy==1.26.4',
        'pandas==2.2.2',
        'protobuf==4.25.3',
        'requests==2.32.3',
        'scikit-learn==1.5.0',
        'tqdm==4.66.4',
      ],
    );
    assert.ok(project.localModules.includes('helpers'));
  });

  it('reports installs, undeclared and unpinned imports, and late imports', async () => {
    const findings = await checkProject(FIXTURE);
    assert.deepEqual(
      findings.map(
        (f) =>
          `${f.code} ${f.cellIndex! + 1}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message.split(' ')[0]}`,
      ),
      [
        'NH201 2:1:14 requests',
        'NH201 2:1:23 seaborn',
        "NH202 2:2:1 '!pip",
        'NH201 2:2:17 tqdm',
        'NH204 3:1:8 numpy',
        'NH204 3:2:8 pandas',
        'NH204 3:3:8 matplotlib',
        'NH203 3:4:6 scikit-learn',
        'NH203 3:5:6 google-cloud-storage',
        "NH207 5:1:8 'tqdm'",
      ],
    );
    const sklearn = findings.find((f) => f.message.startsWith('scikit-learn'))!;
    assert.match(sklearn.message, /resolved by the installed environment/);
  });

  it('pins every declaration and install to the installed versions, exactly', async () => {
    const root = copy();
    for (let round = 0; round < 20; round++) {
      const fix = (await checkProject(root))
        .filter((f) => f.code === 'NH204' || f.code === 'NH201')
        .flatMap((f) => f.fixes)
        .find((candidate) => candidate.title.startsWith('Pin ') && !candidate.ask);
      if (!fix) break;
      applyFix(root, fix);
    }
    assert.equal(
      readFileSync(join(root, 'requirements.txt'), 'utf8'),
      '# analysis dependencies\npandas==2.2.2\nnumpy==1.26.4\nmatplotlib==3.8.4\n',
    );
    assert.equal(cellSources(root)[1], '%pip install requests==2.32.3 seaborn\n!pip install -q "tqdm==4.66.4"');
    const left = (await checkProject(root)).filter((f) => f.code === 'NH201' || f.code === 'NH204');
    assert.deepEqual(
      left.map((f) => f.message.split(' ')[0]),
      ['seaborn'],
    );
  });

  it('adds the undeclared distributions to requirements.txt and rewrites !pip, leaving the rest of the notebook as it was', async () => {
    const root = copy();
    const before = readFileSync(join(root, 'analysis.ipynb'), 'utf8');
    for (const code of ['NH203', 'NH203', 'NH202']) {
      const fix = (await checkProject(root)).find((f) => f.code === code)!.fixes[0]!;
      applyFix(root, fix);
    }
    assert.equal(
      readFileSync(join(root, 'requirements.txt'), 'utf8'),
      '# analysis dependencies\npandas>=2.0\nnumpy\nmatplotlib~=3.8\nscikit-learn==1.5.0\ngoogle-cloud-storage==2.16.0\n',
    );
    const after = readFileSync(join(root, 'analysis.ipynb'), 'utf8');
    assert.equal(after, before.replace('"!pip install -q \\"tqdm>=4\\""', '"%pip install -q \\"tqdm>=4\\""'));
  });
});
